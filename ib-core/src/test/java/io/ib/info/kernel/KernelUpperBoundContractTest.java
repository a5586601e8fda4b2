package io.ib.info.kernel;

import io.ib.info.EstimatorContract;
import io.ib.info.MutualInformationEstimator;

/**
 * The estimator contract for {@code kernel:bound=upper,s2=0.1}. The contract compares the spec of
 * {@code estimate()} with the estimator's spec, so it runs on single-member configurations; the
 * two-bound and multi-s2 configurations are checked member by member in {@link KernelSpecTest}.
 */
class KernelUpperBoundContractTest extends EstimatorContract {
  @Override
  protected MutualInformationEstimator estimator() {
    return KernelEstimator.of(KernelBound.UPPER, KernelEstimator.DEFAULT_NOISE_VARIANCE);
  }
}
