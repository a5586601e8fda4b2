package io.ib.info.perunit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.info.EstimatorContract;
import io.ib.info.InformationEstimate;
import io.ib.info.LayerSample;
import io.ib.info.MutualInformationEstimator;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class PerUnitEstimatorTest extends EstimatorContract {
  @Override
  protected MutualInformationEstimator estimator() {
    return PerUnitEstimator.notebook();
  }

  @Test
  void constantPixelsGiveExactlyZeroIxt() {
    // The notebook's defect: pixels paired with units are always 0 on MNIST's border.
    SplittableRandom rng = new SplittableRandom(3);
    int n = 1000;
    double[] t = new double[n * 20];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = rng.nextInt(10);
      for (int j = 0; j < 20; j++) {
        t[i * 20 + j] = Math.max(0, rng.nextGaussian() + labels[i] * 0.3);
      }
    }
    // 0 as on MNIST's border; 0.5 puts unit values on both sides of the pixel's single value, so
    // they take the indices -1 and B.
    for (float pixel : new float[] {0f, 0.5f}) {
      LayerSample s = LayerSample.of("hidden2",
          Nd4j.create(t, new long[] {n, 20}, DataType.FLOAT), labels, 10,
          Nd4j.zeros(DataType.FLOAT, n, 784).addi(pixel));
      InformationEstimate e = PerUnitEstimator.notebook().estimate(s);
      assertEquals(0.0, e.ixtBits(), 0.0, "pixel " + pixel);
      assertTrue(e.ityBits() > 0.01, "units carry label information: " + e.ityBits());
      assertTrue(Double.isNaN(e.htBits()));
    }
  }

  /**
   * Random layers against the notebook's code written out below. Odd seeds saturate: about a fifth
   * of the unit values tie at the unit's maximum and a tenth of the pixels at the pixel's maximum,
   * the case where the maximum's own bin matters; unit values also fall outside the pixel's range.
   */
  @Test
  void agreesWithNumpyAndScikitLearnWrittenOutInTheTest() {
    for (long seed = 1; seed <= 8; seed++) {
      SplittableRandom rng = new SplittableRandom(seed);
      boolean saturated = seed % 2 == 1;
      int n = 500 + rng.nextInt(500);
      int d = 3 + rng.nextInt(5);
      int inputs = 4 + rng.nextInt(6);
      int bins = 5 + rng.nextInt(30);
      float[][] t = new float[n][d];
      float[][] x = new float[n][inputs];
      int[] labels = new int[n];
      for (int i = 0; i < n; i++) {
        labels[i] = rng.nextInt(4);
        for (int j = 0; j < inputs; j++) {
          double r = rng.nextDouble();
          x[i][j] = (float) (r < 0.5 ? 0 : saturated && r > 0.9 ? 1 : rng.nextDouble());
        }
        for (int j = 0; j < d; j++) {
          double z = x[i][j % inputs] * 2 + labels[i] * 0.5 + rng.nextGaussian() * 0.3;
          t[i][j] = (float) (saturated ? Math.min(1.8, Math.max(-0.2, z)) : Math.max(0, z));
        }
      }
      InformationEstimate e = new PerUnitEstimator(bins, 50).estimate(LayerSample.of("h",
          Nd4j.createFromArray(t).castTo(DataType.FLOAT), labels, 4,
          Nd4j.createFromArray(x).castTo(DataType.FLOAT)));
      int u = Math.min(d, inputs);
      double ixt = 0;
      double ity = 0;
      for (int i = 0; i < u; i++) {
        float[] xi = column(x, i);
        float[] ti = column(t, i);
        double[] edges = numpyLinspaceEdges(xi, bins);
        ixt += sklearnMutualInfoNats(digitizeMinusOne(xi, edges), digitizeMinusOne(ti, edges));
        ity += sklearnMutualInfoNats(digitizeMinusOne(ti, numpyLinspaceEdges(ti, bins)), labels);
      }
      assertEquals(ixt / u / Math.log(2), e.ixtBits(), 1e-9, "seed " + seed);
      assertEquals(ity / u / Math.log(2), e.ityBits(), 1e-9, "seed " + seed);
    }
  }

  /**
   * The maximum and its ties get a bin of their own. One unit, one pixel (equal to the label), two
   * bins. The unit's own edges are -0.5, 0.5, 1.5: the values -0.5 .. 0.1 (label 0) get 0, 0.7 and
   * 0.9 (label 0) get 1, and the four copies of the maximum 1.5 (label 1) get 2, so T determines Y
   * and the "I(T;Y)" term is H(Y). On the pixel's edges 0, 0.5, 1 the unit values below 0 get -1,
   * 0.1 gets 0, 0.7 and 0.9 get 1 and 1.5, above the pixel's maximum, gets 2: again T determines
   * X = Y, so the "I(X;T)" term is H(Y) too. With the maximum in bin B - 1 instead (the rule before),
   * 0.7 and 0.9 would share it with the label-1 values and both terms would fall below H(Y).
   */
  @Test
  void theMaximumAndItsTiesGetABinOfTheirOwn() {
    float[][] t = {{-0.5f}, {-0.3f}, {-0.1f}, {0.1f}, {0.7f}, {0.9f}, {1.5f}, {1.5f}, {1.5f}, {1.5f}};
    int[] labels = {0, 0, 0, 0, 0, 0, 1, 1, 1, 1};
    float[][] x = new float[labels.length][1];
    for (int i = 0; i < labels.length; i++) {
      x[i][0] = labels[i];
    }
    InformationEstimate e = new PerUnitEstimator(2, 50).estimate(LayerSample.of("h",
        Nd4j.createFromArray(t), labels, 2, Nd4j.createFromArray(x)));
    double hy = -(0.4 * Math.log(0.4) + 0.6 * Math.log(0.6)) / Math.log(2);
    assertEquals(hy, e.hyBits(), 1e-15);
    assertEquals(hy, e.ityBits(), 1e-12);
    assertEquals(hy, e.ixtBits(), 1e-12);
  }

  @Test
  void oneInstanceOnSeveralInputMatricesEqualsFreshInstances() {
    PerUnitEstimator shared = PerUnitEstimator.notebook();
    for (long seed = 1; seed <= 3; seed++) {
      LayerSample s = structuredSample(300, 5, 3, seed);
      assertEquals(PerUnitEstimator.notebook().estimate(s), shared.estimate(s));
      assertEquals(PerUnitEstimator.notebook().estimate(s), shared.estimate(s), "from the cache");
    }
  }

  @Test
  void refusesASampleWithoutInputs() {
    LayerSample s = LayerSample.of("hidden1", Nd4j.rand(DataType.FLOAT, 10, 3), new int[10], 2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PerUnitEstimator.notebook().estimate(s));
    assertTrue(e.getMessage().contains("needs the inputs"), e.getMessage());
  }

  @Test
  void nonFiniteInputsAreRejectedWithLayerRowAndColumn() {
    LayerSample good = structuredSample(40, 3, 2, 6);
    INDArray x = good.inputs().dup();
    x.putScalar(7, 1, Float.POSITIVE_INFINITY);
    LayerSample bad = LayerSample.of("hidden4", good.activations(), good.labels(), 2, x);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PerUnitEstimator.notebook().estimate(bad));
    assertEquals("layer hidden4: input Infinity at row 7, column 1 is not finite", e.getMessage());
  }

  private static float[] column(float[][] m, int j) {
    float[] c = new float[m.length];
    for (int i = 0; i < m.length; i++) {
      c[i] = m[i][j];
    }
    return c;
  }

  /**
   * np.linspace(v.min(), v.max(), bins + 1) in float64: y = arange(bins + 1) * step + start with
   * step = (stop - start) / bins, then y[-1] = stop.
   */
  private static double[] numpyLinspaceEdges(float[] v, int bins) {
    double start = Double.POSITIVE_INFINITY;
    double stop = Double.NEGATIVE_INFINITY;
    for (float f : v) {
      start = Math.min(start, f);
      stop = Math.max(stop, f);
    }
    double step = (stop - start) / bins;
    double[] y = new double[bins + 1];
    for (int j = 0; j <= bins; j++) {
      y[j] = j * step + start;
    }
    y[bins] = stop;
    return y;
  }

  /** np.digitize(v, edges) - 1 (right=False, float32 v promoted to float64): a linear scan. */
  private static int[] digitizeMinusOne(float[] v, double[] edges) {
    int[] out = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      int k = 0;
      for (double e : edges) {
        if (e <= (double) v[i]) {
          k++;
        }
      }
      out[i] = k - 1;
    }
    return out;
  }

  /** sklearn.metrics.mutual_info_score: sum over the contingency table of p log(p / (pa pb)). */
  private static double sklearnMutualInfoNats(int[] a, int[] b) {
    int n = a.length;
    Map<Long, Integer> joint = new HashMap<>();
    Map<Integer, Integer> ca = new HashMap<>();
    Map<Integer, Integer> cb = new HashMap<>();
    for (int i = 0; i < n; i++) {
      joint.merge(((long) a[i] << 32) | (b[i] & 0xFFFFFFFFL), 1, Integer::sum); // b may be -1
      ca.merge(a[i], 1, Integer::sum);
      cb.merge(b[i], 1, Integer::sum);
    }
    double mi = 0;
    for (Map.Entry<Long, Integer> e : joint.entrySet()) {
      int ai = (int) (e.getKey() >>> 32);
      int bi = e.getKey().intValue();
      double p = e.getValue() / (double) n;
      mi += p * Math.log(p / (ca.get(ai) / (double) n * (cb.get(bi) / (double) n)));
    }
    return Math.max(0, mi);
  }
}
