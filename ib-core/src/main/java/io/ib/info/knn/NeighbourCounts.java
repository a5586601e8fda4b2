package io.ib.info.knn;

import java.util.Arrays;

/**
 * The counting and tie rules of {@link KnnEstimator} (documented there), for one point at a time,
 * from its rows of squared distances in X and in T ({@link SquaredDistanceRows}: repeats at
 * exactly equal distances, the point itself at +infinity): the KSG term of I(X;T) and the counts
 * k_i, m_i of Ross's mixed estimator of I(T;Y). All comparisons are on squared distances (the same
 * order as distances). One instance per computation: it keeps the last point's k_i and m_i.
 */
final class NeighbourCounts {
  private final int n;
  private final int k;
  private final int variant;
  private final double[] psi;
  // Outputs of mixedCounts for the current point (one instance per computation, so no sharing).
  private int mixedK;
  private int mixedM;
  // The counts behind the last KSG term: its k (k, the box's points, or the atom's size) and the
  // marginal counts as they enter the digammas (n_x + 1 and n_t + 1 in variant 1).
  private int ksgK;
  private int ksgX;
  private int ksgT;
  // The thresholds of the last KSG term (eps) and mixed counts (r), for FloatFilter.
  private double lastEps;
  private double lastR;

  /**
   * @param n sample size (the length of a row)
   * @param k neighbours, 1 &le; k &lt; n
   * @param variant 1 or 2 (the KSG variant)
   * @param psi digamma values psi(0 .. n) ({@link Digamma#table})
   */
  NeighbourCounts(int n, int k, int variant, double[] psi) {
    this.n = n;
    this.k = k;
    this.variant = variant;
    this.psi = psi;
  }

  /** k_i of the point last given to {@link #mixedCounts}. */
  int mixedK() {
    return mixedK;
  }

  /** m_i of the point last given to {@link #mixedCounts}. */
  int mixedM() {
    return mixedM;
  }

  /** The k of the last KSG term: k, the box's points (variant 2) or the atom's size. */
  int ksgK() {
    return ksgK;
  }

  /** The last KSG term's count in X, as it enters the digamma (n_x + 1 in variant 1). */
  int ksgX() {
    return ksgX;
  }

  /** The last KSG term's count in T, as it enters the digamma. */
  int ksgT() {
    return ksgT;
  }

  /** The joint k-th distance eps of the last KSG term. */
  double lastEps() {
    return lastEps;
  }

  /** The radius r of the last mixed counts. */
  double lastR() {
    return lastR;
  }

  /**
   * The KSG term of one point (without the shared psi(N)), from its rows of squared distances in
   * X and T (self at +infinity).
   */
  double ksgTerm(double[] bx, double[] bt, int o, double[] best) {
    double eps = kthSmallestJoint(bx, bt, o, n, k, best);
    lastEps = eps;
    if (eps == 0) {
      return atomTerm(bx, bt, o);
    }
    if (variant == 2) {
      // The box spanned by every point within the k-th joint distance (ties included).
      int inBox = 0;
      double ex = 0;
      double et = 0;
      for (int j = o, end = o + n; j < end; j++) {
        double a = bx[j];
        double b = bt[j];
        if (a <= eps && b <= eps) {
          inBox++;
          ex = Math.max(ex, a);
          et = Math.max(et, b);
        }
      }
      if (ex > 0 && et > 0) {
        int nx = countAtMost(bx, o, n, ex);
        int nt = countAtMost(bt, o, n, et);
        return term(inBox, 1.0 / inBox, nx, nt);
      }
      // A box of zero extent in one space: variant 1's cube (below) is the defined fallback.
    }
    int nx = countBelow(bx, o, n, eps);
    int nt = countBelow(bt, o, n, eps);
    return term(k, 0, nx + 1, nt + 1);
  }

  /**
   * psi(a) - correction - psi(b) - psi(c) (subtracting 0 changes no bit), the counts kept for
   * {@link #ksgK()} and the others.
   */
  private double term(int a, double correction, int b, int c) {
    ksgK = a;
    ksgX = b;
    ksgT = c;
    return psi[a] - correction - psi[b] - psi[c];
  }

