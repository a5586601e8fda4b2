package io.ib.info.renyi;

import io.ib.info.EstimatorContract;
import io.ib.info.Estimators;
import io.ib.info.MutualInformationEstimator;

/** The estimator contract for the von Neumann form (alpha = 1) with a fixed kernel width. */
class RenyiFixedWidthContractTest extends EstimatorContract {
  @Override
  protected MutualInformationEstimator estimator() {
    return Estimators.parse("renyi:alpha=1,sigma=1.5,n=500");
  }
}
