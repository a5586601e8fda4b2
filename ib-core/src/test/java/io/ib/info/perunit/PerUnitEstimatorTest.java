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
    LayerSample s = LayerSample.of("hidden2", Nd4j.create(t, new long[] {n, 20}, DataType.FLOAT),
        labels, 10, Nd4j.zeros(DataType.FLOAT, n, 784));
    InformationEstimate e = PerUnitEstimator.notebook().estimate(s);
    assertEquals(0.0, e.ixtBits(), 0.0);
    assertTrue(e.ityBits() > 0.01, "units carry label information: " + e.ityBits());
    assertTrue(Double.isNaN(e.htBits()));
  }

  @Test
  void agreesWithNumpyAndScikitLearnWrittenOutInTheTest() {
    for (long seed = 1; seed <= 4; seed++) {
      SplittableRandom rng = new SplittableRandom(seed);
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
          x[i][j] = (float) (rng.nextDouble() < 0.5 ? 0 : rng.nextDouble());
        }
        for (int j = 0; j < d; j++) {
          t[i][j] = (float) Math.max(0, x[i][j % inputs] * 2 + labels[i] * 0.5 + rng.nextGaussian() * 0.3);
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
        float[] edges = numpyHistogramEdges(xi, bins);
        ixt += sklearnMutualInfoNats(digitize(xi, edges), digitize(ti, edges));
        ity += sklearnMutualInfoNats(digitize(ti, numpyHistogramEdges(ti, bins)), labels);
      }
      assertEquals(ixt / u / Math.log(2), e.ixtBits(), 1e-9, "seed " + seed);
      assertEquals(ity / u / Math.log(2), e.ityBits(), 1e-9, "seed " + seed);
    }
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

  /** np.histogram(v, bins)[1][:-1] for float32 v: linspace(min, max, bins + 1) cast to float32. */
  private static float[] numpyHistogramEdges(float[] v, int bins) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (float f : v) {
      lo = Math.min(lo, f);
      hi = Math.max(hi, f);
    }
    if (lo == hi) {
      lo -= 0.5;
      hi += 0.5;
    }
    float[] edges = new float[bins];
    for (int j = 0; j < bins; j++) {
      edges[j] = (float) (lo + j * ((hi - lo) / bins));
    }
    return edges;
  }

  /** np.digitize(v, edges), right=False: a linear scan, no binary search. */
  private static int[] digitize(float[] v, float[] edges) {
    int[] out = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      int k = 0;
      for (float e : edges) {
        if (e <= v[i]) {
          k++;
        }
      }
      out[i] = k;
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
      joint.merge(((long) a[i] << 32) | b[i], 1, Integer::sum);
      ca.merge(a[i], 1, Integer::sum);
      cb.merge(b[i], 1, Integer::sum);
    }
    double mi = 0;
    for (Map.Entry<Long, Integer> e : joint.entrySet()) {
      int ai = (int) (e.getKey() >>> 32);
      int bi = (int) (long) e.getKey();
      double p = e.getValue() / (double) n;
      mi += p * Math.log(p / (ca.get(ai) / (double) n * (cb.get(bi) / (double) n)));
    }
    return Math.max(0, mi);
  }
}
