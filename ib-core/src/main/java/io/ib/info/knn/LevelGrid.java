package io.ib.info.knn;

import io.ib.info.UniformLevels;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * One space (X or T) of {@link NeighbourStatistics} as {@link SquaredDistanceRows} reads it: its
 * values as they are (a continuous space), or, for a space on uniform levels, the integer level
 * index of each value, whose squared distances the double GEMM computes exactly (below), so that
 * equal distances are equal bits, ties are ties, and no neighbour count depends on the order of the
 * samples or of the columns.
 *
 * <p><b>Levels.</b> T is on levels when its sample declares them ({@link UniformLevels}: a
 * quantized layer); every activation must then lie within {@value #DECLARED_TOLERANCE} of a level
 * (the float rounding of the quantizer), else the estimate fails with one line. X has no
 * declaration: it is taken to be on levels when its distinct values, at most
 * {@value #MAX_DETECTED_LEVELS} of them, all lie within {@value #DETECTED_TOLERANCE} of a level of
 * the grid from its smallest to its largest value with the smallest gap between two distinct values
 * as step (MNIST's pixels v / 255 are the 256 levels of [0, 1]); data on no such grid is
 * continuous. Either way the space's distance is the one between the levels themselves:
 * step * |q_i - q_j| for index rows q, not between the float values (which differ from the levels
 * by rounding, enough to reorder distances that are equal or nearly so on the grid).
 *
 * <p><b>Exactness.</b> Indices are integers in [0, L), L &le; 2^16 levels. Every product, partial
 * sum and result of the GEMM's -2 q_i . q_j and of the norms |q_i|^2 is an integer of magnitude at
 * most 2 d (L - 1)^2, and the row's sum -2 q_i . q_j + |q_i|^2 + |q_j|^2 at most 4 d (L - 1)^2:
 * below 2^53 ({@link #exact}), so each is representable in double, every rounding (in any order
 * of summation, with or without fused multiply-adds, in any blocking or threading of the GEMM) is
 * exact, and the squared distance in level units is the exact integer. One factor per space then
 * turns it into the compared value ({@link #factor}): a single correctly rounded multiplication by
 * the same constant, monotone, so equal integers stay equal and the order of distinct ones is kept
 * (they differ relatively by more than 2^-50).
 */
final class LevelGrid {
  /** Largest accepted distance from a declared level, in levels. */
  static final double DECLARED_TOLERANCE = 0.01;

  /** Largest distance from a detected level, in levels (float rounding: at most 2.5e-4 here). */
  static final double DETECTED_TOLERANCE = 1e-3;

  /** Most levels of a grid detected in X. */
  static final int MAX_DETECTED_LEVELS = 4096;

  /** The values SquaredDistanceRows reads: the space's own, or its level indices. */
  final float[] values;
  /** Distance between neighbouring levels; NaN for a continuous space. */
  final double step;

  private LevelGrid(float[] values, double step) {
    this.values = values;
    this.step = step;
  }

  /** A continuous space: its values as they are. */
  static LevelGrid continuous(float[] v) {
    return new LevelGrid(v, Double.NaN);
  }

  /** Whether the space's values are level indices. */
  boolean onLevels() {
    return !Double.isNaN(step);
  }

  /**
   * T on the levels its sample declares, or continuous for {@link UniformLevels#NONE}.
   *
   * @param layer the layer's name, for the message
   * @throws IllegalArgumentException if a value is not on one of the levels
   */
  static LevelGrid declared(float[] v, int d, UniformLevels levels, String layer) {
    if (!levels.discrete()) {
      return continuous(v);
    }
    float[] q = new float[v.length];
    int off = indices(v, levels.lower(), levels.step(), levels.count(), DECLARED_TOLERANCE, q);
    if (off >= 0) {
      throw new IllegalArgumentException("layer " + layer + " has activation " + v[off] + " at row "
          + off / d + ", unit " + off % d + ", which is not one of its " + levels
          + ": estimator knn measures a quantized layer on its levels");
    }
    return exact(d, levels.count()) ? new LevelGrid(q, levels.step()) : continuous(v);
  }

  /** X on the grid its values lie on, if any (see the class comment); else continuous. */
  static LevelGrid detected(float[] v, int d) {
    float[] distinct = distinctValues(v, MAX_DETECTED_LEVELS);
    if (distinct == null || distinct.length < 2) {
      return continuous(v);
    }
    Arrays.sort(distinct);
    double gap = Double.POSITIVE_INFINITY;
    for (int u = 1; u < distinct.length; u++) {
      gap = Math.min(gap, (double) distinct[u] - distinct[u - 1]);
    }
    double lower = distinct[0];
    double range = (double) distinct[distinct.length - 1] - lower;
    long count = Math.round(range / gap) + 1;
    if (count > MAX_DETECTED_LEVELS || !exact(d, (int) count)) {
      return continuous(v);
    }
    double step = range / (count - 1);
    if (indices(distinct, lower, step, (int) count, DETECTED_TOLERANCE,
        new float[distinct.length]) >= 0) {
      return continuous(v);
    }
    float[] q = new float[v.length];
    indices(v, lower, step, (int) count, DETECTED_TOLERANCE, q); // every value is one of distinct
    return new LevelGrid(q, step);
  }

  /** Whether d columns of indices in [0, count) keep every GEMM value below 2^53. */
  static boolean exact(int d, int count) {
    double top = count - 1.0;
    return 4.0 * d * top * top < 0x1p53;
  }

  /**
   * The factor that turns the rows' squared distances into the compared ones. On levels: step^2,
   * or, for {@code scale=sd}, 1 / (total variance in level units), from exact integer sums (so it
   * too is the same for every order of samples and columns), 1 if the space does not vary.
   * Continuous: 1, or for {@code scale=sd} 1 / sum_u var(column u).
   */
  double factor(int n, int d, boolean standardize) {
    if (!onLevels()) {
      return standardize ? inverseTotalVariance(values, n, d) : 1;
    }
    if (!standardize) {
      return step * step;
    }
    // n^2 * total variance = sum over columns of n S2 - S1^2, exact in BigInteger.
    long[] s1 = new long[d];
    long[] s2 = new long[d];
    for (int i = 0; i < n; i++) {
      int o = i * d;
      for (int u = 0; u < d; u++) {
        long q = (long) values[o + u];
        s1[u] += q;
        s2[u] += q * q;
      }
    }
    BigInteger sum = BigInteger.ZERO;
    BigInteger bn = BigInteger.valueOf(n);
    for (int u = 0; u < d; u++) {
      BigInteger a = BigInteger.valueOf(s1[u]);
      sum = sum.add(bn.multiply(BigInteger.valueOf(s2[u])).subtract(a.multiply(a)));
    }
    return sum.signum() > 0 ? (double) n * n / sum.doubleValue() : 1;
  }

  /**
   * 1 / sum_u var(column u), population variances by two passes in double; 1 if the total is 0 (a
   * space whose points all coincide: every distance is 0 anyway).
   */
  private static double inverseTotalVariance(float[] v, int n, int d) {
    double[] mean = new double[d];
    double[] ss = new double[d];
    for (int i = 0; i < n; i++) {
      for (int u = 0; u < d; u++) {
        mean[u] += v[i * d + u];
      }
    }
    for (int u = 0; u < d; u++) {
      mean[u] /= n;
    }
    for (int i = 0; i < n; i++) {
      for (int u = 0; u < d; u++) {
        double c = v[i * d + u] - mean[u];
        ss[u] += c * c;
      }
    }
    double total = 0;
    for (int u = 0; u < d; u++) {
      total += ss[u] / n;
    }
    return total > 0 ? 1 / total : 1;
  }

  /**
   * Writes each value's level index into q (as a float: exact up to 2^24); returns -1, or the
   * position of the first value not within {@code tolerance} of a level in [0, count).
   */
  private static int indices(float[] v, double lower, double step, int count, double tolerance,
      float[] q) {
    double inverseStep = 1.0 / step;
    int top = count - 1;
    for (int f = 0; f < v.length; f++) {
      double position = (v[f] - lower) * inverseStep;
      long k = Math.round(position);
      if (k < 0 || k > top || !(Math.abs(position - k) <= tolerance)) {
        return f;
      }
      q[f] = k;
    }
    return -1;
  }

  /** The distinct values (-0.0 as 0.0), or null if there are more than {@code most}. */
  private static float[] distinctValues(float[] v, int most) {
    int capacity = Integer.highestOneBit(most) * 4;
    int[] table = new int[capacity];
    boolean[] used = new boolean[capacity];
    float[] found = new float[most];
    int count = 0;
    int previous = 0x7fc00001; // no canonical bits are these (a NaN); runs of a value skip the table
    for (float value : v) {
      int bits = Float.floatToIntBits(value + 0.0f);
      if (bits == previous) {
        continue;
      }
      previous = bits;
      int slot = (bits * 0x9E3779B1 >>> 7) & (capacity - 1);
      while (used[slot] && table[slot] != bits) {
        slot = (slot + 1) & (capacity - 1);
      }
      if (!used[slot]) {
        if (count == most) {
          return null;
        }
        used[slot] = true;
        table[slot] = bits;
        found[count++] = value + 0.0f;
      }
    }
    return Arrays.copyOf(found, count);
  }
}
