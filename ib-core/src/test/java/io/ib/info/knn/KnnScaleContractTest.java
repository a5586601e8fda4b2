package io.ib.info.knn;

import io.ib.info.MutualInformationEstimator;

/** The estimator contract for {@code knn:k=3,variant=1,scale=sd}, on {@link KnnContractTest}'s samples. */
class KnnScaleContractTest extends KnnContractTest {
  @Override
  protected MutualInformationEstimator estimator() {
    return KnnEstimator.of(3, 1, KnnScale.SD);
  }
}
