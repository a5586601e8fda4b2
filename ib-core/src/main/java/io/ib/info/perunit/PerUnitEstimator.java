package io.ib.info.perunit;

import io.ib.info.Entropy;
import io.ib.info.EstimatorSpec;
import io.ib.info.InformationEstimate;
import io.ib.info.LayerSample;
import io.ib.info.MutualInformationEstimator;
import java.lang.ref.WeakReference;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * <strong>Reproduction of the original notebook's method</strong>, not a whole-layer estimate. Spec:
 * {@code per-unit:bins=30,units=50}.
 *
 * <p>For the first u = min(d, units, inputSize) units i:
 * <ul>
 *   <li>"I(X;T)" term: MI(pixel i, unit i). The pixel column x_i is digitized with B equal-width bins
 *       over its own [min, max], and the unit column t_i with the <em>same</em> edges;
 *   <li>"I(T;Y)" term: MI(unit i, label), t_i digitized over its own [min, max], the label as is.
 * </ul>
 * Each MI is the plug-in estimate of scikit-learn's {@code mutual_info_score}; both terms are averaged
 * over the u units and reported in bits (the notebook printed nats; divide by ln 2 to compare).
 *
 * <p><b>Digitization</b>, the notebook's {@code np.digitize(v, np.linspace(min, max, B + 1)) - 1}:
 * over a variable's [min, max] the B + 1 edges are e_j = min + j s with s = (max - min) / B, in
 * double, for j &lt; B, and e_B = max exactly (NumPy's linspace); float32 values are compared as
 * doubles, and v gets index #{j : e_j &le; v} - 1. On its own range a variable thus takes the
 * indices 0 .. B - 1, and its maximum (with every value tied to it) index B, a bin of its own: B + 1
 * symbols. A constant variable has every edge at its value, so all its values get index B. In the
 * "I(X;T)" term, unit values below the pixel's minimum get index -1 and values at or above its
 * maximum index B: B + 2 symbols. A constant pixel column gives exactly 0 for its term.
 *
 * <p>On MNIST the pixels it pairs with units lie on the image's top border: pixels 0..27 (the top
 * row) are 0 in every test image, so for k &le; 28 its "I(X;T)" is exactly 0 for every network, and
 * pixels 28..49 have ink in only 45 of the 10,000 test images (about 0.001 bits): the defect that
 * motivated this library. H(T) is not defined for it and reported as NaN.
 *
 * <p>The input columns it uses are digitized once per input matrix (by identity; a sweep passes the
 * same test inputs at every measurement): do not change an input matrix's values between calls.
 */
public final class PerUnitEstimator implements MutualInformationEstimator {
  private final int bins;
  private final int units;
  private final EstimatorSpec spec;
  // A sweep passes the same input matrix at every measurement: its columns are digitized once.
  private volatile InputColumns lastInputs;

  /** Per input column i &lt; u: its edges, its digitized values and their entropy (bits). */
  private record InputColumns(WeakReference<INDArray> source, int u, Digitizer[] digitizers,
      int[][] symbols, double[] entropyBits) {}

  /**
   * @param bins B, number of equal-width bins per variable (the notebook used 30)
   * @param units maximum number of units averaged over (the notebook used 50)
   */
  public PerUnitEstimator(int bins, int units) {
    if (bins < 1) {
      throw new IllegalArgumentException("number of bins must be at least 1, got " + bins);
    }
    if (units < 1) {
      throw new IllegalArgumentException("number of units must be at least 1, got " + units);
    }
    this.bins = bins;
    this.units = units;
    this.spec = EstimatorSpec.of(
        "per-unit", "bins", Integer.toString(bins), "units", Integer.toString(units));
  }

  /** The notebook's settings: 30 bins, first 50 units. */
  public static PerUnitEstimator notebook() {
    return new PerUnitEstimator(30, 50);
  }

  @Override
  public EstimatorSpec spec() {
    return spec;
  }

  @Override
  public InformationEstimate estimate(LayerSample sample) {
    if (sample.inputs() == null) {
      throw new IllegalArgumentException("per-unit pairs input i with unit i and needs the inputs,"
          + " but the sample of layer " + sample.layer() + " was made without them");
    }
    int n = sample.size();
    int d = sample.width();
    int u = Math.min(Math.min(d, units), sample.inputs().columns());
    InputColumns x = inputColumns(sample, n, u);
    float[] t = new float[n * u];
    if (!copyColumns(sample.activationsAsFloats(), n, d, u, t)) {
      sample.finiteActivations(); // throws, naming the first NaN or infinite activation
    }
    int[] labels = sample.labels();
    int classes = sample.numClasses();
    // Indices -1 .. B on the pixel's edges are stored shifted by one; 0 .. B on a variable's own.
    int ownSymbols = bins + 1;
    int pixelSymbols = bins + 2;
    int[] countT = new int[pixelSymbols]; // t_i on the pixel's edges
    int[] countXT = new int[ownSymbols * pixelSymbols];
    int[] countOwn = new int[ownSymbols]; // t_i on its own edges
    int[] countOwnY = new int[ownSymbols * classes];
    double ixt = 0;
    double ity = 0;
    // One pass per unit digitizes t_i both ways and fills the four frequency tables that
    // Entropy.ofSymbols and Entropy.joint would build: the same tables, so the same bits, without
    // the intermediate symbol arrays. Each MI is H(A) + H(B) - H(A,B), the order of
    // Entropy.mutualInformation.
    for (int i = 0; i < u; i++) {
      Arrays.fill(countT, 0);
      Arrays.fill(countXT, 0);
      Arrays.fill(countOwn, 0);
      Arrays.fill(countOwnY, 0);
      Digitizer byPixel = x.digitizers()[i];
      Digitizer own = Digitizer.over(t, i * n, n, bins);
      int[] pixel = x.symbols()[i];
      for (int r = 0, at = i * n; r < n; r++, at++) {
        float v = t[at];
        int k = byPixel.index(v) + 1;
        int kOwn = own.index(v);
        countT[k]++;
        countXT[pixel[r] * pixelSymbols + k]++;
        countOwn[kOwn]++;
        countOwnY[kOwn * classes + labels[r]]++;
      }
      ixt += x.entropyBits()[i] + Entropy.ofCounts(countT) - Entropy.ofCounts(countXT);
      ity += Entropy.ofCounts(countOwn) + sample.labelEntropyBits() - Entropy.ofCounts(countOwnY);
    }
    return new InformationEstimate(spec, ixt / u, ity / u, Double.NaN, n, sample.labelEntropyBits());
  }

