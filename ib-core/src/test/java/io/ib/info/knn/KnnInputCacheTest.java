package io.ib.info.knn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The input cache ({@link InputNeighbourCache}, {@link PrefixCounts}) gives the uncached results
 * bit for bit, on the call that fills it and on the calls that read it: prefixes from 1 point to
 * the whole row (so that rows are decided by the prefix, by the points beyond it, or recomputed),
 * T much larger than X, much smaller and comparable, continuous data and data on a coarse grid
 * (exact ties, repeated rows, atoms), both variants, both scales, several k and block heights.
 */
class KnnInputCacheTest {
  @AfterEach
  void clear() {
    InputNeighbourCache.clear();
  }

  private static float[] values(SplittableRandom rng, int n, int d, boolean grid, double scale) {
    float[] a = new float[n * d];
    for (int f = 0; f < a.length; f++) {
      a[f] = (float) (scale * (grid ? rng.nextInt(3) : rng.nextGaussian()));
    }
    return a;
  }

  /** T = a noisy function of X, scaled: scale sets which space dominates the max-norm. */
  private static float[] layer(SplittableRandom rng, float[] x, int n, int p, int d, boolean grid,
      double scale) {
    float[] t = new float[n * d];
    for (int i = 0; i < n; i++) {
      for (int u = 0; u < d; u++) {
        double v = x[i * p + u % p] + (grid ? rng.nextInt(2) : 0.5 * rng.nextGaussian());
        t[i * d + u] = (float) (scale * (grid ? Math.max(0, Math.round(v)) : Math.tanh(v)));
      }
    }
    return t;
  }

  private static void check(String what, float[] x, int p, float[] t, int d, int[] labels) {
    int n = labels.length;
    long fixed = InputNeighbours.fixedBytes(n, p);
    for (int m : new int[] {1, 4, 30, n - 1}) {
      long limit = fixed + n * InputNeighbours.bytesPerPoint(m);
      for (int k : new int[] {1, 3}) {
        for (int variant = 1; variant <= 2; variant++) {
          for (boolean sd : new boolean[] {false, true}) {
            for (long budget : new long[] {32L * 7 * n, KnnEstimator.DEFAULT_MEMORY_BUDGET_BYTES}) {
              InputNeighbourCache.clear();
              NeighbourStatistics.Result plain = NeighbourStatistics.compute(t, d, x, p, labels, 4,
                  k, variant, sd, budget, 0);
              String label = what + ", m=" + m + ", k=" + k + ", variant=" + variant + ", sd=" + sd
                  + ", budget=" + budget;
              for (String call : new String[] {"filling", "reading", "reading again"}) {
                NeighbourStatistics.Result cached = NeighbourStatistics.compute(t, d, x.clone(), p,
                    labels, 4, k, variant, sd, budget, limit);
                assertEquals(plain.ixtNats(), cached.ixtNats(), 0.0, "I(X;T) " + call + ", " + label);
                assertEquals(plain.ityNats(), cached.ityNats(), 0.0, "I(T;Y) " + call + ", " + label);
              }
            }
          }
        }
      }
    }
  }

  private static int[] labels(SplittableRandom rng, int n) {
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = rng.nextInt(4);
    }
    return y;
  }

  @Test
  void continuousDataAtEveryBalanceOfTheSpaces() {
    SplittableRandom rng = new SplittableRandom(19);
    int n = 150;
    int p = 4;
    int d = 3;
    float[] x = values(rng, n, p, false, 1);
    int[] y = labels(rng, n);
    for (double scale : new double[] {0.01, 1, 100}) {
      check("continuous, T scale " + scale, x, p, layer(rng, x, n, p, d, false, scale), d, y);
    }
  }

  @Test
  void tiedDataRepeatedRowsAndAtoms() {
    SplittableRandom rng = new SplittableRandom(20);
    int n = 120;
    int p = 3;
    int d = 2;
    float[] x = values(rng, n, p, true, 1);
    int[] y = labels(rng, n);
    for (double scale : new double[] {0.25, 1, 8}) {
      check("grid, T scale " + scale, x, p, layer(rng, x, n, p, d, true, scale), d, y);
    }
    check("dead layer", x, p, new float[n * d], d, y);
    check("constant inputs", new float[n * p], p, layer(rng, x, n, p, d, true, 1), d, y);
  }

  @Test
  void aLimitTooSmallForOnePointCachesNothing() {
    float[] x = new float[40];
    assertNull(InputNeighbourCache.lookup(x, 20, 2, 20, InputNeighbours.fixedBytes(20, 2)));
  }

  @Test
  void theLimitPropertyMustBeANonNegativeNumber() {
    String old = System.getProperty(InputNeighbourCache.LIMIT_PROPERTY);
    try {
      System.setProperty(InputNeighbourCache.LIMIT_PROPERTY, "-1");
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, InputNeighbourCache::limitBytes);
      assertTrue(e.getMessage().contains(InputNeighbourCache.LIMIT_PROPERTY), e.getMessage());
      System.setProperty(InputNeighbourCache.LIMIT_PROPERTY, "0");
      assertEquals(0, InputNeighbourCache.limitBytes());
    } finally {
      if (old == null) {
        System.clearProperty(InputNeighbourCache.LIMIT_PROPERTY);
      } else {
        System.setProperty(InputNeighbourCache.LIMIT_PROPERTY, old);
      }
    }
  }
}
