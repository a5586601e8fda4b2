package io.ib.info.noise;

import io.ib.info.EstimatorProvider;
import io.ib.info.EstimatorSpec;
import io.ib.info.Estimators;
import io.ib.info.MutualInformationEstimator;
import java.util.List;

/**
 * Builds the sample-propagation estimator of noisy networks, {@link SamplePropagationEstimator}:
 * {@code sp} is {@code sp:draws=10,samples=2}. The spec written into results names both
 * parameters, in that order; the noise's beta is the network's ({@code --noise}).
 */
public final class SpProvider implements EstimatorProvider {
  /** The most of either parameter. */
  static final int MAX = 100_000;

  /** The provider, as {@link java.util.ServiceLoader} makes it. */
  public SpProvider() {}

  @Override
  public String name() {
    return "sp";
  }

  @Override
  public String usage() {
    return "sp[:draws=D,samples=M] (sample propagation, Goldfeld et al. 2019, for noisy networks"
        + " (--noise BETA): h(T), h(T|Y) as Gaussian-mixture entropies by Monte Carlo, M points per"
        + " sample; h(T|X) exact on the first layer, from D propagations per input deeper; a second"
        + " row, stat=se, holds the standard errors; default D = "
        + SamplePropagationEstimator.DEFAULT_DRAWS + ", M = "
        + SamplePropagationEstimator.DEFAULT_SAMPLES + ")";
  }

  @Override
  public MutualInformationEstimator create(EstimatorSpec spec) {
    Estimators.requireKnownParameters(spec, List.of("draws", "samples"));
    int draws = Estimators.integer(spec, "draws", SamplePropagationEstimator.DEFAULT_DRAWS, 1, MAX);
    int samples = Estimators.integer(spec, "samples", SamplePropagationEstimator.DEFAULT_SAMPLES, 2,
        MAX);
    return SamplePropagationEstimator.of(draws, samples);
  }
}