  /** The first u input columns, digitized, cached for the last input matrix seen. */
  private InputColumns inputColumns(LayerSample sample, int n, int u) {
    InputColumns cached = lastInputs;
    if (cached != null && cached.u() == u && cached.source().get() == sample.inputs()) {
      return cached;
    }
    float[] columns = new float[n * u];
    if (!copyColumns(LayerSample.rowMajorFloats(
        sample.inputs().get(NDArrayIndex.all(), NDArrayIndex.interval(0, u))), n, u, u, columns)) {
      int at = 0;
      while (Float.isFinite(columns[at])) {
        at++;
      }
      throw new IllegalArgumentException("layer " + sample.layer() + ": input " + columns[at]
          + " at row " + at % n + ", column " + at / n + " is not finite");
    }
    Digitizer[] digitizers = new Digitizer[u];
    int[][] symbols = new int[u][n];
    double[] entropy = new double[u];
    for (int i = 0; i < u; i++) {
      digitizers[i] = Digitizer.over(columns, i * n, n, bins);
      for (int r = 0; r < n; r++) {
        symbols[i][r] = digitizers[i].index(columns[i * n + r]); // 0 .. B on its own range
      }
      entropy[i] = Entropy.ofSymbols(symbols[i], bins + 1);
    }
    InputColumns digitized =
        new InputColumns(new WeakReference<>(sample.inputs()), u, digitizers, symbols, entropy);
    lastInputs = digitized;
    return digitized;
  }

  /**
   * Copies the first {@code u} columns of an n x width row-major matrix into {@code out}, column
   * after column, in one pass over the rows (reading columns one at a time would miss the cache on
   * every value).
   *
   * @return whether every copied value is finite
   */
  private static boolean copyColumns(float[] matrix, int n, int width, int u, float[] out) {
    // The finiteness test rides along without a branch: this loop is bound by its scattered writes.
    boolean finite = true;
    for (int r = 0; r < n; r++) {
      int base = r * width;
      for (int i = 0; i < u; i++) {
        float v = matrix[base + i];
        finite &= Float.isFinite(v);
        out[i * n + r] = v;
      }
    }
    return finite;
  }

  /**
   * The B + 1 edges of NumPy's {@code np.linspace(min, max, B + 1)} over one variable, and the
   * index #{j : e_j &le; v} - 1 of a value v against them (the notebook's
   * {@code np.digitize(v, edges) - 1}): -1 below min, 0 .. B - 1 inside, B at or above max.
   *
   * <p>The edges are equally spaced up to rounding, so (v - min) / s gives the index up to one,
   * which a step against the edges corrects: no search, and no branch that is hard to predict.
   */
  private static final class Digitizer {
    private final double[] edges;
    private final double lo;
    private final double scale;
    private final boolean constant;

    /**
     * @param edges B + 1 non-decreasing edges, the first the minimum and the last the maximum
     */
    Digitizer(double[] edges) {
      this.edges = edges;
      this.lo = edges[0];
      double range = edges[edges.length - 1] - lo;
      this.constant = !(range > 0);
      this.scale = constant ? 0 : (edges.length - 1) / range;
    }

    /** The digitizer over {@code values[from .. from + n)}, n &ge; 1, with B bins. */
    static Digitizer over(float[] values, int from, int n, int bins) {
      float min = Float.POSITIVE_INFINITY;
      float max = Float.NEGATIVE_INFINITY;
      for (int r = from; r < from + n; r++) {
        min = Math.min(min, values[r]);
        max = Math.max(max, values[r]);
      }
      return new Digitizer(linspace(min, max, bins));
    }

    /**
     * NumPy's {@code np.linspace(start, stop, bins + 1)} in double: start + j * step with
     * step = (stop - start) / bins (j times the step, then the start added), the last edge exactly
     * stop.
     */
    static double[] linspace(double start, double stop, int bins) {
      double step = (stop - start) / bins;
      double[] edges = new double[bins + 1];
      for (int j = 0; j < bins; j++) {
        edges[j] = start + j * step;
      }
      edges[bins] = stop;
      return edges;
    }

    /** #{j : e_j &le; v} - 1, in [-1, B]. */
    int index(float v) {
      double x = v;
      int last = edges.length;
      if (constant) {
        return x >= lo ? last - 1 : -1; // every edge is lo
      }
      double guess = Math.floor((x - lo) * scale) + 1;
      int k = guess <= 0 ? 0 : guess >= last ? last : (int) guess;
      while (k > 0 && edges[k - 1] > x) {
        k--;
      }
      while (k < last && edges[k] <= x) {
        k++;
      }
      return k - 1;
    }
  }
}
