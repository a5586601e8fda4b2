package io.ib.info.knn;

import java.util.Arrays;

/**
 * The KSG term of one point as {@link NeighbourCounts#ksgTerm} computes it, with the input side
 * read from the point's cached prefix ({@link InputNeighbours}) instead of a full row of X
 * distances: the same values, compared by the same rules, so the same counts and the same term to
 * the last bit, or {@link #UNDECIDED} where the prefix does not hold enough of the row to decide
 * (the caller then computes the row in full).
 *
 * <p>With s_j the point's scaled X distance to j, tau and rho its prefix bounds scaled the same way
 * (every s_j outside the prefix is in [tau, rho]) and t_j its T distance:
 * <ul>
 *   <li>The joint k-th distance eps: the prefix in ascending s gives exact z_j = max(s_j, t_j) until
 *       s_j reaches the k-th smallest z so far; if that is at most tau, no other point can undercut
 *       it. Otherwise every point outside the prefix with t_j &ge; rho has z_j = t_j exactly, and
 *       the rest have z_j &ge; max(tau, t_j): eps is decided when none of these can be below the
 *       k-th smallest exact z.
 *   <li>Counts in X: #{s_j &lt; v} by binary search in the prefix when v &le; tau, n - 1 when
 *       v &gt; rho; #{s_j &le; v} when v &lt; tau. Counts in T from the full T row.
 * </ul>
 */
final class PrefixCounts {
  /** Returned when the prefix cannot decide the term. */
  static final double UNDECIDED = Double.NaN;

  private final int n;
  private final int k;
  private final int variant;
  private final double[] psi;
  private final InputNeighbours x;
  private final double factor;
  // stamp[j] == i + 1 while point i's prefix is marked: j is in it.
  private final int[] stamp;
  private double lowestUnknown;
  // End of the prefix range that holds the first value at least the last worst (from worst()).
  private int searchEnd;
  private double lastWorst;

  /**
   * @param x the complete input prefixes
   * @param factor the X space's scale factor (1, or its inverse total variance)
   */
  PrefixCounts(int n, int k, int variant, double[] psi, InputNeighbours x, double factor) {
    this.n = n;
    this.k = k;
    this.variant = variant;
    this.psi = psi;
    this.x = x;
    this.factor = factor;
    this.stamp = new int[n];
  }

  /**
   * Point i's KSG term (without the shared psi(N)) from its finished T row bt[o, o + n), or
   * {@link #UNDECIDED}.
   */
  double ksgTerm(int i, double[] bt, int o, double[] best) {
    int base = i * x.m;
    int end = base + x.length[i];
    double[] values = x.values;
    int[] points = x.points;
    double f = factor;
    double tau = x.tau[i] * f;
    double rho = x.rho[i] * f;
    double worst = worst(i, bt, o, best);
    if (worst > tau && !(Math.max(tau, lowestUnknown) >= worst)) {
      return UNDECIDED;
    }
    double eps = worst;
    if (eps == 0) {
      return atomTerm(i, bt, o, base, end, tau, rho);
    }
    if (variant == 2) {
      if (!(eps < tau)) {
        return UNDECIDED;
      }
      int inBox = 0;
      double ex = 0;
      double et = 0;
      for (int e = base; e < end; e++) {
        double s = values[e] * f;
        if (s > eps) {
          break;
        }
        double t = bt[o + points[e]];
        if (t <= eps) {
          inBox++;
          ex = Math.max(ex, s);
          et = Math.max(et, t);
        }
      }
      if (ex > 0 && et > 0) {
        int nx = firstAbove(base, end, ex) - base;
        int nt = NeighbourCounts.countAtMost(bt, o, n, et);
        return psi[inBox] - 1.0 / inBox - psi[nx] - psi[nt];
      }
    }
    int nx;
    if (eps <= tau) {
      // The first prefix value at least eps lies at or before where worst's loop stopped: a search
      // among the values that loop has just read.
      nx = firstAtLeast(base, searchEnd, eps) - base;
    } else if (eps > rho) {
      nx = n - 1;
    } else {
      return UNDECIDED;
    }
    int nt = NeighbourCounts.countBelow(bt, o, n, eps);
    return psi[k] - psi[nx + 1] - psi[nt + 1];
  }

