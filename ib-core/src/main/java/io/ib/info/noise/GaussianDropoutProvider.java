package io.ib.info.noise;

import io.ib.info.EstimatorProvider;
import io.ib.info.EstimatorSpec;
import io.ib.info.Estimators;
import io.ib.info.MutualInformationEstimator;
import java.util.List;

/**
 * Builds the Gaussian-dropout estimator, {@link GaussianDropoutEstimator}: {@code gaussian-dropout}
 * is {@code gaussian-dropout:samples=2}; alpha is the network's ({@code --gaussian-dropout}).
 */
public final class GaussianDropoutProvider implements EstimatorProvider {
  /** The provider, as {@link java.util.ServiceLoader} makes it. */
  public GaussianDropoutProvider() {}

  @Override
  public String name() {
    return "gaussian-dropout";
  }

  @Override
  public String usage() {
    return "gaussian-dropout[:samples=M] (Adilova et al. 2023, for the last hidden layer of a network"
        + " with --gaussian-dropout ALPHA: h(T|X) in closed form, h(T), h(T|Y) as Gaussian-mixture"
        + " entropies by Monte Carlo, M points per sample; a second row, stat=se, holds the standard"
        + " errors; default M = " + GaussianDropoutEstimator.DEFAULT_SAMPLES + ")";
  }

  @Override
  public MutualInformationEstimator create(EstimatorSpec spec) {
    Estimators.requireKnownParameters(spec, List.of("samples"));
    return GaussianDropoutEstimator.of(Estimators.integer(spec, "samples",
        GaussianDropoutEstimator.DEFAULT_SAMPLES, 2, SpProvider.MAX));
  }
}
