package io.ib.info.knn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The float filter ({@link FloatFilter}: T's distances from a float GEMM, the entries near a
 * count's thresholds made exact) gives the double path's results bit for bit, and every point's
 * counts: on continuous layers, layers with dead units and dead rows (one large group of repeated
 * rows), repeated rows, values on a coarse grid (exact ties everywhere) and near it (distances that
 * differ by less than the float GEMM's error, which the filter must resolve), T much larger or much
 * smaller than X; with and without the input cache (prefixes short enough that points are
 * recomputed), both scales, several k, and blocks of a few rows (the first block is the double
 * path's, which checks that the exact values are this GEMM's).
 */
class KnnFloatFilterTest {
  private static final int N = 420;
  private static final int P = 6;
  private static final int D = 90;

  @AfterEach
  void restore() {
    System.clearProperty(FloatFilter.PROPERTY);
    InputNeighbourCache.clear();
  }

  private static NeighbourStatistics.Result run(boolean filter, float[] t, int d, float[] x,
      int[] y, int k, boolean sd, long budget, long cacheLimit, PointCounts trace) {
    System.setProperty(FloatFilter.PROPERTY, Boolean.toString(filter));
    InputNeighbourCache.clear();
    NeighbourStatistics.Result first = NeighbourStatistics.compute(LevelGrid.continuous(t), d, x, P,
        y, 4, k, 1, sd, budget, cacheLimit, trace);
    if (cacheLimit == 0) {
      return first;
    }
    return NeighbourStatistics.compute(LevelGrid.continuous(t), d, x, P, y, 4, k, 1, sd, budget,
        cacheLimit, null); // reads the entry the first call filled
  }

  private static void check(String what, float[] t, float[] x, int[] y) {
    long filtered = FloatFilter.filteredBlocks();
    check(what, t, D, x, y);
    assertTrue(FloatFilter.filteredBlocks() > filtered, what + ": the float filter never ran");
  }

  private static void check(String what, float[] t, int d, float[] x, int[] y) {
    long fixed = InputNeighbours.fixedBytes(N, P);
    for (int k : new int[] {1, 3}) {
      for (boolean sd : new boolean[] {false, true}) {
        for (long budget : new long[] {32L * (k == 1 ? 5 : 64) * N}) {
          String label = what + ", k=" + k + ", sd=" + sd + ", budget=" + budget;
          PointCounts plain = new PointCounts(N);
          PointCounts fast = new PointCounts(N);
          NeighbourStatistics.Result a = run(false, t, d, x, y, k, sd, budget, 0, plain);
          NeighbourStatistics.Result b = run(true, t, d, x, y, k, sd, budget, 0, fast);
          assertEquals(a.ixtNats(), b.ixtNats(), 0.0, "I(X;T), " + label);
          assertEquals(a.ityNats(), b.ityNats(), 0.0, "I(T;Y), " + label);
          assertArrayEquals(plain.ksgX, fast.ksgX, "n_x, " + label);
          assertArrayEquals(plain.ksgT, fast.ksgT, "n_t, " + label);
          assertArrayEquals(plain.ksgK, fast.ksgK, "k, " + label);
          assertArrayEquals(plain.mixedK, fast.mixedK, "k_i, " + label);
          assertArrayEquals(plain.mixedM, fast.mixedM, "m_i, " + label);
          for (int m : new int[] {3, 40}) {
            long limit = fixed + N * InputNeighbours.bytesPerPoint(m);
            NeighbourStatistics.Result c = run(false, t, d, x, y, k, sd, budget, limit, null);
            NeighbourStatistics.Result e = run(true, t, d, x, y, k, sd, budget, limit, null);
            assertEquals(a.ixtNats(), c.ixtNats(), 0.0, "cached I(X;T), m=" + m + ", " + label);
            assertEquals(c.ixtNats(), e.ixtNats(), 0.0, "filtered, cached I(X;T), m=" + m + ", "
                + label);
            assertEquals(c.ityNats(), e.ityNats(), 0.0, "filtered, cached I(T;Y), m=" + m + ", "
                + label);
          }
        }
      }
    }
  }

  private static float[] inputs(SplittableRandom rng, boolean grid) {
    float[] x = new float[N * P];
    for (int f = 0; f < x.length; f++) {
      x[f] = grid ? rng.nextInt(3) : (float) rng.nextGaussian();
    }
    return x;
  }

  /** A ReLU layer of x: units mixing the inputs, {@code dead} of them always 0. */
  private static float[] relu(SplittableRandom rng, float[] x, int dead, double scale) {
    double[] w = new double[P * D];
    for (int f = 0; f < w.length; f++) {
      w[f] = rng.nextGaussian();
    }
    float[] t = new float[N * D];
    for (int i = 0; i < N; i++) {
      for (int u = dead; u < D; u++) {
        double s = 0.3 * rng.nextGaussian();
        for (int c = 0; c < P; c++) {
          s += x[i * P + c] * w[c * D + u];
        }
        t[i * D + u] = (float) (scale * Math.max(0, s));
      }
    }
    return t;
  }

  private static int[] labels(SplittableRandom rng) {
    int[] y = new int[N];
    for (int i = 0; i < N; i++) {
      y[i] = rng.nextInt(4);
    }
    return y;
  }

  @Test
  void continuousLayersAtEveryBalanceOfTheSpaces() {
    SplittableRandom rng = new SplittableRandom(31);
    float[] x = inputs(rng, false);
    int[] y = labels(rng);
    for (double scale : new double[] {0.01, 1, 100}) {
      check("ReLU layer, scale " + scale, relu(rng, x, 0, scale), x, y);
    }
    float[] gaussian = new float[N * D];
    for (int f = 0; f < gaussian.length; f++) {
      gaussian[f] = (float) rng.nextGaussian();
    }
    check("random layer", gaussian, x, y);
  }

  @Test
  void deadUnitsDeadRowsAndRepeatedRows() {
    SplittableRandom rng = new SplittableRandom(32);
    float[] x = inputs(rng, true);
    int[] y = labels(rng);
    float[] t = relu(rng, x, 20, 1);
    for (int i = 0; i < N; i += 3) {
      java.util.Arrays.fill(t, i * D, (i + 1) * D, 0f); // a third of the rows dead
    }
    for (int i = 1; i + 6 < N; i += 7) {
      System.arraycopy(t, i * D, t, (i + 5) * D, D); // repeats
    }
    check("dead units and rows, repeats", t, x, y);
  }

  /**
   * Past the GEMM's inner block (384 columns for OpenBLAS's double kernels here) it sums each dot
   * product in parts, which {@link FloatFilter#exact} does not follow: the first block's check
   * must then keep the double path.
   */
  @Test
  void wideLayersGiveTheDoublePathsResultsWhicheverPathRuns() {
    SplittableRandom rng = new SplittableRandom(34);
    float[] x = inputs(rng, false);
    int[] y = labels(rng);
    int d = 400;
    float[] t = new float[N * d];
    for (int f = 0; f < t.length; f++) {
      t[f] = rng.nextInt(2) == 0 ? 0 : (float) rng.nextGaussian();
    }
    check("400 units", t, d, x, y);
  }

  @Test
  void valuesOnACoarseGridTieEverywhere() {
    SplittableRandom rng = new SplittableRandom(33);
    float[] x = inputs(rng, true);
    int[] y = labels(rng);
    float[] t = new float[N * D];
    for (int f = 0; f < t.length; f++) {
      t[f] = 0.5f * rng.nextInt(3);
    }
    check("grid layer", t, x, y);
    float[] near = new float[N * D];
    for (int f = 0; f < near.length; f++) {
      near[f] = (float) (t[f] + 1e-5 * rng.nextGaussian()); // ties broken below float's resolution
    }
    check("near ties", near, x, y);
    float[] sparse = new float[N * D];
    for (int f = 0; f < sparse.length; f++) {
      sparse[f] = rng.nextInt(30) == 0 ? 1 : 0; // few ones: many rows at equal distances
    }
    check("sparse binary layer", sparse, x, y);
  }
}
