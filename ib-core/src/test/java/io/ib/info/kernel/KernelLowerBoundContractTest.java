package io.ib.info.kernel;

import io.ib.info.EstimatorContract;
import io.ib.info.MutualInformationEstimator;

/**
 * The estimator contract for {@code kernel:bound=lower,s2=0.5}, with a memory budget so small that
 * the contract's samples (n = 50 to 400) are cut into chunks of 16 rows: many blocks, ragged ends.
 */
class KernelLowerBoundContractTest extends EstimatorContract {
  @Override
  protected MutualInformationEstimator estimator() {
    return KernelEstimator.of(KernelBound.LOWER, 0.5)
        .withMemoryBudget(16L * 16 * PairwiseKernelSums.BYTES_PER_BLOCK_ELEMENT);
  }
}