  /**
   * A point with at least k exact repeats in both spaces: k becomes the size a of its atom (itself
   * included) and the marginal counts those of its exact repeats in each space (itself included):
   * psi(a) - psi(a_x) - psi(a_t), the digamma form of the plug-in ln(a N / (a_x a_t)).
   */
  private double atomTerm(double[] bx, double[] bt, int o) {
    int a = 1;
    int ax = 1;
    int at = 1;
    for (int j = o, end = o + n; j < end; j++) {
      boolean zx = bx[j] == 0;
      boolean zt = bt[j] == 0;
      ax += zx ? 1 : 0;
      at += zt ? 1 : 0;
      a += zx && zt ? 1 : 0;
    }
    return term(a, 0, ax, at);
  }

  /**
   * Sets {@code mixedK} = k_i and {@code mixedM} = m_i of the mixed estimator for one point:
   * r = the ky-th smallest squared distance in T to a point of its class; k_i = #{j != i of its
   * class : D_ij &le; r} (ky, or more where points tie at r) and m = #{kept j != i : D_ij &le; r}:
   * both counted in the same closed ball. If r = 0 (at least ky exact repeats in its class),
   * k_i = its class's exact repeats and m its exact repeats among kept points, both counting
   * itself.
   */
  void mixedCounts(double[] bt, int o, int[] sameClass, int[] dropped, int ky,
      double[] best) {
    double r = kthSmallestOf(bt, o, sameClass, ky, best);
    lastR = r;
    if (r > 0) {
      int ki = 0;
      for (int j : sameClass) {
        ki += bt[o + j] <= r ? 1 : 0; // the point itself is at +infinity
      }
      int m = countAtMost(bt, o, n, r);
      for (int j : dropped) {
        m -= bt[o + j] <= r ? 1 : 0;
      }
      mixedK = ki;
      mixedM = m;
      return;
    }
    int ki = 1;
    for (int j : sameClass) {
      ki += bt[o + j] == 0 ? 1 : 0;
    }
    int m = 1 + countAtMost(bt, o, n, 0);
    for (int j : dropped) {
      m -= bt[o + j] == 0 ? 1 : 0;
    }
    mixedK = ki;
    mixedM = m;
  }

  /** The ky-th smallest of bt[o + j] over j in {@code points}; best receives the ky smallest. */
  static double kthSmallestOf(double[] bt, int o, int[] points, int ky, double[] best) {
    Arrays.fill(best, 0, ky, Double.POSITIVE_INFINITY);
    for (int j : points) {
      insert(best, ky, bt[o + j]);
    }
    return best[ky - 1];
  }

  /** The k-th smallest of max(bx[j], bt[j]) over the row; best receives the k smallest. */
  static double kthSmallestJoint(double[] bx, double[] bt, int o, int n, int k,
      double[] best) {
    Arrays.fill(best, 0, k, Double.POSITIVE_INFINITY);
    double worst = Double.POSITIVE_INFINITY;
    for (int j = o, end = o + n; j < end; j++) {
      double z = Math.max(bx[j], bt[j]);
      if (z < worst) {
        insert(best, k, z);
        worst = best[k - 1];
      }
    }
    return best[k - 1];
  }

  /** Inserts v into the ascending best[0..k) if smaller than its last element. */
  static void insert(double[] best, int k, double v) {
    if (!(v < best[k - 1])) {
      return;
    }
    int p = k - 1;
    while (p > 0 && best[p - 1] > v) {
      best[p] = best[p - 1];
      p--;
    }
    best[p] = v;
  }

  static int countBelow(double[] b, int o, int n, double limit) {
    int c = 0;
    for (int j = o, end = o + n; j < end; j++) {
      c += b[j] < limit ? 1 : 0;
    }
    return c;
  }

  static int countAtMost(double[] b, int o, int n, double limit) {
    int c = 0;
    for (int j = o, end = o + n; j < end; j++) {
      c += b[j] <= limit ? 1 : 0;
    }
    return c;
  }
}
