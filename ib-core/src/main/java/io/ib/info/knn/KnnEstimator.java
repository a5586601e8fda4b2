package io.ib.info.knn;

import io.ib.info.EstimatorSpec;
import io.ib.info.InformationEstimate;
import io.ib.info.LayerSample;
import io.ib.info.MutualInformationEstimator;

/**
 * k-nearest-neighbour estimates of I(X;T) and I(T;Y) of a whole layer, both continuous in T: the
 * Kraskov-Stoegbauer-Grassberger estimator (Kraskov, Stoegbauer &amp; Grassberger 2004, "Estimating
 * mutual information", Phys. Rev. E 69, 066138) of I(X;T) between the inputs X and the layer T,
 * and Ross's mixed continuous-discrete estimator (Ross 2014, "Mutual information between discrete
 * and continuous data sets", PLoS ONE 9, e87357; the estimator behind scikit-learn's
 * {@code mutual_info_classif}) of I(T;Y) with the class labels Y. Spec:
 * {@code knn:k=K,variant=V,scale=S}; see {@link KnnProvider}.
 *
 * <p><b>Distances.</b> Euclidean in each space: X is the sample's n x p inputs (required), T its
 * n x d activations. The joint space (X, T) uses the max-norm z_ij = max(|x_i - x_j|, |t_i - t_j|),
 * as in KSG. psi is the digamma function; N = n; sums run over the other points j != i.
 *
 * <p><b>Scale</b> ({@link KnnScale}). MI is invariant to scaling X or T; KSG is not, because the
 * max-norm compares distances across the two spaces. With {@code scale=none} (the default, KSG as
 * published) the raw distances are compared: where one space's distances dwarf the other's (784
 * pixels against an untrained layer's small activations), the k-th joint neighbour is set by that
 * space alone, n_t,i is nearly N for every point, and variant 1's I(X;T) comes out near 0 whatever
 * the layer does. {@code scale=sd} divides each space by the square root of its total variance
 * (the sum of its columns' population variances) first, so that both have the same mean squared
 * pairwise distance, and the estimate no longer depends on the units of either space (like
 * scikit-learn, which scales every feature to unit variance, but per space: the Euclidean geometry
 * within X and within T is kept). The mixed estimator uses T alone and is unaffected.
 *
 * <p><b>I(X;T), KSG</b> (nats, converted to bits). eps_i = the k-th smallest z_ij over j != i.
 * <ul>
 *   <li>Variant 1 ({@code variant=1}, the default): n_x,i = #{j : |x_i - x_j| &lt; eps_i},
 *       n_t,i = #{j : |t_i - t_j| &lt; eps_i} (strictly inside, the paper's "&lt; eps_i / 2" with
 *       eps_i / 2 the neighbour distance), and
 *       <pre>  I = psi(k) + psi(N) - (1/N) sum_i [psi(n_x,i + 1) + psi(n_t,i + 1)]</pre>
 *   <li>Variant 2: the k-NN box of point i has half-sides eps_x,i and eps_t,i, the largest
 *       marginal distances among its k neighbours; n_x,i = #{j : |x_i - x_j| &le; eps_x,i},
 *       n_t,i likewise, and
 *       <pre>  I = psi(k) - 1/k + psi(N) - (1/N) sum_i [psi(n_x,i) + psi(n_t,i)]</pre>
 * </ul>
 *
 * <p><b>I(T;Y), mixed</b> (nats, converted to bits). For point i with label y, N_y points of
 * class y: r_i = the distance in T to its min(k, N_y - 1)-th nearest neighbour of class y;
 * m_i = #{j != i : |t_i - t_j| &le; r_i} (all classes: the closed ball, "including the kth
 * neighbour itself", as Ross writes) and k_i = #{j != i of class y : |t_i - t_j| &le; r_i}, the
 * points of its class in the same ball: min(k, N_y - 1) unless several tie at r_i. Without ties
 * this is Ross's and scikit-learn's estimator (which counts m_i as 1 + the points strictly inside,
 * the same number). Points whose label occurs once are dropped from every term and count, N'
 * being the number of points kept:
 * <pre>  I = psi(N') + &lt;psi(k_i)&gt; - &lt;psi(N_{y_i})&gt; - &lt;psi(m_i)&gt;
 *      (means over kept points)</pre>
 * It is reported raw, <strong>not clamped at 0</strong> (scikit-learn clamps): for T independent
 * of Y it fluctuates around 0 and can be slightly negative (in high dimension far more: -1.8 bits
 * on a synthetic 256-unit ReLU layer whose 10 classes differ in spread, where a point's nearest
 * neighbours mostly belong to the concentrated classes); with the classes far apart (every m_i =
 * k_i) it is psi(N') - &lt;psi(N_y)&gt;, which exceeds the plug-in H(Y) by about (C - 1) / (2 N') nats
 * for C classes (digamma against logarithm; 0.0006 bits for MNIST's 10,000 test labels). Both are
 * the estimator's bias and noise, shown as they are. If no label occurs twice, I(T;Y) is 0.
 *
 * <p><b>Ties and repeated points</b> (dead ReLU units give identical rows; quantized layers give
 * equal distances). No noise is added (the usual KSG / scikit-learn remedy); deterministic rules:
 * <ul>
 *   <li>Spaces on levels: a quantized layer's sample declares its levels
 *       ({@link LayerSample#levels()}); the inputs are taken to be on levels when their values lie
 *       on a uniform grid of at most 4096 levels (MNIST's pixels v / 255: 256 levels). Such a space's
 *       distances are those between the levels, step * |q_i - q_j| for the level indices q,
 *       computed exactly (integers in the GEMM, below 2^53; see {@code LevelGrid}), so ties are
 *       ties and every count below is the same for every order of the samples and of the columns
 *       of X and T (the estimates then agree up to the rounding of their sums, about 1e-15). With
 *       {@code scale=sd} the total variance is summed exactly in level units too. An activation
 *       off its sample's declared levels (more than a hundredth of a step away) is an error.
 *   <li>Continuous spaces: rows equal bit for bit (-0.0 = 0.0) are at distance exactly 0 from each
 *       other and at one common distance from every other point, whatever the GEMM's rounding.
 *       Other ties are exact where the double arithmetic is (distances from an all-zero row);
 *       elsewhere, distances within double rounding (about 1e-16 |t|^2) of each other are ordered
 *       by their rounded values.
 *   <li>Every count is defined by the distances alone, never by which of several points tied at
 *       the k-th distance a search would call "the k-th": eps_i, eps_x,i, eps_t,i and r_i are
 *       values, the same whichever tied point sets them.
 *   <li>Variant 1 counts strictly inside eps_i, so points tied at eps_i are not counted (in X, in
 *       T), as in the paper, where a count n_x,i or n_t,i excludes the point at the k-th distance.
 *   <li>Variant 2: the box is spanned by every point with z_ij &le; eps_i (ties at the k-th
 *       distance included), and k in psi(k) - 1/k becomes their number. If the box has zero extent
 *       in X or in T (all its points repeat x_i or t_i exactly), the point takes the variant-1
 *       term psi(k) - psi(n_x,i + 1) - psi(n_t,i + 1) instead: the 1/k correction assumes both
 *       sides are set by neighbours at positive distance.
 *   <li>Atoms: if eps_i = 0 (at least k other points repeat both x_i and t_i), the point's term is
 *       psi(a) - psi(a_x) - psi(a_t) + psi(N), a = points repeating (x_i, t_i), a_x repeating x_i,
 *       a_t repeating t_i, each counting the point itself: the plug-in form of a discrete point.
 *   <li>Mixed estimator: points tied at r_i are all in the closed ball, in m_i and, if of class y,
 *       in k_i. Counting both in one ball keeps the estimator's ratio k_i / m_i a density ratio:
 *       with Y independent of a tied T, k_i = min(k, N_y - 1) with m_i strictly inside (sklearn)
 *       would be biased up by about psi(k) - psi(number inside), and k fixed with m_i the closed
 *       ball (Ross's words taken literally) down by psi(k) - psi(k_i).
 *   <li>Mixed estimator: if r_i = 0 (at least k_i others of its class repeat t_i), k_i becomes the
 *       number of points of its class that repeat t_i and m_i the number of kept points that do,
 *       both counting the point itself. A constant layer thus gives I(T;Y) = 0 exactly (without
 *       this rule, scikit-learn's m_i counts every repeat but k_i stays k, far from 0).
 * </ul>
 * So a constant layer gives I(X;T) = 0 (when the inputs do not repeat) and I(T;Y) = 0 exactly.
 *
 * <p><b>Bias and spread.</b> Measured here (KnnBiasTest) on a bivariate Gaussian with rho = 0.9
 * (I = 1.1980 bits), k = 3: mean error over seeds, +- its standard error, and the spread (sd) of
 * one estimate, in bits:
 * <pre>
 *   n      seeds  variant 1                  variant 2
 *   100    400    +0.000 +- 0.008, sd 0.149  +0.012 +- 0.008, sd 0.160
 *   300    200    +0.025 +- 0.007, sd 0.100  +0.028 +- 0.007, sd 0.105
 *   1000    60    +0.008 +- 0.008, sd 0.064  +0.007 +- 0.008, sd 0.063
 *   3000    20    +0.011 +- 0.005, sd 0.023  +0.010 +- 0.005, sd 0.024
 * </pre>
 * In two dimensions the bias is a few hundredths of a bit at most and the spread of one estimate,
 * about 1.5 / sqrt(n) bits, dominates. In more dimensions KSG underestimates strong dependence:
 * for 3-d X and 2-d T (I = 1.60 bits) at n = 3000 the mean error was -0.057 bits (variant 1) and
 * -0.048 bits (variant 2) (KnnClosedFormsTest); for layers of hundreds of units it is far larger.
 * For a deterministic network (T = f(X)) the true I(X;T) is infinite for continuous X: what KSG
 * reports then measures the geometry of T at the scale of the k-th neighbour, like every estimator
 * in this library.
 *
 * <p><b>Computation</b> ({@code NeighbourStatistics}): one pass over blocks of rows, each row block
 * of squared distances in X and in T from one double GEMM per space (n^2 (p + d) multiply-adds in
 * all), then Java loops over the block's primitive rows: the k smallest by insertion into a
 * k-element buffer (no sort), counts by comparison. Working memory: 32 bytes per block element,
 * bounded by the memory budget (default {@link #DEFAULT_MEMORY_BUDGET_BYTES}), plus the
 * double copies of X and T off-heap, at most 8 n (p + d) bytes (84 MB for n = 10,000, p = 784,
 * d = 256; columns constant over the sample are left out), and, for the duration of a call, a float
 * copy of the inputs, the bit patterns used to find repeated rows and, for spaces on levels, the
 * level indices, at most 4 n (3p + 2d) bytes on the heap. Activations are read as float32 (the
 * sample's shared copy); activations and inputs must be finite. Finding whether the inputs lie on
 * levels reads them once more (once per cache entry with the input cache). For variant 1 on a layer
 * of at least 64 varying units, T's GEMM is a float GEMM used as a filter, the entries that can
 * decide a count made exact (package notes; 4 more bytes per block element, and a float copy of T's
 * varying columns, 8 n d bytes); the system property {@code ib.knn.floatFilter=false} turns it off.
 * The results are the same bit for bit either way.
 *
 * <p><b>Input cache.</b> The inputs are the same at every measurement of a sweep, so the input side
 * is computed once per evaluation set and kept JVM-wide: for each point its m nearest input
 * distances, sorted, with the points they lead to, from the same GEMM blocks as an uncached call.
 * A later call on the same inputs (recognised by content; any k, variant or scale) computes only
 * the layer's distances and reads X's from the cache; X's GEMM runs only for the row blocks holding
 * a point whose joint k-th distance or counts reach beyond its m nearest inputs (and, after a block
 * where most points do, for the next blocks without trying the cache). Results are identical to
 * the last bit with and without the cache (the same values, compared by the same rules). The first
 * call on new inputs fills the cache as it goes (1.3 to 2 times an uncached call). Memory: the
 * system property {@code ib.knn.inputCacheBytes} (default 384 MiB; 0 turns the cache off; at most
 * a quarter of the maximum heap) bounds all entries together; an entry holds 12 n p bytes of inputs
 * and 12 m + 20 bytes per point (m = 2,569 for MNIST's 10,000 test images under the default);
 * entries stay until newer ones need their room. Neither the limit nor the cache appear in the
 * spec: they change the time, not the result.
 *
 * <p>Immutable and thread-safe.
 */
