package io.ib.info.binning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.info.Entropy;
import io.ib.info.EstimatorContract;
import io.ib.info.InformationEstimate;
import io.ib.info.LayerSample;
import io.ib.info.MutualInformationEstimator;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** The contract, equal-mass counts and the documented tie rule of {@link AdaptiveBinning}. */
class AdaptiveBinningTest extends EstimatorContract {
  @Override
  protected MutualInformationEstimator estimator() {
    return new AdaptiveBinning(4);
  }

  private static LayerSample column(float[] values) {
    float[][] t = new float[values.length][1];
    for (int i = 0; i < values.length; i++) {
      t[i][0] = values[i];
    }
    return LayerSample.of("t", Nd4j.createFromArray(t).castTo(DataType.FLOAT),
        new int[values.length], 1);
  }

  /** n distinct values in a shuffled order. */
  private static float[] distinct(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (rng.nextGaussian() * 3) + i * 1e-3f; // distinct with overwhelming odds
    }
    assertEquals(n, java.util.stream.IntStream.range(0, n).mapToObj(i -> v[i]).distinct().count());
    return v;
  }

  @Test
  void equalMassBinsHoldNOverBSamplesEach() {
    float[] v = distinct(1000, 3);
    for (int b : new int[] {1, 2, 4, 5, 8, 10, 20, 125, 1000}) {
      InformationEstimate e = new AdaptiveBinning(b).estimate(column(v));
      // b bins of 1000 / b samples: H = log2 b.
      assertEquals(Entropy.log2(b), e.htBits(), 1e-12, "B = " + b);
      assertEquals(e.htBits(), e.ixtBits(), 0);
    }
  }

  @Test
  void binsOfUnequalSizeWhenBDoesNotDivideN() {
    float[] v = distinct(1000, 4);
    // B = 3: edges at ranks floor(1000/3) = 333 and floor(2000/3) = 666: 333, 333, 334 values.
    assertEquals(Entropy.ofCounts(new int[] {333, 333, 334}),
        new AdaptiveBinning(3).estimate(column(v)).htBits(), 1e-12);
    // B = 7: edges at ranks 142, 285, 428, 571, 714, 857.
    assertEquals(Entropy.ofCounts(new int[] {142, 143, 143, 143, 143, 143, 143}),
        new AdaptiveBinning(7).estimate(column(v)).htBits(), 1e-12);
    // B > n: every value its own bin, whatever the empty bins.
    assertEquals(Entropy.log2(1000), new AdaptiveBinning(4096).estimate(column(v)).htBits(), 1e-12);
  }

  /** The tie rule of the class Javadoc, with its example. */
  @Test
  void tiedValuesShareABinAndCollapseEdges() {
    float[] v = new float[1000];
    float[] positives = distinct(400, 5);
    for (int i = 0; i < 400; i++) {
      v[i] = 1 + Math.abs(positives[i]);
    }
    for (int i = 400; i < 1000; i++) {
      v[i] = i % 2 == 0 ? 0.0f : -0.0f; // ReLU zeros; -0.0 counts as 0.0
    }
    // B = 4: edges 0, 0, s_750: zeros + 150 positives | 250 positives.
    assertEquals(Entropy.ofCounts(new int[] {750, 250}),
        new AdaptiveBinning(4).estimate(column(v)).htBits(), 1e-12);
    // B = 5: edges 0, 0, s_600, s_800: 600 | 200 | 200.
    assertEquals(Entropy.ofCounts(new int[] {600, 200, 200}),
        new AdaptiveBinning(5).estimate(column(v)).htBits(), 1e-12);
    // Two values, half each, B = 4: edges 0, 1, 1: bins 1 and 3, 500 each.
    float[] half = new float[1000];
    for (int i = 0; i < 1000; i++) {
      half[i] = i % 2;
    }
    assertEquals(1, new AdaptiveBinning(4).estimate(column(half)).htBits(), 1e-12);
    // Only -0.0 and 0.0: one value, one bin.
    float[] zeros = new float[1000];
    for (int i = 0; i < 1000; i += 3) {
      zeros[i] = -0.0f;
    }
    assertEquals(0, new AdaptiveBinning(8).estimate(column(zeros)).htBits(), 0);
  }

  @Test
  void dependsOnRanksOnly() {
    SplittableRandom rng = new SplittableRandom(8);
    int n = 600;
    int d = 3;
    float[][] t = new float[n][d];
    float[][] transformed = new float[n][d];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = rng.nextInt(3);
      for (int u = 0; u < d; u++) {
        // Values on a grid of 0.01 (many ties), transformed increasingly per unit.
        int k = (int) Math.max(0, Math.round((labels[i] * 0.4 + rng.nextGaussian() * 0.5) * 100));
        t[i][u] = k / 100f;
        transformed[i][u] = u == 0 ? 8 * t[i][u] : u == 1 ? (float) Math.exp(k / 50.0) : k - 1000f;
      }
    }
    for (int b : new int[] {2, 5, 16}) {
      InformationEstimate a = new AdaptiveBinning(b).estimate(
          LayerSample.of("t", Nd4j.createFromArray(t).castTo(DataType.FLOAT), labels, 3));
      InformationEstimate c = new AdaptiveBinning(b).estimate(
          LayerSample.of("t", Nd4j.createFromArray(transformed).castTo(DataType.FLOAT), labels, 3));
      assertEquals(a.ixtBits(), c.ixtBits(), 0, "B = " + b);
      assertEquals(a.ityBits(), c.ityBits(), 0, "B = " + b);
      assertTrue(a.htBits() <= Math.min(a.log2nBits(), d * Entropy.log2(b)) + 1e-12, a.toString());
      assertTrue(a.ityBits() > 0.05, "the units carry label information: " + a);
    }
  }
}
