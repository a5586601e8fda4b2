package io.ib.info.renyi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ib.info.InformationEstimate;
import io.ib.info.LayerSample;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The estimator against the definition written out plainly: kernels by a double loop over
 * coordinates, the width rule from a two-pass variance, the joint of T and Y as the full N x N
 * matrix A_T o A_Y / tr (not its class blocks), eigenvalues by ND4J's
 * {@code Eigen.symmetricGeneralizedEigenvalues} (LAPACK with eigenvectors, another code path).
 */
class RenyiAgainstSimpleImplementationTest {
  private static double[] doubles(float[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    return out;
  }

  private static double sigma(double[] v, int n, int d, double gamma) {
    double total = 0;
    for (int u = 0; u < d; u++) {
      double mean = 0;
      for (int i = 0; i < n; i++) {
        mean += v[i * d + u] / n;
      }
      double ss = 0;
      for (int i = 0; i < n; i++) {
        ss += (v[i * d + u] - mean) * (v[i * d + u] - mean);
      }
      total += ss / n;
    }
    return gamma * Math.sqrt(total) * Math.pow(n, -1.0 / (4 + d));
  }

  /** A = K / N with K_ij = exp(-|a_i - a_j|^2 / (2 sigma^2)). */
  private static double[][] normalisedGram(double[] v, int n, int d, double sigma) {
    double[][] a = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double d2 = 0;
        for (int u = 0; u < d; u++) {
          double diff = v[i * d + u] - v[j * d + u];
          d2 += diff * diff;
        }
        a[i][j] = Math.exp(-d2 / (2 * sigma * sigma)) / n;
      }
    }
    return a;
  }

  private static double entropy(double[][] a, double alpha) {
    double[] lambda = Eigen.symmetricGeneralizedEigenvalues(
        Nd4j.create(a).castTo(DataType.DOUBLE), true).toDoubleVector();
    double sum = 0;
    for (double l : lambda) {
      double x = Math.max(l, 0);
      if (x > 0) {
        sum += alpha == 1 ? -x * Math.log(x) : Math.pow(x, alpha);
      }
    }
    return (alpha == 1 ? sum : Math.log(sum) / (1 - alpha)) / Math.log(2);
  }

  /** (A o B) / tr(A o B). */
  private static double[][] joint(double[][] a, double[][] b) {
    int n = a.length;
    double[][] c = new double[n][n];
    double trace = 0;
    for (int i = 0; i < n; i++) {
      trace += a[i][i] * b[i][i];
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        c[i][j] = a[i][j] * b[i][j] / trace;
      }
    }
    return c;
  }

  @Test
  void agreesWithTheDefinition() {
    for (int seed = 1; seed <= 3; seed++) {
      LayerSample s = RenyiPropertiesTest.randomSample(150 + 40 * seed, 3 + seed, 2 + seed, seed);
      int n = s.size();
      int d = s.width();
      double[] t = doubles(s.activationsAsFloats());
      double[] x = doubles(LayerSample.rowMajorFloats(s.inputs()));
      int[] labels = s.labels();
      double[][] ay = new double[n][n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          ay[i][j] = labels[i] == labels[j] ? 1.0 / n : 0;
        }
      }
      double gamma = 0.6;
      double[][] at = normalisedGram(t, n, d, sigma(t, n, d, gamma));
      double[][] ax = normalisedGram(x, n, 6, sigma(x, n, 6, gamma));
      for (double alpha : new double[] {1, 1.01, 2}) {
        double st = entropy(at, alpha);
        double ixt = entropy(ax, alpha) + st - entropy(joint(ax, at), alpha);
        double ity = entropy(ay, alpha) + st - entropy(joint(at, ay), alpha);
        InformationEstimate e =
            RenyiEstimator.of(alpha, KernelWidth.silverman(gamma), 1000).estimate(s);
        String what = "seed " + seed + ", alpha " + alpha;
        assertEquals(st, e.htBits(), 1e-9, what);
        assertEquals(ixt, e.ixtBits(), 1e-9, what);
        assertEquals(ity, e.ityBits(), 1e-9, what);
      }
    }
  }
}