public final class KnnEstimator implements MutualInformationEstimator {
  /** Default number of neighbours k (a small k, as Kraskov et al. advise, keeps the bias low). */
  public static final int DEFAULT_K = 3;

  /** Default KSG variant. */
  public static final int DEFAULT_VARIANT = 1;

  /** Largest accepted k: the k smallest distances are kept in a sorted k-element buffer. */
  public static final int MAX_K = 1000;

  /** Default bound on the distance blocks' working memory: 64 MiB. */
  public static final long DEFAULT_MEMORY_BUDGET_BYTES = 64L << 20;

  private final int k;
  private final int variant;
  private final KnnScale scale;
  private final long memoryBudgetBytes;
  private final EstimatorSpec spec;

  private KnnEstimator(int k, int variant, KnnScale scale, long memoryBudgetBytes) {
    if (k < 1 || k > MAX_K) {
      throw new IllegalArgumentException("parameter k of estimator knn must be an integer in [1, "
          + MAX_K + "], got " + k);
    }
    if (variant != 1 && variant != 2) {
      throw new IllegalArgumentException("parameter variant of estimator knn must be 1 or 2, got "
          + variant);
    }
    if (memoryBudgetBytes < 1) {
      throw new IllegalArgumentException("memory budget of estimator knn must be positive, got "
          + memoryBudgetBytes + " bytes");
    }
    this.k = k;
    this.variant = variant;
    this.scale = java.util.Objects.requireNonNull(scale, "scale");
    this.memoryBudgetBytes = memoryBudgetBytes;
    this.spec = spec(k, variant, scale);
  }

