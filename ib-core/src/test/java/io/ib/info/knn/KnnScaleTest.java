package io.ib.info.knn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.info.InformationEstimate;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * What {@code scale} changes. MI is invariant to scaling X or T; KSG on raw distances is not. X and T
 * are a bivariate Gaussian with rho = 0.9 (I = 1.198 bits), n = 2000; X is multiplied by c (a power
 * of 2, so the float values scale exactly).
 */
class KnnScaleTest {
  private static final int N = 2000;

  private static InformationEstimate estimate(double c, int variant, KnnScale scale) {
    SplittableRandom rng = new SplittableRandom(3);
    float[][] x = new float[N][1];
    float[][] t = new float[N][1];
    for (int i = 0; i < N; i++) {
      double a = rng.nextGaussian();
      x[i][0] = (float) (c * a);
      t[i][0] = (float) (0.9 * a + Math.sqrt(0.19) * rng.nextGaussian());
    }
    return KnnEstimator.of(3, variant, scale).estimate(KnnSamples.of(x, t, new int[N], 1));
  }

  /**
   * With scale=sd, X times 64 or 1/64 gives the same estimate: the squared distances and the total
   * variance scale by the same power of 2, so every normalised distance is the same double.
   */
  @Test
  void standardisedEstimateIgnoresTheUnitsOfEachSpace() {
    for (int variant = 1; variant <= 2; variant++) {
      InformationEstimate base = estimate(1, variant, KnnScale.SD);
      assertTrue(Math.abs(base.ixtBits() - 1.198) < 0.15, base.toString());
      for (double c : new double[] {64, 1.0 / 64, 65536}) {
        assertEquals(base.ixtBits(), estimate(c, variant, KnnScale.SD).ixtBits(), 1e-12,
            "variant " + variant + ", c " + c);
      }
    }
  }

  /**
   * With raw distances, X times 2^16 makes the X distances decide every k-th joint neighbour: the
   * k-th neighbour distance in X, about 2^16 * 3 / (2 n p(x)) &ge; 50, exceeds the whole range of T
   * (under 10), so n_x = k - 1 and n_t = n - 1 for each point, and variant 1 gives
   * psi(k) + psi(N) - psi(k) - psi(N) = 0 although I = 1.198 bits. (In one dimension it takes such a
   * factor; with 784 pixels, whose nearest-neighbour distances are of the order of the typical
   * distance, a layer of small activations is in this regime at once.) At c = 1 (both spaces of
   * unit variance) the raw and standardised estimates are close.
   */
  @Test
  void rawDistancesLetTheLargerSpaceDecide() {
    assertEquals(0, estimate(65536, 1, KnnScale.NONE).ixtBits(), 1e-9);
    assertTrue(estimate(64, 1, KnnScale.NONE).ixtBits() < estimate(1, 1, KnnScale.NONE).ixtBits());
    assertEquals(estimate(1, 1, KnnScale.SD).ixtBits(), estimate(1, 1, KnnScale.NONE).ixtBits(),
        0.05);
  }
}
