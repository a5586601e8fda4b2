package io.ib.info.kernel;

/**
 * A deliberately plain implementation of the pairwise-distance bounds for the tests: the full n x n
 * matrix of squared distances as sum_k (t_ik - t_jk)^2 in double (no GEMM, no centring, no blocks,
 * no sorting), kernels by Math.exp in double, the class terms from their definition on each class
 * subset.
 */
final class KernelReference {
  private KernelReference() {}

  /** {I(X;T), I(T;Y)} in bits of one bound (divisor c: 2 upper, 8 lower) at noise variance s2. */
  static double[] bits(float[][] t, int[] labels, int classes, double s2, int c) {
    return bits(squaredDistances(t), labels, classes, s2, c);
  }

  /** D_ij = sum_k (t_ik - t_jk)^2 in double. */
  static double[][] squaredDistances(float[][] t) {
    int n = t.length;
    double[][] dist = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int u = 0; u < t[i].length; u++) {
          double diff = (double) t[i][u] - t[j][u];
          s += diff * diff;
        }
        dist[i][j] = s;
      }
    }
    return dist;
  }

  /** As {@link #bits(float[][], int[], int, double, int)} from precomputed squared distances. */
  static double[] bits(double[][] dist, int[] labels, int classes, double s2, int c) {
    int n = dist.length;
    double whole = entropyBound(dist, all(n), c * s2);
    double conditional = 0;
    for (int y = 0; y < classes; y++) {
      int count = 0;
      for (int label : labels) {
        count += label == y ? 1 : 0;
      }
      if (count == 0) {
        continue;
      }
      int[] members = new int[count];
      int m = 0;
      for (int i = 0; i < n; i++) {
        if (labels[i] == y) {
          members[m++] = i;
        }
      }
      conditional += count / (double) n * entropyBound(dist, members, c * s2);
    }
    double ln2 = Math.log(2);
    return new double[] {whole / ln2, (whole - conditional) / ln2};
  }

  /** -(1/m) sum_{i in set} ln[(1/m) sum_{j in set} exp(-D_ij / width)], nats. */
  private static double entropyBound(double[][] dist, int[] set, double width) {
    double h = 0;
    for (int i : set) {
      double s = 0;
      for (int j : set) {
        s += Math.exp(-dist[i][j] / width);
      }
      h -= Math.log(s / set.length);
    }
    return h / set.length;
  }

  private static int[] all(int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    return a;
  }
}
