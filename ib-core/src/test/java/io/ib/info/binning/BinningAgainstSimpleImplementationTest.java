package io.ib.info.binning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ib.info.InformationEstimate;
import io.ib.info.LayerSample;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Compares the estimators with a deliberately simple implementation written here: bin indices as
 * lists in a HashMap, entropies as -sum p log2 p in double, I(T;Y) as H(T) - sum_y p(y) H(T|Y=y).
 */
class BinningAgainstSimpleImplementationTest {

  @Test
  void fixedWidthAgreesOnFixedMatrices() {
    for (long seed = 1; seed <= 6; seed++) {
      Fixture f = fixture(seed);
      for (double w : new double[] {0.05, 0.3, 1, 4}) {
        InformationEstimate e = new FixedWidthBinning(w).estimate(f.sample);
        double[] ref = reference(f, a -> Math.floor(a / w));
        assertEquals(ref[0], e.ixtBits(), 1e-9, "seed " + seed + ", w " + w);
        assertEquals(ref[1], e.ityBits(), 1e-9, "seed " + seed + ", w " + w);
      }
    }
  }

  /** Power-of-two widths take a multiply instead of a divide: the bins must be the same. */
  @Test
  void fixedWidthBinsAreFloorOfValueOverWidthAtEdges() {
    float[] values = {-Float.MIN_VALUE, -1e-40f, -0.0f, 0f, Float.MIN_VALUE, 3.9999998f, 4f, -4f,
        -4.0000005f, 7.5f, 1e8f, -1e8f, 0.49999997f, 0.5f, 1e-40f};
    // Without the negative values the non-negative path runs: the same floors are expected.
    float[] nonNegative = {-0.0f, 0f, Float.MIN_VALUE, 1e-40f, 3.9999998f, 4f, 7.5f, 1e8f,
        0.49999997f, 0.5f, 5.9604645e-8f, 4.0000005f, 12f};
    for (float[] set : new float[][] {values, nonNegative}) {
      INDArray t = Nd4j.create(set, new long[] {set.length, 1}, DataType.FLOAT);
      LayerSample sample = LayerSample.of("t", t, new int[set.length], 1);
      for (double w : new double[] {4, 0.5, 0.25, 0.125, 1, 3, 0.3}) {
        int[] bins = new int[set.length];
        new FixedWidthBinning(w).bin(set, bins, sample);
        for (int i = 0; i < set.length; i++) {
          assertEquals((int) Math.floor(set[i] / w), bins[i], "value " + set[i] + ", w " + w);
        }
      }
    }
  }

  @Test
  void fixedRangeAgreesOnFixedMatrices() {
    for (long seed = 1; seed <= 6; seed++) {
      Fixture f = fixture(seed);
      for (int bins : new int[] {1, 2, 7, 30}) {
        double lo = -0.5;
        double hi = 2.5;
        InformationEstimate e = new FixedRangeBinning(bins, lo, hi).estimate(f.sample);
        double[] ref = reference(f, a -> {
          double index = Math.floor((a - lo) / (hi - lo) * bins);
          return Math.min(bins - 1, Math.max(0, index));
        });
        assertEquals(ref[0], e.ixtBits(), 1e-9, "seed " + seed + ", bins " + bins);
        assertEquals(ref[1], e.ityBits(), 1e-9, "seed " + seed + ", bins " + bins);
      }
    }
  }

  private record Fixture(LayerSample sample, float[][] values, int[] labels, int classes) {}

  private static Fixture fixture(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int n = 300 + rng.nextInt(700);
    int d = 1 + rng.nextInt(8);
    int classes = 2 + rng.nextInt(9);
    float[][] values = new float[n][d];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = rng.nextInt(classes);
      for (int j = 0; j < d; j++) {
        // ReLU-like: a third exactly 0, the rest spread around class-dependent means.
        double z = (labels[i] % 3) * 0.7 + rng.nextGaussian() * 0.8 - 0.3;
        values[i][j] = (float) Math.max(0, z);
      }
    }
    INDArray t = Nd4j.createFromArray(values).castTo(DataType.FLOAT);
    return new Fixture(LayerSample.of("t", t, labels, classes), values, labels, classes);
  }

  /** {I(X;T), I(T;Y)} in bits, the simple way. */
  private static double[] reference(Fixture f, DoubleUnaryOperator binOf) {
    int n = f.labels.length;
    List<List<Long>> symbols = new ArrayList<>();
    for (float[] row : f.values) {
      List<Long> key = new ArrayList<>();
      for (float v : row) {
        key.add((long) binOf.applyAsDouble(v));
      }
      symbols.add(key);
    }
    return SimpleReference.information(symbols, f.labels, f.classes);
  }
}
