package io.ib.info.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ib.info.InformationEstimate;
import io.ib.info.LayerSample;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Compares the blocked estimator with {@link KernelReference} (full n x n, double, plain loops).
 *
 * <p>Tolerance: the estimator's kernels are float32. The exponent x = D / (8 s2) carries a relative
 * rounding of about 3 * 2^-24 and exp one more ulp, so a kernel is off by at most about
 * (1.8e-7 x + 1.2e-7) relative, four times that for the upper bound's fourth power. Weighted by the
 * kernels in a row sum, the mean exponent is at most ln n, so ln S_i moves by at most about
 * 4 (1.8e-7 ln n + 1.2e-7) &lt; 7e-6 nats for n &le; 2000: 1e-5 bits covers it. Row sums are in
 * double, as in the reference.
 */
class KernelAgainstSimpleImplementationTest {
  private static final double TOLERANCE_BITS = 1e-5;

  private record Fixture(LayerSample sample, float[][] values, int[] labels, int classes) {}

  /** ReLU-like rows around class-dependent means: kernels of every size, from 1 down to 0. */
  private static Fixture fixture(long seed, int n) {
    SplittableRandom rng = new SplittableRandom(seed);
    int d = 1 + rng.nextInt(12);
    int classes = 2 + rng.nextInt(6);
    float[][] values = new float[n][d];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = rng.nextInt(classes);
      for (int u = 0; u < d; u++) {
        double z = ((labels[i] * 3 + u) % 4) * 0.4 + rng.nextGaussian() * 0.3;
        values[i][u] = (float) Math.max(0, z);
      }
    }
    // A few exact duplicates, as saturated layers produce.
    for (int i = 5; i < n; i += 23) {
      values[i] = values[i - 3].clone();
    }
    LayerSample s = LayerSample.of("t", Nd4j.createFromArray(values).castTo(DataType.FLOAT), labels,
        classes);
    return new Fixture(s, values, labels, classes);
  }

  private static void assertAgrees(Fixture f, KernelEstimator estimator, double[] s2, String what) {
    List<InformationEstimate> all = estimator.estimateAll(f.sample);
    assertEquals(2 * s2.length, all.size());
    double[][] dist = KernelReference.squaredDistances(f.values);
    for (int m = 0; m < s2.length; m++) {
      for (int k = 0; k < 2; k++) {
        KernelBound bound = k == 0 ? KernelBound.UPPER : KernelBound.LOWER;
        InformationEstimate e = all.get(2 * m + k);
        assertEquals(KernelEstimator.memberSpec(bound, s2[m]), e.estimator());
        double[] ref = KernelReference.bits(dist, f.labels, f.classes, s2[m], bound.divisor());
        assertEquals(ref[0], e.ixtBits(), TOLERANCE_BITS, what + ", " + e.estimator() + ", I(X;T)");
        assertEquals(ref[1], e.ityBits(), TOLERANCE_BITS, what + ", " + e.estimator() + ", I(T;Y)");
      }
    }
  }

  @Test
  void agreesOnFixedMatricesAtSeveralNoiseVariancesInOnePass() {
    double[] s2 = {0.003, 0.05, 0.4, 5};
    // 1100 and 2100 rows: two and three chunks of the preferred size, neither a multiple of it.
    int[] sizes = {1, 2, 3, 37, 400, 1100, 2100};
    for (int i = 0; i < sizes.length; i++) {
      Fixture f = fixture(i + 1, sizes[i]);
      assertAgrees(f, KernelEstimator.of(s2), s2, "n = " + sizes[i]);
    }
  }

  @Test
  void aTinyMemoryBudgetForcesManyBlocksAndGivesTheSameResult() {
    double[] s2 = {0.02, 0.3};
    // {chunk rows, n}: one-row chunks (every block 1 x 1) on a small n, then ragged chunks.
    int[][] cases = {{1, 45}, {7, 251}, {64, 262}, {64, 263}};
    for (int[] c : cases) {
      int rows = c[0];
      Fixture f = fixture(10 + c[1], c[1]);
      KernelEstimator roomy = KernelEstimator.of(s2);
      KernelEstimator tiny = KernelEstimator.of(s2)
          .withMemoryBudget((long) rows * rows * PairwiseKernelSums.BYTES_PER_BLOCK_ELEMENT);
      assertEquals(rows, PairwiseKernelSums.chunkRows(tiny.memoryBudgetBytes()));
      String what = rows + "-row chunks, n = " + c[1];
      assertAgrees(f, tiny, s2, what);
      // Blocks change the order of the double sums and which of D_ij, D_ji the GEMM computes (equal
      // to double rounding, so a rare float32 kernel moves by one ulp, ~1e-7 of one term of one row
      // sum): far below the reference tolerance; 1e-9 as in the contract's permutation test.
      List<InformationEstimate> a = roomy.estimateAll(f.sample);
      List<InformationEstimate> b = tiny.estimateAll(f.sample);
      for (int m = 0; m < a.size(); m++) {
        assertEquals(a.get(m).ixtBits(), b.get(m).ixtBits(), 1e-9, what);
        assertEquals(a.get(m).ityBits(), b.get(m).ityBits(), 1e-9, what);
      }
    }
  }

  @Test
  void singleBoundEstimatorsAgreeToo() {
    Fixture f = fixture(21, 333);
    for (KernelBound bound : KernelBound.values()) {
      List<InformationEstimate> all = KernelEstimator.of(bound, 0.07, 0.7).estimateAll(f.sample);
      assertEquals(2, all.size());
      for (int m = 0; m < 2; m++) {
        double s2 = m == 0 ? 0.07 : 0.7;
        double[] ref = KernelReference.bits(f.values, f.labels, f.classes, s2, bound.divisor());
        assertEquals(KernelEstimator.memberSpec(bound, s2), all.get(m).estimator());
        assertEquals(ref[0], all.get(m).ixtBits(), TOLERANCE_BITS);
        assertEquals(ref[1], all.get(m).ityBits(), TOLERANCE_BITS);
      }
    }
  }
}