  /**
   * KSG variant {@code variant} with k neighbours on the raw distances ({@link KnnScale#NONE}), and
   * the mixed estimator with the same k.
   *
   * @param k neighbours, in [1, {@link #MAX_K}]
   * @param variant 1 or 2
   * @throws IllegalArgumentException otherwise
   */
  public static KnnEstimator of(int k, int variant) {
    return of(k, variant, KnnScale.NONE);
  }

  /**
   * As {@link #of(int, int)}, with each space's distances scaled as {@code scale} says.
   *
   * @param scale how each space is scaled before the max-norm
   */
  public static KnnEstimator of(int k, int variant, KnnScale scale) {
    return new KnnEstimator(k, variant, scale, DEFAULT_MEMORY_BUDGET_BYTES);
  }

  /** {@code knn:k=3,variant=1,scale=none}. */
  public static KnnEstimator defaults() {
    return of(DEFAULT_K, DEFAULT_VARIANT);
  }

  /**
   * A copy with another bound on the working memory of the distance blocks (32 bytes per block
   * element; a block is at least one row of n). It changes results at most by the rounding of the
   * GEMM, which may differ between block shapes.
   *
   * @param bytes positive
   */
  public KnnEstimator withMemoryBudget(long bytes) {
    return new KnnEstimator(k, variant, scale, bytes);
  }