  /** Point i's scaled tau: every X distance outside the point's prefix is at least this. */
  double tau(int i) {
    return x.tau[i] * factor;
  }

  /** Point i's scaled rho: every X distance of the point is at most this. */
  double rho(int i) {
    return x.rho[i] * factor;
  }

  /** The k-th smallest z over the last point's prefix and its points outside with t_j &ge; rho. */
  double lastWorst() {
    return lastWorst;
  }

  /**
   * The k-th smallest z_j over the prefix of point i and, if that exceeds tau, over the points
   * outside it whose z is exactly t_j (t_j &ge; rho), setting {@code lowestUnknown} to the smallest
   * t_j of the others (+infinity if the outside was not needed): eps if no other point can be
   * below it ({@code max(tau, lowestUnknown) >= worst}).
   */
  double worst(int i, double[] bt, int o, double[] best) {
    int base = i * x.m;
    int end = base + x.length[i];
    double[] values = x.values;
    int[] points = x.points;
    double f = factor;
    Arrays.fill(best, 0, k, Double.POSITIVE_INFINITY);
    double worst = Double.POSITIVE_INFINITY;
    searchEnd = end;
    for (int e = base; e < end; e++) {
      double s = values[e] * f;
      if (s >= worst) {
        searchEnd = e + 1; // s at e is at least eps, which is at most this worst
        break; // this and every later prefix point has z >= s >= worst
      }
      double z = Math.max(s, bt[o + points[e]]);
      if (z < worst) {
        NeighbourCounts.insert(best, k, z);
        worst = best[k - 1];
      }
    }
    lowestUnknown = Double.POSITIVE_INFINITY;
    if (worst > x.tau[i] * f) {
      worst = outsidePrefix(i, bt, o, base, end, x.rho[i] * f, best, worst);
    }
    lastWorst = worst;
    return worst;
  }

  /**
   * Adds the points outside the prefix whose z is exactly t_j (t_j &ge; rho) to best, returns the
   * k-th smallest z so far and sets {@code lowestUnknown}.
   */
  private double outsidePrefix(int i, double[] bt, int o, int base, int end, double rho,
      double[] best, double worst) {
    int mark = i + 1;
    for (int e = base; e < end; e++) {
      stamp[x.points[e]] = mark;
    }
    double lowestUnknown = Double.POSITIVE_INFINITY;
    for (int j = 0; j < n; j++) {
      if (stamp[j] == mark) {
        continue;
      }
      double t = bt[o + j]; // the point itself is at +infinity: never inserted
      if (t >= rho) {
        if (t < worst) {
          NeighbourCounts.insert(best, k, t);
          worst = best[k - 1];
        }
      } else {
        lowestUnknown = Math.min(lowestUnknown, t);
      }
    }
    this.lowestUnknown = lowestUnknown;
    return worst;
  }

  /** The atom term of {@link NeighbourCounts} (eps = 0), or UNDECIDED. */
  private double atomTerm(int i, double[] bt, int o, int base, int end, double tau, double rho) {
    int at = 1 + NeighbourCounts.countAtMost(bt, o, n, 0);
    int ax;
    int a;
    if (tau > 0) {
      ax = 1;
      a = 1;
      for (int e = base; e < end && x.values[e] * factor == 0; e++) {
        ax++;
        a += bt[o + x.points[e]] == 0 ? 1 : 0;
      }
    } else if (rho == 0) {
      ax = n;
      a = at;
    } else {
      return UNDECIDED;
    }
    return psi[a] - psi[ax] - psi[at];
  }

  /** The first prefix position in [base, end) whose scaled value is at least v, else end. */
  private int firstAtLeast(int base, int end, double v) {
    int lo = base;
    int hi = end;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (x.values[mid] * factor < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The first prefix position in [base, end) whose scaled value exceeds v, else end. */
  private int firstAbove(int base, int end, double v) {
    int lo = base;
    int hi = end;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (x.values[mid] * factor <= v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
