package io.ib.info.kernel;

import io.ib.info.EstimatorContract;
import io.ib.info.MutualInformationEstimator;

/**
 * The estimator contract for {@code kernel:bound=upper,s2=0.1}, a single-member configuration,
 * whose one estimate carries the estimator's own spec. Several members:
 * {@link KernelBothBoundsContractTest}.
 */
class KernelUpperBoundContractTest extends EstimatorContract {
  @Override
  protected MutualInformationEstimator estimator() {
    return KernelEstimator.of(KernelBound.UPPER, KernelEstimator.DEFAULT_NOISE_VARIANCE);
  }
}
