package io.ib.info.binning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ib.info.EstimatorContract;
import io.ib.info.Estimators;
import io.ib.info.InformationEstimate;
import io.ib.info.LayerSample;
import io.ib.info.MutualInformationEstimator;
import org.junit.jupiter.api.Test;

class GlobalRangeBinningTest extends EstimatorContract {
  @Override
  protected MutualInformationEstimator estimator() {
    return new GlobalRangeBinning(7);
  }

  @Test
  void withARangeItEqualsFixedRangeBinningAndAloneUsesTheSampleRange() {
    LayerSample sample = structuredSample(500, 3, 4, 11);
    float[] v = sample.activationsAsFloats();
    float lo = Float.POSITIVE_INFINITY;
    float hi = Float.NEGATIVE_INFINITY;
    for (float f : v) {
      lo = Math.min(lo, f);
      hi = Math.max(hi, f);
    }
    InformationEstimate fixed = new FixedRangeBinning(7, lo, hi).estimate(sample);
    InformationEstimate alone = new GlobalRangeBinning(7).estimate(sample);
    InformationEstimate given = new GlobalRangeBinning(7).withRange(lo, hi).estimate(sample);
    assertEquals(fixed.ixtBits(), alone.ixtBits(), 0);
    assertEquals(fixed.ityBits(), alone.ityBits(), 0);
    assertEquals(fixed.ixtBits(), given.ixtBits(), 0);
    assertEquals("binning:bins=7,range=global", given.estimator().toString());
    // A wider shared range coarsens this sample's bins: the same as fixed-range binning over it.
    assertEquals(new FixedRangeBinning(7, -10, 50).estimate(sample).ixtBits(),
        new GlobalRangeBinning(7).withRange(-10, 50).estimate(sample).ixtBits(), 0);
    assertEquals("binning:bins=7,range=global",
        Estimators.parse("binning:bins=7,range=global").spec().toString());
    MutualInformationEstimator sweep = Estimators.parse("binning:bins=4,8,16,range=global");
    assertEquals(3, sweep.estimateAll(sample).size());
    // The sweep runs over saved activations with one shared range, like its members.
    org.junit.jupiter.api.Assertions.assertTrue(sweep instanceof io.ib.info.RangeBasedEstimator);
    assertEquals(new FixedRangeBinning(8, -10, 50).estimate(sample).ixtBits(),
        ((io.ib.info.RangeBasedEstimator) sweep).withRange(-10, 50).estimateAll(sample).get(1)
            .ixtBits(), 0);
  }
}
