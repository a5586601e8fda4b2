package io.ib.info.binning;

import io.ib.info.EstimatorSpec;
import io.ib.info.LayerSample;

/**
 * Whole-layer binning as the IDNNs code of Shwartz-Ziv &amp; Tishby (2017) does it: E edges
 * {@code linspace(lo, hi, E)}, each unit value v mapped by NumPy's {@code digitize} to the number of
 * edges &le; v (0 .. E), and the symbol of a sample is its d-tuple of those indices. Spec:
 * {@code digitize:edges=E,range=LO:HI}; plain {@code digitize} is IDNNs' {@code edges=30,range=-1:1}.
 *
 * <p>Two details of that code are kept, because they change the numbers: values from the last edge
 * up (v &ge; hi) have a bin of their own, [hi, infinity); and IDNNs maps index i to the value
 * {@code bins[i - 1]}, so index 0 (v &lt; lo) reads {@code bins[-1]}, the last edge, and shares the
 * symbol of v &ge; hi. Neither occurs for tanh (values in (-1, 1)) with the default range. For ReLU
 * layers the fixed range is the trap Saxe et al. (2018) point out: every value above hi falls into
 * one bin, which looks like compression.
 *
 * <p>Edges are computed in double precision as {@code numpy.linspace} does (the last edge exactly hi)
 * and float32 activations are compared with them in double, as {@code digitize} does with float64
 * edges.
 */
public final class DigitizeBinning extends BinningEstimator {
  private final int edges;
  private final double lo;
  private final double hi;
  private final double[] edge;
  private final EstimatorSpec spec;

  /**
   * @param edges number of edges E &ge; 2
   * @param lo the first edge
   * @param hi the last edge, &gt; lo
   */
  public DigitizeBinning(int edges, double lo, double hi) {
    if (edges < 2) {
      throw new IllegalArgumentException("digitize needs at least 2 edges, got " + edges);
    }
    this.spec = EstimatorSpec.of("digitize", "edges", Integer.toString(edges), "range",
        rangeText(lo, hi)); // checks the range
    this.edges = edges;
    this.lo = lo;
    this.hi = hi;
    this.edge = new double[edges];
    double step = (hi - lo) / (edges - 1);
    for (int j = 0; j < edges; j++) {
      edge[j] = lo + j * step;
    }
    edge[edges - 1] = hi;
  }

  /** IDNNs' binning: 30 edges over [-1, 1]. */
  public static DigitizeBinning idnns() {
    return new DigitizeBinning(30, -1, 1);
  }

  @Override
  public EstimatorSpec spec() {
    return spec;
  }

  @Override
  protected void bin(float[] values, int[] bins, LayerSample sample) {
    sample.finiteActivations();
    double scale = (edges - 1) / (hi - lo);
    for (int i = 0; i < values.length; i++) {
      double v = values[i];
      // The equal spacing gives the index up to rounding; a step against the edges corrects it.
      double guess = Math.floor((v - lo) * scale) + 1;
      int k = guess <= 0 ? 0 : guess >= edges ? edges : (int) guess;
      while (k > 0 && edge[k - 1] > v) {
        k--;
      }
      while (k < edges && edge[k] <= v) {
        k++;
      }
      bins[i] = k == 0 ? edges : k; // IDNNs' bins[digitize - 1]: index 0 reads the last edge
    }
  }
}
