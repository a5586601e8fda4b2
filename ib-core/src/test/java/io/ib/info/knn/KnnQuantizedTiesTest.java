package io.ib.info.knn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.info.InformationEstimate;
import io.ib.info.LayerSample;
import io.ib.info.UniformLevels;
import io.ib.nn.Quantization;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * k-NN on quantized layers: distances on the levels are exact, so every point's neighbour counts
 * are the same whatever the order of the samples and of the columns of X and T, and the estimates
 * agree to 1e-12 bits (the sums' rounding); and a hand-worked example of the tie rules.
 */
class KnnQuantizedTiesTest {
  private static final double LN2 = Math.log(2);

  @AfterEach
  void clear() {
    InputNeighbourCache.clear();
  }

  /** Pixels v / 255 as the MNIST loader makes them, most of them 0 (the blank background). */
  private static float[] pixels(SplittableRandom rng, int n, int p) {
    float[] x = new float[n * p];
    for (int f = 0; f < x.length; f++) {
      x[f] = rng.nextInt(3) == 0 ? (rng.nextInt(256) & 0xFF) / 255f : 0f;
    }
    return x;
  }

  /**
   * A random ReLU layer of x with weights of scale {@code gain}, quantized to 2^bits levels over
   * [0, 6] as the network does (small activations use few of the levels, as in a trained network's
   * hidden layers).
   */
  private static float[] layer(SplittableRandom rng, float[] x, int n, int p, int d,
      Quantization q, double gain) {
    double[] w = new double[p * d];
    for (int f = 0; f < w.length; f++) {
      w[f] = rng.nextGaussian() * gain / Math.sqrt(p);
    }
    float[] t = new float[n * d];
    for (int i = 0; i < n; i++) {
      for (int u = 0; u < d; u++) {
        double a = 0.1;
        for (int c = 0; c < p; c++) {
          a += x[i * p + c] * w[c * d + u];
        }
        double clamped = Math.min(q.upper(), Math.max(q.lower(), a));
        t[i * d + u] = q.level((int) Math.rint((clamped - q.lower()) / q.step()));
      }
    }
    return t;
  }

  private static int[] permutation(SplittableRandom rng, int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int s = a[i];
      a[i] = a[j];
      a[j] = s;
    }
    return a;
  }

  /** Row i of the result is row rows[i] of v, column c its column columns[c]. */
  private static float[] permute(float[] v, int d, int[] rows, int[] columns) {
    float[] out = new float[v.length];
    for (int i = 0; i < rows.length; i++) {
      for (int c = 0; c < d; c++) {
        out[i * d + c] = v[rows[i] * d + columns[c]];
      }
    }
    return out;
  }

  private static LayerSample sample(float[] t, int d, float[] x, int p, int[] labels,
      UniformLevels levels) {
    int n = labels.length;
    return LayerSample.of("hidden1", Nd4j.create(t, new long[] {n, d}, 'c').castTo(DataType.FLOAT),
        labels, 10, Nd4j.create(x, new long[] {n, p}, 'c').castTo(DataType.FLOAT)).onLevels(levels);
  }

  /** The fraction of points with another point at their k-th nearest distance in T (exact). */
  private static double tiedAtK(float[] t, int n, int d, Quantization q, int k) {
    int tied = 0;
    for (int i = 0; i < n; i++) {
      long[] row = new long[n - 1];
      for (int j = 0, c = 0; j < n; j++) {
        if (j != i) {
          long s = 0;
          for (int u = 0; u < d; u++) {
            long a = Math.round((t[i * d + u] - q.lower()) / q.step())
                - Math.round((t[j * d + u] - q.lower()) / q.step());
            s += a * a;
          }
          row[c++] = s;
        }
      }
      Arrays.sort(row);
      tied += row[k - 1] == row[k] ? 1 : 0; // another point at the k-th distance
    }
    return tied / (double) n;
  }

  @Test
  void countsAndEstimatesDoNotDependOnTheOrderOfSamplesOrColumns() {
    SplittableRandom rng = new SplittableRandom(18);
    int n = 240;
    int p = 30;
    int d = 12;
    for (int bits : new int[] {2, 4, 8}) {
      double gain = bits == 8 ? 0.08 : 3;
      Quantization q = new Quantization(bits, 0, Quantization.RELU_UPPER);
      UniformLevels levels = new UniformLevels(q.levels(), q.lower(), q.upper());
      float[] x = pixels(rng, n, p);
      float[] t = layer(rng, x, n, p, d, q, gain);
      int[] labels = new int[n];
      for (int i = 0; i < n; i++) {
        labels[i] = rng.nextInt(10);
      }
      assertTrue(tiedAtK(t, n, d, q, 3) > 0.25, "the layer must have ties at the 3rd neighbour");
      int[] rows = permutation(rng, n);
      float[] px = permute(x, p, rows, permutation(rng, p));
      float[] pt = permute(t, d, rows, permutation(rng, d));
      int[] pl = new int[n];
      for (int i = 0; i < n; i++) {
        pl[i] = labels[rows[i]];
      }
      for (int k : new int[] {1, 3}) {
        for (int variant = 1; variant <= 2; variant++) {
          for (boolean sd : new boolean[] {false, true}) {
            String what = bits + " bits, k=" + k + ", variant=" + variant + ", sd=" + sd;
            PointCounts a = new PointCounts(n);
            PointCounts b = new PointCounts(n);
            NeighbourStatistics.Result ra = NeighbourStatistics.compute(
                LevelGrid.declared(t, d, levels, "t"), d, x, p, labels, 10, k, variant, sd,
                KnnEstimator.DEFAULT_MEMORY_BUDGET_BYTES, 0, a);
            NeighbourStatistics.Result rb = NeighbourStatistics.compute(
                LevelGrid.declared(pt, d, levels, "t"), d, px, p, pl, 10, k, variant, sd,
                32L * 7 * n, 0, b); // other blocks too
            assertArrayEquals(a.ksgK, unpermute(b.ksgK, rows), "KSG k, " + what);
            assertArrayEquals(a.ksgX, unpermute(b.ksgX, rows), "KSG n_x, " + what);
            assertArrayEquals(a.ksgT, unpermute(b.ksgT, rows), "KSG n_t, " + what);
            assertArrayEquals(a.mixedK, unpermute(b.mixedK, rows), "mixed k_i, " + what);
            assertArrayEquals(a.mixedM, unpermute(b.mixedM, rows), "mixed m_i, " + what);
            assertEquals(ra.ixtNats() / LN2, rb.ixtNats() / LN2, 1e-12, "I(X;T), " + what);
            assertEquals(ra.ityNats() / LN2, rb.ityNats() / LN2, 1e-12, "I(T;Y), " + what);
            // The estimator, filling the input cache and then reading it, gives the uncached values
            // to the last bit (same blocks), and the permuted sample's to 1e-12 bits.
            KnnEstimator e = KnnEstimator.of(k, variant, sd ? KnnScale.SD : KnnScale.NONE);
            for (String call : new String[] {"filling", "reading"}) {
              InformationEstimate ea = e.estimate(sample(t, d, x, p, labels, levels));
              InformationEstimate eb = e.estimate(sample(pt, d, px, p, pl, levels));
              assertEquals(ra.ixtNats() / LN2, ea.ixtBits(), 0.0, call + " I(X;T), " + what);
              assertEquals(ra.ityNats() / LN2, ea.ityBits(), 0.0, call + " I(T;Y), " + what);
              assertEquals(ra.ixtNats() / LN2, eb.ixtBits(), 1e-12, "permuted I(X;T), " + what);
              assertEquals(ra.ityNats() / LN2, eb.ityBits(), 1e-12, "permuted I(T;Y), " + what);
            }
          }
        }
      }
    }
  }

  /** out[rows[i]] = v[i]: back to the original order. */
  private static int[] unpermute(int[] v, int[] rows) {
    int[] out = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      out[rows[i]] = v[i];
    }
    return out;
  }

  /**
   * Four points, k = 1, X and T one-dimensional on levels 0..3 (squared distances below):
   * x = (0, 2, 1, 3), t = (0, 1, 2, 1), labels (0, 0, 1, 1).
   * <pre>
   *   squared dx: a-b 4, a-c 1, a-d 9, b-c 1, b-d 1, c-d 4
   *   squared dt: a-b 1, a-c 4, a-d 1, b-c 1, b-d 0, c-d 1
   * </pre>
   * KSG variant 1, z = max(dx, dt): a's nearest joint distance is 4, tied between b and c (either
   * is "the" first neighbour; eps = 4 either way); n_x = #{dx &lt; 4} = 1 (c), n_t = #{dt &lt; 4}
   * = 2 (b, d). b: eps = 1 (c and d tied), n_x = 0, n_t = 1 (d at 0). c: eps = 1 (b), n_x = n_t =
   * 0. d: eps = 1 (b), n_x = 0, n_t = 1 (b). Mixed: r is the distance to the nearest of the same
   * class, 1 for every point; m = #{dt &le; r}, the closed ball, points tied at r included: a 2 (b
   * and d), b 3 (a, c, d), c 2 (b, d), d 3 (a, b, c); k_i = 1 (no other point of the class at r).
   */
  @Test
  void tiesAtTheKthDistanceFollowTheDocumentedRules() {
    float[] x = {0, 2, 1, 3};
    float[] t = {0, 1, 2, 1};
    int[] labels = {0, 0, 1, 1};
    UniformLevels levels = new UniformLevels(4, 0, 3);
    PointCounts c = new PointCounts(4);
    NeighbourStatistics.Result r = NeighbourStatistics.compute(
        LevelGrid.declared(t, 1, levels, "t"), 1, x, 1, labels, 2, 1, 1, false,
        KnnEstimator.DEFAULT_MEMORY_BUDGET_BYTES, 0, c);
    assertArrayEquals(new int[] {1, 1, 1, 1}, c.ksgK);
    assertArrayEquals(new int[] {2, 1, 1, 1}, c.ksgX); // n_x + 1
    assertArrayEquals(new int[] {3, 2, 1, 2}, c.ksgT); // n_t + 1
    assertArrayEquals(new int[] {1, 1, 1, 1}, c.mixedK);
    assertArrayEquals(new int[] {2, 3, 2, 3}, c.mixedM);
    double psi1 = -0.5772156649015329;
    double psi2 = psi1 + 1;
    double psi3 = psi2 + 0.5;
    double psi4 = psi3 + 1.0 / 3;
    double ksg = psi1 + psi4 - ((psi2 + psi3) + (psi1 + psi2) + (psi1 + psi1) + (psi1 + psi2)) / 4;
    assertEquals(ksg, r.ixtNats(), 1e-14);
    assertEquals(psi4 + psi1 - psi2 - (psi2 + psi3 + psi2 + psi3) / 4, r.ityNats(), 1e-14);
  }

  /**
   * The mixed estimator's closed ball, k = 1, T one-dimensional on levels 0..3:
   * t = (1, 0, 2, 3, 3), labels (0, 0, 0, 1, 1). a (t = 1): b and c of its class both at 1, so
   * r = 1, k_i = 2 (both), m = 2 (b, c; d and e at 2). b: r = 1 (a), k_i = 1, m = 1. c: r = 1 (a),
   * k_i = 1, m = 3 (a, d, e at 1). d and e repeat each other (r = 0): the atom rule, k_i = m = 2
   * (counting itself).
   */
  @Test
  void theMixedEstimatorCountsTheClosedBallOfTheKthNeighbour() {
    float[] t = {1, 0, 2, 3, 3};
    float[] x = {0, 1, 2, 3, 4};
    int[] labels = {0, 0, 0, 1, 1};
    PointCounts c = new PointCounts(5);
    NeighbourStatistics.Result r = NeighbourStatistics.compute(
        LevelGrid.declared(t, 1, new UniformLevels(4, 0, 3), "t"), 1, x, 1, labels, 2, 1, 1,
        false, KnnEstimator.DEFAULT_MEMORY_BUDGET_BYTES, 0, c);
    assertArrayEquals(new int[] {2, 1, 1, 2, 2}, c.mixedK);
    assertArrayEquals(new int[] {2, 1, 3, 2, 2}, c.mixedM);
    double psi1 = -0.5772156649015329;
    double psi2 = psi1 + 1;
    double psi3 = psi2 + 0.5;
    double psi5 = psi3 + 1.0 / 3 + 0.25;
    double k = (3 * psi2 + 2 * psi1) / 5;
    double ny = (3 * psi3 + 2 * psi2) / 5;
    double m = (3 * psi2 + psi1 + psi3) / 5;
    assertEquals(psi5 + k - ny - m, r.ityNats(), 1e-14);
  }

  @Test
  void anActivationOffTheDeclaredLevelsIsOneClearError() {
    float[] t = {0, 1, 2.5f, 1};
    float[] x = {0, 2, 1, 3};
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KnnEstimator.of(1, 1).estimate(sample(t, 1, x, 1, new int[] {0, 0, 1, 1},
            new UniformLevels(4, 0, 3))));
    assertTrue(e.getMessage().contains("activation 2.5 at row 2, unit 0"), e.getMessage());
  }
}
