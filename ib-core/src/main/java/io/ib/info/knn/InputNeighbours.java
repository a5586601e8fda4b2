package io.ib.info.knn;

import java.util.Arrays;

/**
 * What the KSG estimator needs from the input space X of one evaluation set, kept between calls
 * ({@link InputNeighbourCache}): for each point i, the m smallest squared distances in X to the
 * other points, ascending, with the points they lead to (its "prefix"), tau_i, a value that every
 * point outside the prefix reaches or exceeds (+infinity when the prefix holds every other point),
 * and rho_i, its largest squared distance. The distances are the unscaled ones of
 * {@link SquaredDistanceRows} (factor 1; in level units where X is on levels, {@link LevelGrid}),
 * taken from the same blocked GEMM as an uncached call with the same block height, so every value
 * is the one that call would compute; the compared distances are v * f for the space's factor
 * f &gt; 0 (step^2 on levels, and for {@code scale=sd} one over the total variance), which keep the
 * order, and are computed from them exactly as the uncached call computes them (v * f, 0 for 0).
 *
 * <p>Filled row by row by one call (the first that sees these inputs), read-only after
 * {@link #complete()}; the X space itself is kept for the rows the prefix cannot decide.
 */
final class InputNeighbours {
  final int n;
  final int rowsPerBlock;
  /** The inputs as the first call read them (row-major floats), to recognise them again. */
  final float[] inputs;
  /**
   * X's squared-distance rows, unscaled (factor 1; in level units where X is on levels): recomputes
   * a block exactly where a prefix is too short.
   */
  final SquaredDistanceRows space;
  /** X's factor ({@link LevelGrid#factor}) for {@code scale=none}. */
  final double rawFactor;
  /** X's factor for {@code scale=sd}. */
  final double standardizedFactor;
  /** Prefix length per point (the last rows may hold fewer: ties at the cut are left out). */
  final int m;
  final double[] values;
  final int[] points;
  final int[] length;
  final double[] tau;
  final double[] rho;
  private volatile boolean complete;

  /**
   * @param inputs n x p row-major floats, finite
   * @param p columns
   * @param m prefix length per point, 1 &le; m (cut to n - 1)
   * @param rowsPerBlock the block height of the GEMM that fills it
   */
  InputNeighbours(float[] inputs, int n, int p, int m, int rowsPerBlock) {
    this.n = n;
    this.rowsPerBlock = rowsPerBlock;
    this.inputs = inputs;
    LevelGrid grid = LevelGrid.detected(inputs, p);
    this.space = new SquaredDistanceRows(grid, n, p, 1);
    this.rawFactor = grid.factor(n, p, false);
    this.standardizedFactor = grid.factor(n, p, true);
    this.m = Math.min(m, n - 1);
    this.values = new double[n * this.m];
    this.points = new int[n * this.m];
    this.length = new int[n];
    this.tau = new double[n];
    this.rho = new double[n];
  }

  /** Bytes held per point for a prefix of m, beyond the inputs and their double copy. */
  static long bytesPerPoint(int m) {
    return 12L * m + 20;
  }

  /** Bytes held for n points of p columns before any prefix: the float and double copies. */
  static long fixedBytes(int n, int p) {
    return 12L * n * p;
  }

  boolean isComplete() {
    return complete;
  }

  /** Marks every row recorded: from now on the entry is only read. */
  void complete() {
    complete = true;
  }

  /**
   * Records point i's prefix from its finished, unscaled row b[o, o + n) (itself at +infinity).
   *
   * @param scratch at least n doubles
   * @param keys at least m longs
   */
  void record(int i, double[] b, int o, double[] scratch, long[] keys) {
    double largest = 0;
    for (int j = 0; j < n; j++) {
      if (j != i) {
        largest = Math.max(largest, b[o + j]);
      }
    }
    rho[i] = largest;
    double cut;
    if (m >= n - 1) {
      cut = Double.POSITIVE_INFINITY;
    } else {
      System.arraycopy(b, o, scratch, 0, n); // the point itself, at +infinity, is never selected
      cut = select(scratch, n, m);
    }
    tau[i] = cut;
    int base = i * m;
    // Sorted by one sort of (float value, point) keys: rounding to float keeps the order
    // (monotone), and the short runs of equal floats are then ordered by the exact double.
    int c = 0;
    for (int j = 0; j < n; j++) {
      double v = b[o + j];
      if (v < cut && j != i) {
        keys[c++] = (long) Float.floatToRawIntBits((float) v) << 32 | j; // v >= 0: bits ascend
      }
    }
    Arrays.sort(keys, 0, c);
    for (int q = 0; q < c; q++) {
      int j = (int) keys[q];
      double v = b[o + j];
      int at = base + q;
      while (at > base && values[at - 1] > v) { // insertion within a run of equal floats
        values[at] = values[at - 1];
        points[at] = points[at - 1];
        at--;
      }
      values[at] = v;
      points[at] = j;
    }
    length[i] = c;
  }

  /** The value of rank r (0-based) of a[0, n), by quickselect; reorders a. */
  private static double select(double[] a, int n, int r) {
    int lo = 0;
    int hi = n - 1;
    while (lo < hi) {
      double pivot = median(a[lo], a[(lo + hi) >>> 1], a[hi]);
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (a[i] < pivot) {
          i++;
        }
        while (a[j] > pivot) {
          j--;
        }
        if (i <= j) {
          double t = a[i];
          a[i++] = a[j];
          a[j--] = t;
        }
      }
      if (r <= j) {
        hi = j;
      } else if (r >= i) {
        lo = i;
      } else {
        return a[r];
      }
    }
    return a[r];
  }

  private static double median(double a, double b, double c) {
    return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
  }
}
