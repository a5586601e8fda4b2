package io.ib.info.binning;

import io.ib.info.EstimatorContract;
import io.ib.info.MutualInformationEstimator;

class FixedWidthBinningTest extends EstimatorContract {
  @Override
  protected MutualInformationEstimator estimator() {
    return new FixedWidthBinning(0.5);
  }
}
