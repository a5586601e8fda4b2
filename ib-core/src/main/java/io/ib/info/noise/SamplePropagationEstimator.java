package io.ib.info.noise;

import io.ib.info.EstimatorSpec;
import io.ib.info.InformationEstimate;
import io.ib.info.LayerSample;
import io.ib.info.MutualInformationEstimator;
import io.ib.info.NoisyLayer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The sample-propagation (SP) estimator of Goldfeld, van den Berg, Greenewald, Melnyk, Nguyen,
 * Kingsbury &amp; Polyanskiy, "Estimating Information Flow in Deep Neural Networks" (ICML 2019;
 * arXiv 1810.05728, Section 3), for a layer T_l = S_l + Z_l of a noisy network, Z_l ~ N(0, beta^2 I_d)
 * (the sample's {@link NoisyLayer}). Spec {@code sp:draws=D,samples=M}; see {@link SpProvider}.
 *
 * <p><b>h(T).</b> With s_1..s_n the centres S_l of the n inputs, T is estimated by the Gaussian
 * mixture g(t) = (1/n) sum_k phi_beta(t - s_k), the paper's plug-in h(P_S * N_beta) (their Section 3,
 * the sample-propagation estimator), and its differential entropy by Monte Carlo: m points
 * t_ij = s_i + z_ij per centre, z_ij ~ N(0, beta^2 I),
 * <pre>  h(T) ~ -(1/(n m)) sum_ij log g(t_ij)</pre>
 * (the log-sum-exp over the centres is exact, in double).
 *
 * <p><b>Deeper layers.</b> T_l given X = x_i is itself a mixture, over the noise of the layers
 * below: D propagations of x_i through the noisy network give centres s_i^(1..D), and, as the paper
 * does, T_l | x_i is estimated by g_i(t) = (1/D) sum_k phi_beta(t - s_i^(k)) and h(T|X) by
 * -(1/(n m)) sum_ij log g_i(t_ij) at the same points (t_ij = s_i^(1) + z_ij is a draw of T given
 * x_i). The marginal mixture is then over all n D propagated samples, g = (1/n) sum_i g_i: the inputs
 * are the evaluation set, X uniform on it, so T's distribution is the average of the conditionals.
 * (A marginal over one propagation per input lacks the spread of each conditional; where the
 * inputs' conditionals do not overlap, as on the 12-bit task, it underestimates I(X;T) by about
 * (1/2) log det(I + J J^T), J the layer's Jacobian with respect to the noise below; a test shows it.)
 *
 * <p><b>First layer.</b> S_1 = f(x), so T given x_i is N(s_i, beta^2 I) and h(T|X) =
 * (d/2) log(2 pi e beta^2) exactly; its Monte Carlo form -log phi_beta(z_ij) at the same points is
 * used instead of the constant, which has the same mean and makes I(X;T) a mean of paired
 * differences log phi_beta(z_ij) - log g(t_ij) &le; log n (a constant layer gives 0 exactly, and
 * well-separated centres log n with no Monte Carlo spread).
 *
 * <p><b>I(T;Y).</b> h(T|Y=y) is the same plug-in over the centres of class y:
 * g_y(t) = (1/|C_y|) sum_{k in C_y} phi_beta(t - s_k), and I(T;Y) = h(T) - sum_y p(y) h(T|Y=y)
 * ~ (1/(n m)) sum_ij [log g_{y_i}(t_ij) - log g(t_ij)].
 *
 * <p>I(X;T) and I(T;Y) are means of paired per-point differences, so their standard errors are
 * those of the differences. The noise draws of each centre are seeded by its row's values and how
 * many equal rows of its class come before it, so the result does not depend on the order of the
 * samples or the names of the classes. <b>Standard errors</b> are Monte Carlo errors over the noise draws
 * with the centres held fixed: SE^2 = sum_i s_i^2 / (m n^2), s_i^2 the variance of centre i's m
 * terms; they shrink as 1/sqrt(m). They do not include the error of the plug-in itself, which
 * converges to the population value at the rate O((log n)^{d/4} / sqrt(n)) the paper proves
 * (Theorem 2): report n and d beside each value, and compare layers of equal d.
 *
 * <p>Results are in bits. Every estimate yields two rows ({@link #memberSpecs()}): the values, and
 * the standard errors under the spec with {@code stat=se} (its i_xt, i_ty and h_t columns hold the
 * standard errors of I(X;T), I(T;Y) and h(T)). h(T) is a differential entropy and may be negative.
 *
 * <p>Cost: O(n^2 m d) on the first layer, O(n^2 m D d) on deeper ones (every point against the n D
 * centres), and D noisy forward passes of the evaluation set per measurement (shared by the
 * layers); docs/estimators.md gives measured times.
 */
public final class SamplePropagationEstimator implements MutualInformationEstimator {
  /** Default Monte Carlo points per centre. */
  public static final int DEFAULT_SAMPLES = 2;
  /** Default propagations per input for the conditional mixtures of deeper layers. */
  public static final int DEFAULT_DRAWS = 10;
  private static final long SEED = 0x5AB1E5L;

  private final int draws;
  private final int samples;
  private final EstimatorSpec spec;

  private SamplePropagationEstimator(int draws, int samples) {
    if (samples < 2) {
      throw new IllegalArgumentException("sp needs samples >= 2 (the standard error needs two points"
          + " per centre), got " + samples);
    }
    if (draws < 1) {
      throw new IllegalArgumentException("sp needs draws >= 1, got " + draws);
    }
    this.draws = draws;
    this.samples = samples;
    this.spec = EstimatorSpec.of("sp", "draws", Integer.toString(draws), "samples",
        Integer.toString(samples));
  }

  /**
   * The estimator.
   *
   * @param draws propagations per input for deeper layers' conditional mixtures, &ge; 1
   * @param samples Monte Carlo points per centre, &ge; 2
   */
  public static SamplePropagationEstimator of(int draws, int samples) {
    return new SamplePropagationEstimator(draws, samples);
  }

  @Override
  public EstimatorSpec spec() {
    return spec;
  }

  /** The spec of the standard-error row. */
  public EstimatorSpec standardErrorSpec() {
    return spec.standardErrors();
  }

  @Override
  public List<EstimatorSpec> memberSpecs() {
    return List.of(spec, standardErrorSpec());
  }

  @Override
  public InformationEstimate estimate(LayerSample sample) {
    return estimateAll(sample).get(0);
  }

  @Override
  public List<InformationEstimate> estimateAll(LayerSample sample) {
    NoisyLayer noise = sample.noise();
    if (noise == null) {
      throw new IllegalArgumentException("layer " + sample.layer() + " is not noisy: sp estimates"
          + " the hidden layers of a noisy network (--noise BETA)");
    }
    if (noise.multiplicative()) {
      throw new IllegalArgumentException("layer " + sample.layer() + " has Gaussian dropout, not"
          + " additive noise: estimate it with gaussian-dropout, not sp");
    }
    int n = sample.size();
    int d = sample.width();
    float[] centres = finite(noise.centres(0), sample, n * d);
    float[][] conditional = null;
    if (!noise.fixedCentres()) {
      conditional = new float[draws][];
      conditional[0] = centres;
      for (int k = 1; k < draws; k++) {
        conditional[k] = finite(noise.centres(k), sample, n * d);
      }
    }
    int[] labels = sample.labels();
    GaussianMixtureSums.Sums s = GaussianMixtureSums.run(centres, n, d, labels,
        sample.numClasses(), noise.beta(), conditional, samples, strataSeeds(centres, d, labels));
    return s.estimates(spec, standardErrorSpec(), sample);
  }

  static float[] finite(float[] values, LayerSample sample, int expected) {
    if (values.length != expected) {
      throw new IllegalArgumentException("the noise of layer " + sample.layer() + " gives "
          + values.length + " centre values, expected " + expected);
    }
    for (int i = 0; i < values.length; i++) {
      if (!Float.isFinite(values[i])) {
        throw new IllegalArgumentException("layer " + sample.layer() + " has centre " + values[i]
            + " at row " + i / sample.width() + ", unit " + i % sample.width()
            + ": estimators need finite activations");
      }
    }
    return values;
  }

  /** A seed per centre from its values (-0.0 read as 0.0) and rank among equal rows of its class. */
  static long[] strataSeeds(float[] centres, int d, int[] labels) {
    long[] seeds = new long[labels.length];
    Map<RowKey, Integer> seen = new HashMap<>();
    for (int i = 0; i < labels.length; i++) {
      int[] bits = new int[d + 1];
      for (int u = 0; u < d; u++) {
        bits[u] = Float.floatToIntBits(centres[i * d + u] + 0.0f);
      }
      bits[d] = labels[i];
      RowKey key = new RowKey(bits);
      // The label counts the rank but is not in the seed, which must not change when classes are
      // renamed: equal rows of different classes share draws (unbiased, slightly correlated).
      long[] values = new long[d + 1];
      for (int u = 0; u < d; u++) {
        values[u] = bits[u];
      }
      values[d] = seen.merge(key, 1, Integer::sum);
      seeds[i] = mix(values);
    }
    return seeds;
  }

  /** A seed from values, each folded in by SplitMix64 (SplittableRandom's mixer). */
  private static long mix(long[] values) {
    long h = SEED;
    for (long v : values) {
      h = new SplittableRandom(h ^ v).nextLong();
    }
    return h;
  }

  private record RowKey(int[] bits) {
    @Override
    public boolean equals(Object o) {
      return o instanceof RowKey other && Arrays.equals(bits, other.bits);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bits);
    }

    @Override
    public String toString() {
      return Arrays.toString(bits);
    }
  }

  @Override
  public String toString() {
    return spec.toString();
  }
}
