package io.ib.info.knn;

import io.ib.internal.HostCopy;
import java.nio.FloatBuffer;
import java.util.concurrent.atomic.AtomicLong;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The layer's rows of squared distances from a float GEMM, with the entries that can decide a
 * count replaced by the exact double ones: the same counts as {@link SquaredDistanceRows}' double
 * GEMM, bit for bit, at less than half its cost (used for KSG variant 1 on layers of at least
 * {@value #MIN_COLUMNS} varying units).
 *
 * <p><b>The bound.</b> For rows a = t_i, b = t_j (floats, over the d' varying columns) let
 * q_i = |a|^2, q_j = |b|^2 as {@link SquaredDistanceRows} sums them, S = sum |a_u b_u|
 * &le; (q_i + q_j) / 2, and c the space's factor. The float GEMM's -2 a.b has error at most
 * 2 gamma_d' S (gamma_m = m u / (1 - m u), u = 2^-24; any order of summation, with or without fused
 * multiply-adds; -2 is exact), the double GEMM's at most 2 gamma'_d' S (u' = 2^-53). Both are then
 * finished alike: (b + q_i) + q_j in double, each addition rounding by at most u' times a value
 * below 3.1 (q_i + q_j), clamped at 0 (1-Lipschitz) and multiplied by c (rounding by at most u'
 * times a value below 3.1 (q_i + q_j) c). So the approximate value g_j and the value d_j that the
 * double path computes differ by at most
 * <pre>  E_j = c ((gamma_d' + gamma'_d' + 32 u') (q_i + q_j) (1 + 1%) + 2 d' 2^-149 (1 + 1%))</pre>
 * (the last term: products below float's normal range; the 1 % covers the norms' own rounding and
 * that of computing E_j). Repeated rows get one value per group, as in the double path.
 *
 * <p><b>Which entries are made exact.</b> Every count of {@link NeighbourCounts} and
 * {@link PrefixCounts} compares T values with thresholds: the joint k-th distance eps, the mixed
 * estimator's radius r (both k-th smallest values of fixed sets), the prefix bound rho and 0. If
 * every inexact g_j lies farther than E_j from each threshold that a run on the row computes, it
 * lies on the same side of it as d_j, so that run computes the same thresholds and counts as the
 * double path (a k-th smallest value v of a set is fixed by the numbers of entries below v and at
 * most v). A k-th smallest value moves by at most Ebar = max_j E_j when every entry moves by at
 * most E_j. So per row: thresholds eps_1 and r_1 from the approximate row; every entry within
 * E_j + Ebar of eps_1, r_1, rho (where eps_1 + 2 Ebar &gt; tau: only then can a run compare T with
 * rho) or 0 (where eps_1 or r_1 is at most Ebar) replaced by its exact value ({@link #exact}, the
 * double GEMM's dot product summed in its order, below); the counts run on that row; if its
 * thresholds lie within Ebar of eps_1 and r_1, every inexact entry lies farther than E_j from them
 * and they are the double path's, else the entries around them are made exact and the counts run
 * again. About 1.4 entries per row are made exact on MNIST's layers.
 *
 * <p><b>Exact values.</b> The double GEMM of float data forms each product exactly (24-bit
 * significands) and, at these widths, sums them in column order (the GEMM's kernels accumulate
 * one register per entry); {@link #exact} sums in that order. Whether this BLAS does so is checked
 * on every call: the first block of rows is computed by the double GEMM, and rows of it are compared
 * bit for bit with {@link #exact} ({@link #reproduces}); on any difference the call keeps the double
 * GEMM for every block. Measured here (OpenBLAS, AVX-512): every entry of full and last blocks
 * agreed for 64 to 256 columns; below 64 (7 columns: 14 % of the entries differ) and past the GEMM's
 * inner block (400 columns: 65 % differ; it sums a dot product in parts) they do not, so narrower
 * layers skip the filter and wider ones are kept on the double path by the check.
 */
final class FloatFilter {
  /** The system property that turns the float filter off ({@code false}; default on). */
  static final String PROPERTY = "ib.knn.floatFilter";

  /** Fewest varying units for which the filter is used (narrower layers' GEMMs are cheap). */
  static final int MIN_COLUMNS = 64;

  private final SquaredDistanceRows space;
  private final int n;
  private final int d;
  private final float[] kept;
  private final INDArray floats;
  private static final int CHUNK = 64;
  private static final AtomicLong FILTERED_BLOCKS = new AtomicLong();
  private final double relative;
  private final double absolute;
  private final double largestNorm;
  private final int[] groupStamp;
  private int pass;

  private FloatFilter(SquaredDistanceRows space) {
    this.space = space;
    this.n = space.n;
    int[] columns = space.columns;
    this.d = columns.length;
    this.kept = new float[n * d];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < d; c++) {
        kept[i * d + c] = space.values[i * space.d + columns[c]];
      }
    }
    this.floats = Nd4j.create(kept, new long[] {n, d}, DataType.FLOAT);
    double u = 0x1p-24;
    double u2 = 0x1p-53;
    double gamma = d * u / (1 - d * u);
    double gamma2 = d * u2 / (1 - d * u2);
    this.relative = (gamma + gamma2 + 32 * u2) * 1.01;
    this.absolute = 2.0 * d * 0x1p-149 * 1.01;
    double largest = 0;
    for (double q : space.norms) {
      largest = Math.max(largest, q);
    }
    this.largestNorm = largest;
    this.groupStamp = new int[space.groups.length];
  }

  /**
   * The filter for space T, or null where it is not used: turned off by {@link #PROPERTY}, fewer
   * than {@value #MIN_COLUMNS} varying columns, or values so large that float products could
   * overflow.
   */
  static FloatFilter of(SquaredDistanceRows space) {
    if ("false".equals(System.getProperty(PROPERTY)) || space.columns == null
        || space.columns.length < MIN_COLUMNS) {
      return null;
    }
    for (double q : space.norms) {
      if (!(q < 1e30)) {
        return null;
      }
    }
    return new FloatFilter(space);
  }

  /** Blocks computed by the float GEMM in this JVM so far (tests: the filter ran). */
  static long filteredBlocks() {
    return FILTERED_BLOCKS.get();
  }

  /** rows x n block of -2 a_i . a_j in float, for rows [r0, r0 + rows), into memory. */
  FloatBuffer negativeTwiceDots(int r0, int rows, INDArray memory) {
    FILTERED_BLOCKS.incrementAndGet();
    INDArray block = Nd4j.create(memory.data(), new long[] {rows, n}, new long[] {n, 1}, 0, 'c');
    INDArray left = floats.get(NDArrayIndex.interval(r0, r0 + rows), NDArrayIndex.all());
    Nd4j.gemm(left, floats, block, false, true, -2.0, 0.0);
    if (HostCopy.hostMemory()) {
      return memory.data().asNioFloat();
    }
    return FloatBuffer.wrap(block.data().asFloat());
  }

  /** Ebar for row i: the largest E_j of its row. */
  double rowBound(int i) {
    return bound(space.norms[i], largestNorm);
  }

  private double bound(double qi, double qj) {
    return (relative * (qi + qj) + absolute) * space.factor;
  }

  /**
   * Row i's approximate squared distances into b[o, o + n), finished as
   * {@link SquaredDistanceRows#finishRow} finishes the double ones (same groups, 0 within its own,
   * +infinity for itself), from the float block's row at {@code offset}.
   */
  void approximateRow(FloatBuffer block, int offset, float[] row, double[] b, int o, int i) {
    block.get(offset, row, 0, n);
    double[] q = space.norms;
    double qi = q[i];
    double factor = space.factor;
    for (int j = 0; j < n; j++) {
      double v = row[j] + qi + q[j];
      b[o + j] = v > 0 ? v * factor : 0;
    }
    space.finishGroups(b, o, i);
  }

  /**
   * Replaces by its exact value every entry of row i's b[o, o + n) whose value lies within
   * E_j + margin of one of the thresholds (NaN: none).
   */
  void settle(int i, double[] b, int o, double t1, double t2, double t3, double t4,
      double margin) {
    // A uniform window (at least every E_j + margin) over chunks without branches; the entries of
    // a chunk with a hit are then tested one by one against their own E_j.
    double w = rowBound(i) + margin;
    double a1 = Double.isNaN(t1) ? Double.POSITIVE_INFINITY : t1;
    double a2 = Double.isNaN(t2) ? Double.POSITIVE_INFINITY : t2;
    double a3 = Double.isNaN(t3) ? Double.POSITIVE_INFINITY : t3;
    double a4 = Double.isNaN(t4) ? Double.POSITIVE_INFINITY : t4;
    pass++;
    boolean two = a3 == Double.POSITIVE_INFINITY && a4 == Double.POSITIVE_INFINITY;
    for (int j0 = 0; j0 < n; j0 += CHUNK) {
      int end = Math.min(n, j0 + CHUNK);
      boolean hit = false;
      if (two) { // the usual case: eps and r only
        for (int j = o + j0, stop = o + end; j < stop; j++) {
          double g = b[j];
          hit |= Math.abs(g - a1) <= w | Math.abs(g - a2) <= w;
        }
      } else {
        for (int j = o + j0, stop = o + end; j < stop; j++) {
          double g = b[j];
          hit |= Math.abs(g - a1) <= w | Math.abs(g - a2) <= w | Math.abs(g - a3) <= w
              | Math.abs(g - a4) <= w;
        }
      }
      if (hit) {
        settleChunk(i, b, o, j0, end, a1, a2, a3, a4, margin);
      }
    }
  }

  private void settleChunk(int i, double[] b, int o, int j0, int end, double a1, double a2,
      double a3, double a4, double margin) {
    double[] q = space.norms;
    double scale = relative * space.factor;
    double base = bound(q[i], 0) + margin;
    int ownGroup = space.groupOf[i];
    for (int j = j0; j < end; j++) {
      double g = b[o + j];
      double e = base + scale * q[j];
      if (!(Math.abs(g - a1) <= e || Math.abs(g - a2) <= e || Math.abs(g - a3) <= e
          || Math.abs(g - a4) <= e)) {
        continue;
      }
      int group = space.groupOf[j];
      if (j == i || group >= 0 && group == ownGroup) {
        continue; // +infinity and 0: exact already
      }
      if (group < 0) {
        b[o + j] = exact(i, j);
      } else if (groupStamp[group] != pass) {
        groupStamp[group] = pass;
        double v = exact(i, j);
        for (int member : space.groups[group]) {
          b[o + member] = v;
        }
      }
    }
  }

  /**
   * The double path's finished value of row i at column j: -2 a_i . a_j summed in column order
   * (products of floats are exact in double), plus the norms, clamped, times the factor; the group
   * and self rules of {@link SquaredDistanceRows#finishRow}.
   */
  double exact(int i, int j) {
    if (j == i) {
      return Double.POSITIVE_INFINITY;
    }
    int group = space.groupOf[j];
    if (group >= 0) {
      if (group == space.groupOf[i]) {
        return 0;
      }
      j = space.groups[group][0];
    }
    double s = 0;
    int oi = i * d;
    int oj = j * d;
    for (int c = 0; c < d; c++) {
      s += (double) kept[oi + c] * kept[oj + c];
    }
    double v = -2.0 * s + space.norms[i] + space.norms[j];
    return v > 0 ? v * space.factor : 0;
  }

  /** Whether {@link #exact} gives the double path's finished row b[o, o + n) of row i bit for bit. */
  boolean reproduces(int i, double[] b, int o) {
    for (int j = 0; j < n; j++) {
      if (Double.doubleToRawLongBits(exact(i, j)) != Double.doubleToRawLongBits(b[o + j])) {
        return false;
      }
    }
    return true;
  }
}
