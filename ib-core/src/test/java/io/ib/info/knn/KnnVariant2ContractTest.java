package io.ib.info.knn;

import io.ib.info.MutualInformationEstimator;

/** The estimator contract for {@code knn:k=4,variant=2}, on {@link KnnContractTest}'s samples. */
class KnnVariant2ContractTest extends KnnContractTest {
  @Override
  protected MutualInformationEstimator estimator() {
    return KnnEstimator.of(4, 2);
  }
}