  /**
   * The spec {@code knn:k=K,variant=V,scale=S}; every parameter is always written.
   */
  public static EstimatorSpec spec(int k, int variant, KnnScale scale) {
    return EstimatorSpec.of("knn", "k", Integer.toString(k), "variant", Integer.toString(variant),
        "scale", scale.specValue());
  }

  /** Number of neighbours k. */
  public int k() {
    return k;
  }

  /** The KSG variant, 1 or 2. */
  public int variant() {
    return variant;
  }

  /** How each space is scaled before the max-norm. */
  public KnnScale scale() {
    return scale;
  }

  /** The memory budget in bytes. */
  public long memoryBudgetBytes() {
    return memoryBudgetBytes;
  }

  @Override
  public EstimatorSpec spec() {
    return spec;
  }

  /**
   * Both estimates from one pass over the distances. {@code ixtBits} is KSG's I(X;T),
   * {@code ityBits} the mixed I(T;Y) (neither clamped), {@code htBits} is NaN (the differential
   * entropy of T is not comparable with the discrete H(T) of the binning estimators), {@code n}
   * the sample size and {@code hyBits} the labels' plug-in entropy.
   *
   * @throws IllegalArgumentException if the sample has no inputs, if an activation or input is NaN
   *     or infinite, or if it has k or fewer points
   */
  @Override
  public InformationEstimate estimate(LayerSample sample) {
    if (sample.inputs() == null) {
      throw new IllegalArgumentException("estimator " + spec + " measures I(X;T) against the inputs"
          + " X, but the sample of layer " + sample.layer() + " was made without them");
    }
    int n = sample.size();
    if (n <= k) {
      throw new IllegalArgumentException("estimator " + spec + " needs more than k = " + k
          + " samples, but layer " + sample.layer() + " has " + n);
    }
    float[] t = sample.finiteActivations();
    float[] x = LayerSample.rowMajorFloats(sample.inputs());
    int p = sample.inputs().columns();
    for (int f = 0; f < x.length; f++) {
      if (!Float.isFinite(x[f])) {
        throw new IllegalArgumentException("the inputs of layer " + sample.layer() + " have value "
            + x[f] + " at row " + f / p + ", column " + f % p + ": estimator " + spec
            + " needs finite inputs");
      }
    }
    LevelGrid levels = LevelGrid.declared(t, sample.width(), sample.levels(), sample.layer());
    NeighbourStatistics.Result r = NeighbourStatistics.compute(levels, sample.width(), x, p,
        sample.labels(), sample.numClasses(), k, variant, scale == KnnScale.SD, memoryBudgetBytes);
    double ln2 = Math.log(2);
    return new InformationEstimate(spec, r.ixtNats() / ln2, r.ityNats() / ln2, Double.NaN, n,
        sample.labelEntropyBits());
  }
}
