package io.ib.info.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.info.InformationEstimate;
import io.ib.info.LayerSample;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Closed forms and invariances of the pairwise-distance bounds; expected values derived here. */
class KernelClosedFormsTest {
  private static final double LN2 = Math.log(2);

  private static LayerSample sample(float[][] t, int[] labels, int classes) {
    return LayerSample.of("t", Nd4j.createFromArray(t).castTo(DataType.FLOAT), labels, classes);
  }

  /** {upper, lower} estimates at one s2. */
  private static InformationEstimate[] bounds(LayerSample s, double s2) {
    List<InformationEstimate> all = KernelEstimator.of(s2).estimateAll(s);
    assertEquals(KernelEstimator.memberSpec(KernelBound.UPPER, s2), all.get(0).estimator());
    assertEquals(KernelEstimator.memberSpec(KernelBound.LOWER, s2), all.get(1).estimator());
    return new InformationEstimate[] {all.get(0), all.get(1)};
  }

  /**
   * X ~ N(0,1), T = X, noise variance s2: I(X; T + Z) = 0.5 ln(1 + 1/s2) (1.199 nats for s2 = 0.1)
   * must lie between the bounds. Both bounds also converge, as n grows, to closed forms derived
   * here: (1/n) sum_j exp(-(t - t_j)^2 / (c s2)) tends to sqrt(v / (1 + v)) exp(-t^2 / (2 (1 + v)))
   * with v = c s2 / 2, so a bound tends to 0.5 ln((1 + v) / v) + E[t^2] / (2 (1 + v)), i.e.
   * 1.6535 nats (upper, v = s2) and 0.9835 nats (lower, v = 4 s2). The finite-sample spread of the
   * average of t_i^2 / (2 (1 + v)) is 1 / ((1 + v) sqrt(2n)), about 0.01 nats for n = 4000; the
   * self term j = i adds at most 1/n relative to a kernel average of at least
   * sqrt(v / (1 + v)) exp(-t^2 / (2 (1 + v))), negligible here. We allow 5 standard errors.
   */
  @Test
  void gaussianChannelIsBracketedByTheBounds() {
    int n = 4000;
    for (long seed = 1; seed <= 3; seed++) {
      SplittableRandom rng = new SplittableRandom(seed);
      float[][] t = new float[n][1];
      for (int i = 0; i < n; i++) {
        t[i][0] = (float) rng.nextGaussian();
      }
      for (double s2 : new double[] {0.1, 1}) {
        InformationEstimate[] b = bounds(sample(t, new int[n], 1), s2);
        double trueBits = 0.5 * Math.log(1 + 1 / s2) / LN2;
        assertTrue(b[1].ixtBits() < trueBits && trueBits < b[0].ixtBits(),
            "seed " + seed + ", s2 " + s2 + ": " + b[1].ixtBits() + " <= " + trueBits + " <= "
                + b[0].ixtBits());
        for (int k = 0; k < 2; k++) {
          double v = k == 0 ? s2 : 4 * s2;
          double limitNats = 0.5 * Math.log((1 + v) / v) + 1 / (2 * (1 + v));
          double standardError = 1 / ((1 + v) * Math.sqrt(2.0 * n));
          assertEquals(limitNats / LN2, b[k].ixtBits(), 5 * standardError / LN2,
              "seed " + seed + ", s2 " + s2 + ", " + b[k].estimator());
        }
        assertEquals(0, b[0].ityBits(), 0, "one class: no label information");
      }
    }
    // The reference value quoted in information-plane.md.
    assertEquals(1.199, 0.5 * Math.log(1 + 1 / 0.1), 5e-4);
  }

  @Test
  void lowerNeverExceedsUpper() {
    for (long seed = 1; seed <= 8; seed++) {
      SplittableRandom rng = new SplittableRandom(seed);
      int n = 20 + rng.nextInt(600);
      int d = 1 + rng.nextInt(10);
      int classes = 1 + rng.nextInt(5);
      float[][] t = new float[n][d];
      int[] labels = new int[n];
      for (int i = 0; i < n; i++) {
        labels[i] = rng.nextInt(classes);
        for (int u = 0; u < d; u++) {
          t[i][u] = (float) (rng.nextDouble() < 0.3 ? 0 : rng.nextGaussian() * (1 + labels[i]));
        }
      }
      double[] s2 = {1e-4, 0.01, 0.1, 1, 100};
      List<InformationEstimate> all =
          KernelEstimator.of(s2).estimateAll(sample(t, labels, classes));
      for (int m = 0; m < s2.length; m++) {
        InformationEstimate upper = all.get(2 * m);
        InformationEstimate lower = all.get(2 * m + 1);
        assertTrue(lower.ixtBits() <= upper.ixtBits(), upper + " vs " + lower);
        // The mean of n terms ln(n / S_i) carries rounding: allow 1e-12 at the ceiling log2 n.
        assertTrue(lower.ixtBits() >= 0 && upper.ixtBits() <= upper.log2nBits() + 1e-12,
            upper + " " + lower);
      }
    }
  }

