package io.ib.info.binning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.info.EstimatorContract;
import io.ib.info.InformationEstimate;
import io.ib.info.LayerSample;
import io.ib.info.MutualInformationEstimator;
import io.ib.info.UniformLevels;
import io.ib.nn.Quantization;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class QuantizedCountingTest extends EstimatorContract {
  // The contract's activations lie in about [0, 4]: 16 levels over [0, 4] keep some structure.
  private static final Quantization GRID = new Quantization(4, 0, 4);

  @Override
  protected MutualInformationEstimator estimator() {
    return new QuantizedCounting();
  }

  @Override
  protected LayerSample adapt(LayerSample sample) {
    INDArray snapped = sample.activations().dup();
    if (!snapped.isNaN().any()) {
      GRID.applyInPlace(snapped);
    } else {
      return sample.onLevels(levels(GRID)); // the NaN case: the NaN must be what is reported
    }
    return LayerSample.of(sample.layer(), snapped, sample.labels(), sample.numClasses(),
        sample.inputs()).onLevels(levels(GRID));
  }

  @Test
  void countsLevelTuplesExactly() {
    // Two units, 4 levels over [-1, 1] (-1, -1/3, 1/3, 1); rows (y): (-1,1) x3 (0), (1/3,1/3) x1 (1),
    // (1,-1) x4 (1). H(T) = 3/8 log2(8/3) + 1/8 log2 8 + 1/2 log2 2; T determines Y, so I(T;Y) =
    // H(Y) = H(3/8, 5/8).
    Quantization q = new Quantization(2, -1, 1);
    float third = q.level(2);
    float[][] t = {{-1, 1}, {-1, 1}, {-1, 1}, {third, third}, {1, -1}, {1, -1}, {1, -1}, {1, -1}};
    int[] labels = {0, 0, 0, 1, 1, 1, 1, 1};
    InformationEstimate e = new QuantizedCounting().estimate(
        LayerSample.of("hidden1", Nd4j.createFromArray(t), labels, 2).onLevels(levels(q)));
    double ht = 3 / 8.0 * log2(8 / 3.0) + 1 / 8.0 * 3 + 0.5;
    assertEquals(ht, e.ixtBits(), 1e-12);
    assertEquals(ht, e.htBits(), 1e-12);
    assertEquals(3 / 8.0 * log2(8 / 3.0) + 5 / 8.0 * log2(8 / 5.0), e.ityBits(), 1e-12);
  }

  @Test
  void uniformLevelsOfOneUnitGiveLog2OfTheLevelCount() {
    // n = 4 * 256 samples spread evenly over the 256 levels of 8 bits: H(T) = 8 bits exactly.
    Quantization q = new Quantization(8, 0, 6);
    int n = 4 * 256;
    float[] t = new float[n];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      t[i] = q.level(i % 256);
      labels[i] = i % 2;
    }
    InformationEstimate e = new QuantizedCounting().estimate(LayerSample.of("hidden1",
        Nd4j.create(t, new long[] {n, 1}, DataType.FLOAT), labels, 2).onLevels(levels(q)));
    assertEquals(8.0, e.ixtBits(), 1e-12);
    assertEquals(1.0, e.ityBits(), 1e-12); // level parity is the label
  }

  @Test
  void refusesLayersWithoutQuantization() {
    LayerSample continuous = LayerSample.of("output", Nd4j.rand(DataType.FLOAT, 10, 3), new int[10],
        2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new QuantizedCounting().estimate(continuous));
    assertTrue(e.getMessage().contains("output is not quantized"), e.getMessage());
  }

  @Test
  void refusesValuesOffTheLevels() {
    Quantization q = new Quantization(2, -1, 1);
    float[][] t = {{-1f}, {0.5f}, {1f}}; // 0.5 lies between 1/3 and 1
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new QuantizedCounting().estimate(
            LayerSample.of("hidden2", Nd4j.createFromArray(t), new int[3], 2).onLevels(levels(q))));
    assertTrue(e.getMessage().contains("not one of its 4 levels over [-1, 1]"), e.getMessage());
    assertTrue(e.getMessage().contains("row 1"), e.getMessage());
  }

  private static UniformLevels levels(Quantization q) {
    return new UniformLevels(q.levels(), q.lower(), q.upper());
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
