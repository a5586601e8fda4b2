package io.ib.info.renyi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.info.Entropy;
import io.ib.info.InformationEstimate;
import io.ib.info.LayerSample;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Properties that hold exactly: the bounds of Giraldo et al. (0 &le; I &le; min of the two
 * entropies), Renyi entropies non-increasing in alpha, invariance of the data-following width to a
 * common scaling, and the subsample's rows.
 */
class RenyiPropertiesTest {
  private static final double TOL = 1e-9;

  /** Random layer: class means plus noise through a ReLU, some dead units; inputs linked to T. */
  static LayerSample randomSample(int n, int d, int classes, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] labels = new int[n];
    double[] t = new double[n * d];
    double[] x = new double[n * 6];
    double noise = 0.2 + random.nextDouble();
    for (int i = 0; i < n; i++) {
      labels[i] = random.nextInt(classes);
      for (int u = 0; u < 6; u++) {
        x[i * 6 + u] = labels[i] * (u % 3) + random.nextGaussian();
      }
      for (int u = 0; u < d; u++) {
        double mean = ((labels[i] * 5 + u * 3) % 4) * 0.7 + 0.3 * x[i * 6 + u % 6];
        t[i * d + u] = u == d - 1 ? 0 : Math.max(0, mean + noise * random.nextGaussian());
      }
    }
    return LayerSample.of("random", Nd4j.create(t, new long[] {n, d}, DataType.FLOAT), labels,
        classes, Nd4j.create(x, new long[] {n, 6}, DataType.FLOAT));
  }

  /**
   * Giraldo et al. (2015): max(S(A), S(B)) &le; S(A o B / tr) &le; S(A) + S(B) for PSD matrices
   * with non-negative entries and equal diagonal, so 0 &le; I &le; min(S(A), S(B)); with S(A_T) =
   * {@code htBits}, S(A_Y) = H_alpha(Y) and S(A_X) &le; log2 N. Checked over random layers, widths
   * and orders.
   */
  @Test
  void mutualInformationLiesBetweenZeroAndTheSmallerEntropy() {
    for (int seed = 1; seed <= 12; seed++) {
      LayerSample s = randomSample(120 + 15 * seed, 2 + seed % 5, 2 + seed % 4, seed);
      double[] p = RenyiClosedFormsTest.proportions(s.labels(), s.numClasses());
      for (double alpha : new double[] {1, 1.01, 1.5, 3}) {
        for (KernelWidth w : new KernelWidth[] {KernelWidth.silverman(0.3 + 0.2 * (seed % 4)),
            KernelWidth.fixed(0.2 * seed)}) {
          InformationEstimate e = RenyiEstimator.of(alpha, w, 1000).estimate(s);
          String what = "seed " + seed + ", alpha " + alpha + ", " + w + ": " + e;
          double hy = RenyiClosedFormsTest.renyiBits(p, alpha);
          assertTrue(e.ixtBits() >= -TOL && e.ixtBits() <= e.htBits() + TOL, what);
          assertTrue(e.ityBits() >= -TOL && e.ityBits() <= Math.min(e.htBits(), hy) + TOL, what);
          assertTrue(e.htBits() >= -TOL && e.htBits() <= e.log2nBits() + TOL, what);
          assertTrue(hy <= e.hyBits() + TOL, what);
        }
      }
    }
  }

  /** Renyi entropies of one spectrum do not increase with alpha: S_1 &ge; S_1.01 &ge; S_2 &ge; S_5. */
  @Test
  void entropyDoesNotIncreaseWithAlpha() {
    LayerSample s = randomSample(300, 5, 3, 4);
    double previous = Double.POSITIVE_INFINITY;
    for (double alpha : new double[] {1, 1.01, 2, 5}) {
      double h = RenyiEstimator.of(alpha, KernelWidth.silverman(0.8), 1000).estimate(s).htBits();
      assertTrue(h <= previous + TOL, "alpha " + alpha + ": " + h + " > " + previous);
      previous = h;
    }
  }

  /**
   * With the data-following width, multiplying T (or X) by c multiplies sigma by c and leaves every
   * kernel value unchanged. c is a power of two so that the float activations scale exactly; the
   * same scaling with a fixed width must change the values, or the test would prove nothing.
   */
  @Test
  void dataFollowingWidthIgnoresACommonScale() {
    LayerSample s = randomSample(400, 6, 4, 8);
    LayerSample scaled = LayerSample.of("random", s.activations().mul(4), s.labels(),
        s.numClasses(), s.inputs().mul(0.25));
    for (double alpha : new double[] {1, 1.01, 2}) {
      InformationEstimate a = RenyiEstimator.of(alpha, KernelWidth.silverman(0.8), 1000).estimate(s);
      InformationEstimate b =
          RenyiEstimator.of(alpha, KernelWidth.silverman(0.8), 1000).estimate(scaled);
      assertEquals(a.ixtBits(), b.ixtBits(), TOL);
      assertEquals(a.ityBits(), b.ityBits(), TOL);
      assertEquals(a.htBits(), b.htBits(), TOL);
      InformationEstimate fa = RenyiEstimator.of(alpha, KernelWidth.fixed(1), 1000).estimate(s);
      InformationEstimate fb = RenyiEstimator.of(alpha, KernelWidth.fixed(1), 1000).estimate(scaled);
      assertTrue(Math.abs(fa.htBits() - fb.htBits()) > 0.01, fa + " vs " + fb);
    }
  }

  /**
   * A sample larger than N is cut to the rows of {@link RowSubsample}: the estimate equals the one
   * on exactly those rows, reports n = N and the H(Y) of their labels; the rows depend on (n, N)
   * only, are distinct and sorted.
   */
  @Test
  void largeSamplesUseTheDocumentedSubsample() {
    LayerSample big = randomSample(2000, 4, 5, 21);
    int[] rows = RowSubsample.rows(2000, 300);
    assertEquals(20151211L, RowSubsample.SEED, "the seed RenyiEstimator and docs/renyi.md state");
    assertEquals(300, rows.length);
    for (int i = 1; i < rows.length; i++) {
      assertTrue(rows[i] > rows[i - 1]);
    }
    assertNotEquals(299, rows[299], "a random draw, not the first rows");
    int[] labels = big.labels();
    int[] subLabels = new int[rows.length];
    for (int r = 0; r < rows.length; r++) {
      subLabels[r] = labels[rows[r]];
    }
    INDArray t = big.activations().getRows(rows);
    LayerSample small = LayerSample.of("random", t, subLabels, big.numClasses(),
        big.inputs().getRows(rows));
    InformationEstimate cut = RenyiEstimator.of(1.01, KernelWidth.silverman(0.8), 300).estimate(big);
    InformationEstimate direct =
        RenyiEstimator.of(1.01, KernelWidth.silverman(0.8), 300).estimate(small);
    assertEquals(300, cut.n());
    assertEquals(Entropy.ofSymbols(subLabels, big.numClasses()), cut.hyBits(), TOL);
    assertEquals(direct.ixtBits(), cut.ixtBits(), TOL);
    assertEquals(direct.ityBits(), cut.ityBits(), TOL);
    assertEquals(direct.htBits(), cut.htBits(), TOL);
    // Another layer of the same evaluation set gets the same rows.
    assertEquals(Arrays.toString(rows),
        Arrays.toString(RowSubsample.rows(2000, 300)));
  }
}
