package io.ib.info.knn;

import java.util.Arrays;

/**
 * A deliberately plain implementation of the estimators of {@link KnnEstimator} for the tests,
 * written from the definitions in its Javadoc: Euclidean distances as square roots of
 * sum_u (a_iu - a_ju)^2 in double (no GEMM, no centring, no blocks, no hashing), neighbours found by
 * sorting each point's distances, counts by plain loops over all other points, and the digamma
 * function from its asymptotic series (not a table). O(n^2 (p + d)) time, O(n) memory per point.
 */
final class KnnReference {
  private KnnReference() {}

  /** Euclidean distance between rows i and j. */
  static double distance(float[][] a, int i, int j) {
    double s = 0;
    for (int u = 0; u < a[i].length; u++) {
      double diff = (double) a[i][u] - a[j][u];
      s += diff * diff;
    }
    return Math.sqrt(s);
  }

  /**
   * psi(x) for x &gt; 0: the recurrence psi(x) = psi(x + 1) - 1/x up to x &ge; 10, then
   * psi(x) ~ ln x - 1/(2x) - 1/(12x^2) + 1/(120x^4) - 1/(252x^6) + 1/(240x^8) (error below 1e-15).
   */
  static double digamma(double x) {
    double shift = 0;
    while (x < 10) {
      shift -= 1 / x;
      x += 1;
    }
    double x2 = 1 / (x * x);
    return shift + Math.log(x) - 0.5 / x
        - x2 * (1.0 / 12 - x2 * (1.0 / 120 - x2 * (1.0 / 252 - x2 / 240)));
  }

  /** KSG I(X;T) in bits, variant 1 or 2, with the tie rules of {@link KnnEstimator}. */
  static double ksgBits(float[][] x, float[][] t, int k, int variant) {
    return ksgTerms(x, t, k, variant, false)[0] / Math.log(2);
  }

  /** As {@link #ksgBits(float[][], float[][], int, int)}, each space divided by its total sd. */
  static double ksgBits(float[][] x, float[][] t, int k, int variant, boolean sd) {
    return ksgTerms(x, t, k, variant, sd)[0] / Math.log(2);
  }

  /**
   * sqrt(sum over columns of the population variance), each column's mean and then its squared
   * deviations summed in double; 1 if that is 0.
   */
  static double totalSd(float[][] a) {
    int n = a.length;
    double total = 0;
    for (int u = 0; u < a[0].length; u++) {
      double mean = 0;
      for (float[] row : a) {
        mean += row[u];
      }
      mean /= n;
      double ss = 0;
      for (float[] row : a) {
        ss += (row[u] - mean) * (row[u] - mean);
      }
      total += ss / n;
    }
    return total > 0 ? Math.sqrt(total) : 1;
  }

  /**
   * {I in nats, then the n per-point values psi(N) + term_i, whose mean is I}: the per-point
   * values let tests measure the spread of the estimate.
   */
  static double[] ksgTerms(float[][] x, float[][] t, int k, int variant, boolean sd) {
    int n = x.length;
    double sx = sd ? totalSd(x) : 1;
    double st = sd ? totalSd(t) : 1;
    double[] out = new double[n + 1];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double[] dx = new double[n];
      double[] dt = new double[n];
      double[] z = new double[n - 1];
      int c = 0;
      for (int j = 0; j < n; j++) {
        dx[j] = distance(x, i, j) / sx;
        dt[j] = distance(t, i, j) / st;
        if (j != i) {
          z[c++] = Math.max(dx[j], dt[j]);
        }
      }
      Arrays.sort(z);
      double eps = z[k - 1];
      double term;
      if (eps == 0) {
        int a = 1;
        int ax = 1;
        int at = 1;
        for (int j = 0; j < n; j++) {
          if (j != i) {
            a += dx[j] == 0 && dt[j] == 0 ? 1 : 0;
            ax += dx[j] == 0 ? 1 : 0;
            at += dt[j] == 0 ? 1 : 0;
          }
        }
        term = digamma(a) - digamma(ax) - digamma(at);
      } else {
        term = Double.NaN;
        if (variant == 2) {
          int box = 0;
          double ex = 0;
          double et = 0;
          for (int j = 0; j < n; j++) {
            if (j != i && Math.max(dx[j], dt[j]) <= eps) {
              box++;
              ex = Math.max(ex, dx[j]);
              et = Math.max(et, dt[j]);
            }
          }
          if (ex > 0 && et > 0) {
            int nx = 0;
            int nt = 0;
            for (int j = 0; j < n; j++) {
              if (j != i) {
                nx += dx[j] <= ex ? 1 : 0;
                nt += dt[j] <= et ? 1 : 0;
              }
            }
            term = digamma(box) - 1.0 / box - digamma(nx) - digamma(nt);
          }
        }
        if (Double.isNaN(term)) {
          int nx = 0;
          int nt = 0;
          for (int j = 0; j < n; j++) {
            if (j != i) {
              nx += dx[j] < eps ? 1 : 0;
              nt += dt[j] < eps ? 1 : 0;
            }
          }
          term = digamma(k) - digamma(nx + 1) - digamma(nt + 1);
        }
      }
      out[i + 1] = digamma(n) + term;
      sum += out[i + 1];
    }
    out[0] = sum / n;
    return out;
  }

  /** Ross's mixed I(T;Y) in bits, with the tie rule of {@link KnnEstimator}. */
  static double mixedBits(float[][] t, int[] labels, int k) {
    int n = t.length;
    int[] count = new int[Arrays.stream(labels).max().orElse(0) + 1];
    for (int y : labels) {
      count[y]++;
    }
    int kept = 0;
    double sumK = 0;
    double sumNy = 0;
    double sumM = 0;
    for (int i = 0; i < n; i++) {
      int y = labels[i];
      if (count[y] < 2) {
        continue;
      }
      kept++;
      double[] same = new double[count[y] - 1];
      int c = 0;
      for (int j = 0; j < n; j++) {
        if (j != i && labels[j] == y) {
          same[c++] = distance(t, i, j);
        }
      }
      Arrays.sort(same);
      int ky = Math.min(k, count[y] - 1);
      double r = same[ky - 1];
      int ki;
      int m;
      if (r > 0) {
        // The closed ball of radius r: every point of the class tied at r counts in k_i too.
        ki = 0;
        m = 0;
        for (int j = 0; j < n; j++) {
          if (j != i && count[labels[j]] > 1 && distance(t, i, j) <= r) {
            m++;
            ki += labels[j] == y ? 1 : 0;
          }
        }
      } else {
        m = 1;
        ki = 1;
        for (int j = 0; j < n; j++) {
          if (j != i && count[labels[j]] > 1 && distance(t, i, j) == 0) {
            m++;
            ki += labels[j] == y ? 1 : 0;
          }
        }
      }
      sumK += digamma(ki);
      sumNy += digamma(count[y]);
      sumM += digamma(m);
    }
    if (kept == 0) {
      return 0;
    }
    double nats = digamma(kept) + (sumK - sumNy - sumM) / kept;
    return nats / Math.log(2);
  }
}
