package io.ib.info.binning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.info.EstimatorContract;
import io.ib.info.Estimators;
import io.ib.info.InformationEstimate;
import io.ib.info.LayerSample;
import io.ib.info.MutualInformationEstimator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class PointRangeBinningTest extends EstimatorContract {
  @Override
  protected MutualInformationEstimator estimator() {
    return Estimators.parse("binning:bins=8,range=point");
  }

  @Test
  void scalingTheLayerChangesNothing() {
    // The ruler follows the scale: T and 1000 T (and T + 5) bin alike, unlike a fixed width.
    LayerSample sample = structuredSample(300, 4, 3, 9);
    INDArray scaled = sample.activations().mul(1000).addi(5);
    InformationEstimate a = estimator().estimate(sample);
    InformationEstimate b = estimator().estimate(LayerSample.of("test", scaled, sample.labels(), 3));
    assertEquals(a.ixtBits(), b.ixtBits(), 1e-12);
    assertEquals(a.ityBits(), b.ityBits(), 1e-12);
    InformationEstimate fixed = new FixedWidthBinning(4).estimate(sample);
    InformationEstimate fixedScaled = new FixedWidthBinning(4)
        .estimate(LayerSample.of("test", scaled, sample.labels(), 3));
    assertTrue(fixedScaled.ixtBits() > fixed.ixtBits() + 1, "a fixed ruler sees the scale");
  }

  @Test
  void binsSpanTheLayersOwnMinimumAndMaximum() {
    // Values 0..9 in two bins over [0, 9]: 0-4 in bin 0 (4.5 would be the edge), 5-9 in bin 1.
    float[] t = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    int[] labels = {0, 0, 0, 0, 0, 1, 1, 1, 1, 1};
    InformationEstimate e = new PointRangeBinning(2).estimate(
        LayerSample.of("t", Nd4j.create(t, new long[] {10, 1}, DataType.FLOAT), labels, 2));
    assertEquals(1.0, e.ixtBits(), 1e-12);
    assertEquals(1.0, e.ityBits(), 1e-12);
  }
}