  @Test
  void identicalPointsGiveZero() {
    int n = 300;
    float[][] t = new float[n][3];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      t[i] = new float[] {1.7f, -3.2f, 1e3f};
      labels[i] = i % 3;
    }
    for (double s2 : new double[] {1e-6, 0.1, 10}) {
      for (InformationEstimate e : bounds(sample(t, labels, 3), s2)) {
        assertEquals(0, e.ixtBits(), 0, e.toString());
        assertEquals(0, e.ityBits(), 0, e.toString());
        assertTrue(Double.isNaN(e.htBits()));
      }
    }
  }

  /** K clusters of identical points, far apart, equal sizes: each row sum is exactly n / K. */
  @Test
  void farApartClustersGiveLogK() {
    for (int clusters : new int[] {2, 5, 10}) {
      int perCluster = 60;
      int n = clusters * perCluster;
      float[][] t = new float[n][3];
      int[] clusterLabels = new int[n];
      int[] mixedLabels = new int[n];
      for (int i = 0; i < n; i++) {
        int k = i / perCluster;
        t[i] = new float[] {100f * k, -50f * k + 0.25f, 30f};
        clusterLabels[i] = k;
        mixedLabels[i] = i % clusters; // every class has perCluster / K... points in each cluster
      }
      double logK = Math.log(clusters) / LN2;
      for (double s2 : new double[] {0.1, 1}) {
        for (InformationEstimate e : bounds(sample(t, clusterLabels, clusters), s2)) {
          assertEquals(logK, e.ixtBits(), 1e-12, e.toString());
          assertEquals(logK, e.ityBits(), 1e-12, "clusters are the classes: " + e);
          assertEquals(logK, e.hyBits(), 1e-12);
        }
        for (InformationEstimate e : bounds(sample(t, mixedLabels, clusters), s2)) {
          assertEquals(logK, e.ixtBits(), 1e-12, e.toString());
          assertEquals(0, e.ityBits(), 1e-12, "classes spread evenly over the clusters: " + e);
        }
      }
    }
  }

  /**
   * Classes as clusters far apart (squared distances of at least 100^2, so every cross-class kernel
   * is below the e^-69 floor and vanishes from sums of at least 1 in double): S_i^y = S_i for every
   * row, so I(T;Y) = H(Y) for both bounds. Unequal class sizes make the two means of logarithms and
   * H(Y) round differently: without the clamp in KernelEstimator, several of these samples come out
   * a few 1e-16 bits above H(Y). The ceiling must hold exactly, not within a tolerance.
   */
  @Test
  void separatedClassesGiveHyAndNeverMore() {
    for (long seed = 1; seed <= 40; seed++) {
      SplittableRandom rng = new SplittableRandom(seed);
      int classes = 2 + rng.nextInt(4);
      int n = classes + rng.nextInt(30);
      int d = 1 + rng.nextInt(3);
      float[][] t = new float[n][d];
      int[] labels = new int[n];
      for (int i = 0; i < n; i++) {
        labels[i] = i < classes ? i : rng.nextInt(classes); // every class present
        for (int u = 0; u < d; u++) {
          t[i][u] = (float) (100 * labels[i] + 0.5 * rng.nextDouble());
        }
      }
      LayerSample s = sample(t, labels, classes);
      for (InformationEstimate e : KernelEstimator.of(0.1, 1).estimateAll(s)) {
        assertTrue(e.ityBits() <= e.hyBits(), "seed " + seed + ": " + e);
        assertEquals(e.hyBits(), e.ityBits(), 1e-12, "seed " + seed + ": " + e);
      }
    }
  }

  /**
   * Both bounds depend on D / s2 only: T scaled by c at noise variance s2 equals T at s2 / c^2
   * (here written as T at s2 against cT at c^2 s2, so every case stays in the informative range).
   * The kernels are float32, whose relative rounding (about 1e-7 per kernel, times the exponent)
   * bounds the difference.
   */
  @Test
  void scalingTheLayerEqualsScalingTheNoiseVariance() {
    SplittableRandom rng = new SplittableRandom(11);
    int n = 500;
    int d = 6;
    float[][] t = new float[n][d];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = rng.nextInt(4);
      for (int u = 0; u < d; u++) {
        t[i][u] = (float) Math.max(0, 0.5 * labels[i] + 0.4 * rng.nextGaussian());
      }
    }
    double s2 = 0.5;
    InformationEstimate[] base = bounds(sample(t, labels, 4), s2);
    assertTrue(base[1].ixtBits() > 0.5 && base[0].ixtBits() < base[0].log2nBits() - 0.5,
        "a test in the informative range: " + base[0] + " " + base[1]);
    for (float c : new float[] {3f, 0.5f, 10f, 0.01f}) {
      float[][] scaled = new float[n][d];
      for (int i = 0; i < n; i++) {
        for (int u = 0; u < d; u++) {
          scaled[i][u] = c * t[i][u];
        }
      }
      InformationEstimate[] a = bounds(sample(scaled, labels, 4), s2 * c * c);
      for (int k = 0; k < 2; k++) {
        assertEquals(base[k].ixtBits(), a[k].ixtBits(), 1e-6, "c = " + c);
        assertEquals(base[k].ityBits(), a[k].ityBits(), 1e-6, "c = " + c);
      }
    }
  }

  @Test
  void singleSampleAndSmallSamples() {
    InformationEstimate[] one = bounds(sample(new float[][] {{2f, 3f}}, new int[] {0}, 1), 0.1);
    assertEquals(0, one[0].ixtBits(), 0);
    assertEquals(0, one[1].ixtBits(), 0);
    // Two points at distance^2 D: upper = -ln((1 + e^(-D/(2 s2))) / 2) nats.
    float[][] two = {{0f}, {1f}};
    InformationEstimate[] b = bounds(sample(two, new int[] {0, 1}, 2), 0.25);
    assertEquals(-Math.log((1 + Math.exp(-1 / 0.5)) / 2) / LN2, b[0].ixtBits(), 1e-7);
    assertEquals(-Math.log((1 + Math.exp(-1 / 2.0)) / 2) / LN2, b[1].ixtBits(), 1e-7);
    // Each point alone in its class: the conditional terms are 0, so I(T;Y) = I(X;T).
    assertEquals(b[0].ixtBits(), b[0].ityBits(), 1e-15);
  }
}
