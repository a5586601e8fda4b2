package io.ib.info.binning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ib.info.EstimatorContract;
import io.ib.info.InformationEstimate;
import io.ib.info.LayerSample;
import io.ib.info.MutualInformationEstimator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class FixedRangeBinningTest extends EstimatorContract {
  @Override
  protected MutualInformationEstimator estimator() {
    return new FixedRangeBinning(8, 0, 4);
  }

  @Test
  void valuesOutsideTheRangeAreClampedNeverWrapped() {
    // Range [0, 10] in 10 bins: -100 and -1 land in bin 0 with 0.5; 10, 11 and 1e9 in bin 9 with 9.5.
    // Wrapping (e.g. modulo) would separate them.
    float[][] t = {{-100f}, {-1f}, {0.5f}, {10f}, {11f}, {1e9f}, {9.5f}, {5f}};
    int[] labels = {0, 0, 0, 1, 1, 1, 1, 0};
    InformationEstimate e = new FixedRangeBinning(10, 0, 10)
        .estimate(LayerSample.of("t", Nd4j.createFromArray(t), labels, 2));
    // Symbols: {bin0 x3, bin9 x4, bin5 x1}: H = (3/8) log2(8/3) + (4/8) log2 2 + (1/8) log2 8.
    double h = 3 / 8.0 * log2(8 / 3.0) + 0.5 + 3 / 8.0;
    assertEquals(h, e.ixtBits(), 1e-12);
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
