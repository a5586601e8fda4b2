package io.ib.info.renyi;

import io.ib.info.EstimatorContract;
import io.ib.info.Estimators;
import io.ib.info.MutualInformationEstimator;

/** The estimator contract for {@code renyi} with its defaults (alpha 1.01, the width rule). */
class RenyiContractTest extends EstimatorContract {
  @Override
  protected MutualInformationEstimator estimator() {
    return Estimators.parse("renyi");
  }
}
