package io.ib.info.noise;

import io.ib.info.EstimatorSpec;
import io.ib.info.InformationEstimate;
import io.ib.info.LayerSample;
import io.ib.info.MutualInformationEstimator;
import io.ib.info.NoisyLayer;
import java.util.List;

/**
 * The estimator of Adilova, Geiger &amp; Fischer, "Information Plane Analysis for Dropout Neural
 * Networks" (ICLR 2023; arXiv 2303.00596, Section 4; their code github link-er/IP_dropout,
 * {@code mi_estimators/dropout_MI.py}), for a layer with Gaussian dropout: T = S (1 + beta eps) unit
 * by unit, eps ~ N(0, I), S = f(X) the layer's noiseless output and beta^2 = alpha the dropout's
 * variance (the sample's {@link NoisyLayer#multiplicative() multiplicative} noise). Spec
 * {@code gaussian-dropout:samples=M}; see {@link GaussianDropoutProvider}.
 *
 * <p><b>h(T|X).</b> Given X = x, T is Gaussian, N(s, alpha diag(s^2)), so
 * h(T|X) = E_x sum_u log(sqrt(2 pi e alpha) |s_u|) in closed form (their {@code gaussian_noise_mi}).
 * A unit with s_u = 0 (ReLU) has a degenerate conditional: its scale is taken at |s_u| = 10^-6
 * (their code adds 10^-6 to s in the log), the same floor in h(T|X) and in the mixture, so the
 * estimate stays finite and at most log n.
 *
 * <p><b>h(T).</b> T is the mixture g(t) = (1/n) sum_k N(t; s_k, alpha diag(s_k^2)) over the n
 * inputs of the evaluation set (their {@code repr_entropy}: a mixture with one Gaussian per
 * noiseless representation), its entropy by Monte Carlo at m points t_ij = s_i + sigma_i eps_ij per
 * centre: h(T) ~ -(1/(n m)) sum_ij log g(t_ij). As the {@link SamplePropagationEstimator sp}
 * estimator does, I(X;T) is the mean of the paired differences log N(t_ij; s_i, .) - log g(t_ij)
 * (the closed-form h(T|X) is their expectation; pairing removes most of the Monte Carlo spread), and
 * I(T;Y) that of log g_y(t_ij) - log g(t_ij), g_y the mixture over class y's centres.
 *
 * <p><b>What differs from their code</b> (read for this class): they model the layer as
 * eps ~ N(1, alpha^2) ({@code utils/continuous_dropouts.py} multiplies the standard normal by alpha,
 * alpha = p/(1-p)); here alpha is the variance, as Srivastava et al. (2014) define Gaussian dropout,
 * and the same sigma_u = sqrt(alpha)|s_u| is used in h(T|X) and in every mixture component (their
 * components have covariance alpha diag(|s|), not the conditional's). They build the mixture on the
 * first 1000 samples and evaluate it at the network's own noisy outputs; here the mixture is over
 * all n centres and its points are fresh draws, m per centre, so the Monte Carlo error is known.
 *
 * <p><b>Standard errors</b> are those of the Monte Carlo over the points with the centres held fixed,
 * SE^2 = sum_i s_i^2 / (m n^2) (s_i^2 the variance of centre i's m terms), shrinking as 1/sqrt(m);
 * the plug-in's own error (the mixture over n samples standing for T's law) is not included.
 * Results are in bits, in two rows ({@link #memberSpecs()}): the values, and the standard errors
 * under the spec with {@code stat=se}. Cost O(n^2 m d).
 */
public final class GaussianDropoutEstimator implements MutualInformationEstimator {
  /** Default Monte Carlo points per centre. */
  public static final int DEFAULT_SAMPLES = 2;
  /** The least |s| at which a unit's conditional scale is taken (their code's 10^-6). */
  public static final double FLOOR = 1e-6;

  private final int samples;
  private final EstimatorSpec spec;

  private GaussianDropoutEstimator(int samples) {
    if (samples < 2) {
      throw new IllegalArgumentException("gaussian-dropout needs samples >= 2 (the standard error"
          + " needs two points per centre), got " + samples);
    }
    this.samples = samples;
    this.spec = EstimatorSpec.of("gaussian-dropout", "samples", Integer.toString(samples));
  }

  /**
   * The estimator.
   *
   * @param samples Monte Carlo points per centre, &ge; 2
   */
  public static GaussianDropoutEstimator of(int samples) {
    return new GaussianDropoutEstimator(samples);
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

  /** Only the layer with Gaussian dropout: the layers below it are deterministic. */
  @Override
  public boolean measures(LayerSample sample) {
    return sample.noise() != null && sample.noise().multiplicative();
  }

  @Override
  public InformationEstimate estimate(LayerSample sample) {
    return estimateAll(sample).get(0);
  }

  @Override
  public List<InformationEstimate> estimateAll(LayerSample sample) {
    NoisyLayer noise = sample.noise();
    if (noise == null || !noise.multiplicative()) {
      throw new IllegalArgumentException("layer " + sample.layer() + " has no Gaussian dropout:"
          + " gaussian-dropout estimates the last hidden layer of a network trained and measured"
          + " with --gaussian-dropout ALPHA");
    }
    int n = sample.size();
    int d = sample.width();
    float[] centres = SamplePropagationEstimator.finite(noise.centres(0), sample, n * d);
    int[] labels = sample.labels();
    GaussianMixtureSums.Sums s = DropoutMixtureSums.run(centres, n, d, labels, sample.numClasses(),
        noise.beta(), FLOOR, samples, SamplePropagationEstimator.strataSeeds(centres, d, labels));
    return s.estimates(spec, standardErrorSpec(), sample);
  }

  /**
   * h(T|X) in closed form, in bits: (1/n) sum_i sum_u log2(sqrt(2 pi e alpha) max(|s_iu|, floor)).
   *
   * @param centres n x d row-major noiseless values
   * @param alpha the dropout's variance
   */
  public static double conditionalEntropyBits(float[] centres, int n, double alpha) {
    double beta = Math.sqrt(alpha);
    double sum = 0;
    for (float s : centres) {
      sum += Math.log(DropoutMixtureSums.sigma(s, beta, FLOOR)) + 0.5 * Math.log(2 * Math.PI * Math.E);
    }
    return sum / n / Math.log(2);
  }

  @Override
  public String toString() {
    return spec.toString();
  }
}
