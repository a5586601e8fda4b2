package io.ib.info.binning;

import io.ib.info.Entropy;
import io.ib.info.EstimatorSpec;
import io.ib.info.InformationEstimate;
import io.ib.info.LayerSample;
import io.ib.info.MutualInformationEstimator;
import io.ib.internal.SymbolTable;

/**
 * Base of the whole-layer binning estimators: subclasses map activations to bin indices, this class
 * turns rows of indices into symbols and symbols into entropies.
 *
 * <p>With S the symbol of T and plug-in entropies over the n samples:
 * I(X;T) = H(T) (the network is deterministic, so H(T|X) = 0), and
 * I(T;Y) = H(T) + H(Y) - H(T,Y). Both lie in [0, log2 n]; I(T;Y) &le; H(Y); binning d units into B bins
 * each also gives H(T) &le; d log2 B.
 */
public abstract class BinningEstimator implements MutualInformationEstimator {
  /** For binning estimators: this package's, and users' (see the example estimator). */
  protected BinningEstimator() {}


  /**
   * Writes the bin index of every activation.
   *
   * <p>NaN and infinite activations are rejected through {@link LayerSample#finiteActivations()}:
   * call it first (one pass over the layer, shared with every other estimator on the sample), or,
   * where the binning pass notices non-finite values at no extra cost, call it when it does (it
   * then throws, naming the first one).
   *
   * @param values the sample's n * d activations, row-major
   *     ({@link LayerSample#activationsAsFloats()})
   * @param bins receives n * d bin indices
   * @param sample the sample the values belong to
   * @throws IllegalArgumentException for NaN or infinite activations, or indices out of int range
   */
  protected abstract void bin(float[] values, int[] bins, LayerSample sample);

  @Override
  public final InformationEstimate estimate(LayerSample sample) {
    float[] values = sample.activationsAsFloats();
    int n = sample.size();
    int d = sample.width();
    int[] bins = new int[values.length];
    bin(values, bins, sample);
    int[] symbols = new int[n];
    int distinct = SymbolTable.symbolize(bins, n, d, symbols);
    int[] labels = sample.labels();
    double ht = Entropy.ofSymbols(symbols, distinct);
    double hy = sample.labelEntropyBits();
    double hty = Entropy.joint(symbols, distinct, labels, sample.numClasses());
    return new InformationEstimate(spec(), ht, ht + hy - hty, ht, n, hy);
  }

  /**
   * The text {@code LO:HI} of a range, for a spec.
   *
   * @throws IllegalArgumentException unless lo and hi are finite with lo &lt; hi
   */
  static String rangeText(double lo, double hi) {
    if (!Double.isFinite(lo) || !Double.isFinite(hi) || !(hi > lo)) {
      throw new IllegalArgumentException("range must be finite with lo < hi, got " + lo + ":" + hi);
    }
    return EstimatorSpec.number(lo) + ":" + EstimatorSpec.number(hi);
  }

  /**
   * Throws {@link #notFinite} for the first NaN or infinite value, if there is one. For the
   * activations themselves, {@link LayerSample#finiteActivations()} does this once per sample.
   */
  protected static void requireFinite(float[] values, LayerSample sample) {
    for (int i = 0; i < values.length; i++) {
      if (!Float.isFinite(values[i])) {
        throw notFinite(sample, i, values[i]);
      }
    }
  }

  /** The exception for a non-finite activation at flat index {@code i} (row i / d, unit i % d). */
  protected static IllegalArgumentException notFinite(LayerSample sample, int i, float value) {
    int d = sample.width();
    return new IllegalArgumentException("layer " + sample.layer() + " has activation " + value
        + " at row " + (i / d) + ", unit " + (i % d) + ": binning needs finite activations");
  }
}
