package io.ib.info.kernel;

import io.ib.info.EstimatorContract;
import io.ib.info.MutualInformationEstimator;

/**
 * The estimator contract for {@code kernel:s2=0.1,0.5}: four estimates from one pass (upper and
 * lower bound at each noise variance), each named by its own member spec.
 */
class KernelBothBoundsContractTest extends EstimatorContract {
  @Override
  protected MutualInformationEstimator estimator() {
    return KernelEstimator.of(0.1, 0.5);
  }
}
