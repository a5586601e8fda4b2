package io.ib.info.knn;

import io.ib.internal.HostCopy;
import io.ib.internal.SymbolTable;
import java.nio.DoubleBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The blocked engine behind {@link KnnEstimator}: one pass over the n x n squared distances of
 * both spaces (X, the inputs, and T, the layer), a block of rows at a time, giving the sums of the
 * per-point terms of the KSG estimator of I(X;T) and of Ross's mixed estimator of I(T;Y). The rules
 * (which counts, ties) are documented in {@link KnnEstimator}; this class documents how.
 *
 * <p>Each space is held once as an n x d double matrix of its non-constant columns (not centred:
 * see below). For a block of
 * rows B, one double GEMM per space gives -2 a_i . b_j, to which the Java row loop adds
 * |a_i|^2 + |b_j|^2 and clamps at 0 (cancellation can give tiny negatives). Groups of rows that are
 * identical bit for bit ({@link SymbolTable}, -0.0 counted as 0.0) are made to agree exactly:
 * a . a from the GEMM and |a|^2 from the Java loop are summed in different orders, so the distance
 * between two repeats would be rounding residue instead of 0; and nothing guarantees that a GEMM
 * rounds one dot product identically at every column position (blocked kernels have edge cases,
 * threads split columns), which would turn a tie with a whole group, which the counts depend on,
 * into an arbitrary order. Every member of a group gets the distance of its first member, and
 * distance exactly 0 from the group's own members. The point itself gets
 * distance +infinity, so that no loop has to skip it. All comparisons are on squared distances
 * (the same order as distances).
 *
 * <p>Not centring keeps distances from all-zero rows (dead ReLU layers) exact: a . 0 = 0 exactly,
 * and |a|^2 is summed in a fixed order, so D = |a|^2 to the last bit. Centring would shrink the
 * cancellation error, about 1e-16 |a|^2 in double, which is already far below the distances that
 * separate neighbours.
 */
final class NeighbourStatistics {
  /**
   * Working bytes per block element: the two double GEMM outputs (X and T) and their two Java
   * copies.
   */
  static final int BYTES_PER_BLOCK_ELEMENT = 32;

  private final int n;
  private final int k;
  private final int variant;
  private final boolean standardize;
  private final double[] psi;
  // Outputs of mixedCounts for the current point (one engine per call, so no sharing).
  private int mixedK;
  private int mixedM;

  /**
   * Sums of per-point terms, nats.
   *
   * @param ixtNats the KSG estimate of I(X;T), nats
   * @param ityNats the mixed estimate of I(T;Y), nats (0 when no label occurs twice)
   * @param ityPoints the points that entered the I(T;Y) estimate (those whose label is not unique)
   */
  record Result(double ixtNats, double ityNats, int ityPoints) {}

  private NeighbourStatistics(int n, int k, int variant, boolean standardize) {
    this.n = n;
    this.k = k;
    this.variant = variant;
    this.standardize = standardize;
    this.psi = Digamma.table(n);
  }

  /**
   * Runs both estimators.
   *
   * @param t n x dt activations, row-major, finite
   * @param dt units of T
   * @param x n x dx inputs, row-major, finite
   * @param dx columns of X
   * @param labels n class indices in [0, numClasses)
   * @param numClasses number of classes
   * @param k neighbours, 1 &le; k &lt; n
   * @param variant 1 or 2 (the KSG variant)
   * @param standardize whether each space's squared distances are divided by its total variance
   * @param memoryBudgetBytes bound on the blocks' working memory (at least one row is used)
   */
  static Result compute(float[] t, int dt, float[] x, int dx, int[] labels, int numClasses, int k,
      int variant, boolean standardize, long memoryBudgetBytes) {
    int n = labels.length;
    NeighbourStatistics s = new NeighbourStatistics(n, k, variant, standardize);
    return s.run(t, dt, x, dx, labels, numClasses, memoryBudgetBytes);
  }

  /**
   * Rows per block for a budget: at least 1, at most n, and few enough that a block of rows x n
   * doubles fits a Java array.
   */
  static int blockRows(int n, long memoryBudgetBytes) {
    long rows = memoryBudgetBytes / ((long) BYTES_PER_BLOCK_ELEMENT * n);
    rows = Math.min(rows, (Integer.MAX_VALUE - 8) / n);
    return (int) Math.max(1, Math.min(n, rows));
  }

  private Result run(float[] t, int dt, float[] x, int dx, int[] labels, int numClasses,
      long memoryBudgetBytes) {
    double[] qx = new double[n];
    double[] qt = new double[n];
    INDArray xc = doubles(x, n, dx, qx);
    INDArray tc = doubles(t, n, dt, qt);
    double fx = standardize ? inverseTotalVariance(x, n, dx) : 1;
    double ft = standardize ? inverseTotalVariance(t, n, dt) : 1;
    int[][] groupsX = repeatGroups(x, n, dx);
    int[][] groupsT = repeatGroups(t, n, dt);
    int[] groupOfX = groupIndex(groupsX, n);
    int[] groupOfT = groupIndex(groupsT, n);

    // Classes for the mixed estimator: members of each class, and the points it drops (unique
    // labels), which take no part in its counts.
    int[] classCount = new int[numClasses];
    for (int y : labels) {
      classCount[y]++;
    }
    int[][] members = new int[numClasses][];
    for (int y = 0; y < numClasses; y++) {
      members[y] = new int[classCount[y]];
    }
    int[] fill = new int[numClasses];
    int droppedCount = 0;
    for (int i = 0; i < n; i++) {
      members[labels[i]][fill[labels[i]]++] = i;
      if (classCount[labels[i]] == 1) {
        droppedCount++;
      }
    }
    int[] dropped = new int[droppedCount];
    droppedCount = 0;
    for (int i = 0; i < n; i++) {
      if (classCount[labels[i]] == 1) {
        dropped[droppedCount++] = i;
      }
    }

    int rowsPerBlock = blockRows(n, memoryBudgetBytes);
    INDArray gxMemory = Nd4j.create(DataType.DOUBLE, (long) rowsPerBlock * n);
    INDArray gtMemory = Nd4j.create(DataType.DOUBLE, (long) rowsPerBlock * n);
    double[] bx = new double[rowsPerBlock * n];
    double[] bt = new double[rowsPerBlock * n];
    double[] best = new double[Math.max(k, 1)];

    double ksgSum = 0;
    double sumPsiK = 0;
    double sumPsiM = 0;
    double sumPsiNy = 0;
    int kept = 0;
    for (int r0 = 0; r0 < n; r0 += rowsPerBlock) {
      int rows = Math.min(rowsPerBlock, n - r0);
      DoubleBuffer gx = negativeTwiceDots(xc, r0, rows, gxMemory, bx);
      DoubleBuffer gt = negativeTwiceDots(tc, r0, rows, gtMemory, bt);
      for (int r = 0; r < rows; r++) {
        int i = r0 + r;
        int o = r * n;
        // Row by row, so that the row is still in cache when it is finished and read.
        if (gx != null) {
          gx.get(o, bx, o, n);
        }
        if (gt != null) {
          gt.get(o, bt, o, n);
        }
        finishRow(bx, o, i, qx, fx, groupsX, groupOfX[i]);
        finishRow(bt, o, i, qt, ft, groupsT, groupOfT[i]);
        ksgSum += ksgTerm(bx, bt, o, best);
        int y = labels[i];
        if (classCount[y] > 1) {
          int ky = Math.min(k, classCount[y] - 1);
          mixedCounts(bt, o, members[y], dropped, ky, best);
          sumPsiK += psi[mixedK];
          sumPsiM += psi[mixedM];
          sumPsiNy += psi[classCount[y]];
          kept++;
        }
      }
    }
    double ixt = psi[n] + ksgSum / n;
    double ity = kept == 0 ? 0 : psi[kept] + (sumPsiK - sumPsiNy - sumPsiM) / kept;
    return new Result(ixt, ity, kept);
  }

  /**
   * The KSG term of one point (without the shared psi(N)), from its rows of squared distances in
   * X and T (self at +infinity).
   */
  private double ksgTerm(double[] bx, double[] bt, int o, double[] best) {
    double eps = kthSmallestJoint(bx, bt, o, n, k, best);
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
        return psi[inBox] - 1.0 / inBox - psi[nx] - psi[nt];
      }
      // A box of zero extent in one space: variant 1's cube (below) is the defined fallback.
    }
    int nx = countBelow(bx, o, n, eps);
    int nt = countBelow(bt, o, n, eps);
    return psi[k] - psi[nx + 1] - psi[nt + 1];
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
    return psi[a] - psi[ax] - psi[at];
  }

  /**
   * Sets {@code mixedK} = k_i and {@code mixedM} = m_i of the mixed estimator for one point: r = the ky-th smallest squared distance in T
   * to a point of its class; m = 1 + #{kept j != i : D_ij &lt; r}. If r = 0 (at least ky exact
   * repeats in its class), k_i = its class's exact repeats and m its exact repeats among kept
   * points, both counting itself.
   */
  private void mixedCounts(double[] bt, int o, int[] sameClass, int[] dropped, int ky,
      double[] best) {
    Arrays.fill(best, 0, ky, Double.POSITIVE_INFINITY);
    for (int j : sameClass) {
      insert(best, ky, bt[o + j]);
    }
    double r = best[ky - 1];
    if (r > 0) {
      int m = 1 + countBelow(bt, o, n, r);
      for (int j : dropped) {
        m -= bt[o + j] < r ? 1 : 0;
      }
      mixedK = ky;
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

  /** The k-th smallest of max(bx[j], bt[j]) over the row; best receives the k smallest. */
  private static double kthSmallestJoint(double[] bx, double[] bt, int o, int n, int k,
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
  private static void insert(double[] best, int k, double v) {
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

  private static int countBelow(double[] b, int o, int n, double limit) {
    int c = 0;
    for (int j = o, end = o + n; j < end; j++) {
      c += b[j] < limit ? 1 : 0;
    }
    return c;
  }

  private static int countAtMost(double[] b, int o, int n, double limit) {
    int c = 0;
    for (int j = o, end = o + n; j < end; j++) {
      c += b[j] <= limit ? 1 : 0;
    }
    return c;
  }

  /**
   * Turns row i's -2 a_i . a_j into squared distances: adds the norms, clamps at 0, multiplies by
   * factor (1, or 1 / total variance: one factor per space keeps equal distances equal), gives each
   * group of repeated rows one distance (0 for row i's own group) and row i itself +infinity.
   */
  private void finishRow(double[] b, int o, int i, double[] q, double factor, int[][] groups,
      int ownGroup) {
    double qi = q[i];
    for (int j = 0; j < n; j++) {
      double v = b[o + j] + qi + q[j];
      b[o + j] = v > 0 ? v * factor : 0;
    }
    for (int g = 0; g < groups.length; g++) {
      int[] members = groups[g];
      double v = g == ownGroup ? 0 : b[o + members[0]];
      for (int j : members) {
        b[o + j] = v;
      }
    }
    b[o + i] = Double.POSITIVE_INFINITY;
  }

  /**
   * rows x n block of -2 a_i . a_j for rows [r0, r0 + rows) against all rows, by one double GEMM
   * into memory. On the CPU backend the result is returned as a buffer that the row loop reads row
   * by row; elsewhere it is copied into out[0, rows * n) at once and null is returned. A space
   * without varying columns (null) has every dot product 0: out is zeroed, null returned.
   */
  private DoubleBuffer negativeTwiceDots(INDArray rowsOfSpace, int r0, int rows, INDArray memory,
      double[] out) {
    if (rowsOfSpace == null) {
      Arrays.fill(out, 0, rows * n, 0.0);
      return null;
    }
    INDArray block = Nd4j.create(memory.data(), new long[] {rows, n}, new long[] {n, 1}, 0, 'c');
    INDArray left = rowsOfSpace.get(NDArrayIndex.interval(r0, r0 + rows), NDArrayIndex.all());
    Nd4j.gemm(left, rowsOfSpace, block, false, true, -2.0, 0.0);
    if (HostCopy.hostMemory()) {
      return memory.data().asNioDouble(); // memory stays referenced by the caller
    }
    System.arraycopy(block.data().asDouble(), 0, out, 0, rows * n);
    return null;
  }

  /**
   * The rows as an n x d' double matrix of the d' columns that are not constant over the sample
   * (null if every column is), and in norms each row's squared length over those columns, summed
   * in column order. A constant column adds exactly 0 to every distance, so leaving it out changes
   * no distance, only saves GEMM work (the MNIST border pixels, dead units) and rounding.
   */
  private static INDArray doubles(float[] v, int n, int d, double[] norms) {
    float[] first = new float[d];
    boolean[] varies = new boolean[d];
    if (n > 0) {
      System.arraycopy(v, 0, first, 0, d);
    }
    for (int i = 1; i < n; i++) {
      int o = i * d;
      for (int u = 0; u < d; u++) {
        varies[u] |= v[o + u] != first[u]; // -0.0 == 0.0: the same point
      }
    }
    int kept = 0;
    for (boolean b : varies) {
      kept += b ? 1 : 0;
    }
    int[] columns = new int[kept];
    for (int u = 0, c = 0; u < d; u++) {
      if (varies[u]) {
        columns[c++] = u;
      }
    }
    if (kept == 0) {
      return null;
    }
    INDArray out = Nd4j.create(DataType.DOUBLE, n, kept);
    double[] row = new double[kept];
    DoubleBuffer buffer = HostCopy.hostMemory() ? out.data().asNioDouble() : null;
    double[] all = buffer == null ? new double[n * kept] : null;
    if (buffer != null) {
      buffer.position(0);
    }
    for (int i = 0; i < n; i++) {
      double q = 0;
      int o = i * d;
      for (int c = 0; c < kept; c++) {
        double a = v[o + columns[c]];
        row[c] = a;
        q += a * a;
      }
      norms[i] = q;
      if (buffer != null) {
        buffer.put(row);
      } else {
        System.arraycopy(row, 0, all, i * kept, kept);
      }
    }
    if (all != null) {
      out.assign(Nd4j.create(all, new long[] {n, kept}, DataType.DOUBLE));
    }
    return out;
  }

  /**
   * 1 / sum_u var(column u), population variances by two passes in double; 1 if the total is 0 (a
   * space whose points all coincide: every distance is 0 anyway).
   */
  static double inverseTotalVariance(float[] v, int n, int d) {
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
   * The groups of at least two rows equal bit for bit (-0.0 as 0.0), each in increasing row order.
   */
  private static int[][] repeatGroups(float[] v, int n, int d) {
    int[] bits = new int[n * d];
    for (int i = 0; i < bits.length; i++) {
      bits[i] = Float.floatToIntBits(v[i] + 0.0f); // -0.0 + 0.0 = 0.0
    }
    int[] ids = new int[n];
    int distinct = SymbolTable.symbolize(bits, n, d, ids);
    int[] size = new int[distinct];
    for (int id : ids) {
      size[id]++;
    }
    int[] groupOfId = new int[distinct];
    int groups = 0;
    for (int id = 0; id < distinct; id++) {
      groupOfId[id] = size[id] > 1 ? groups++ : -1;
    }
    int[][] result = new int[groups][];
    int[] fill = new int[groups];
    for (int i = 0; i < n; i++) {
      int g = groupOfId[ids[i]];
      if (g >= 0) {
        if (result[g] == null) {
          result[g] = new int[size[ids[i]]];
        }
        result[g][fill[g]++] = i;
      }
    }
    return result;
  }

  /** For each row, the index of its group in {@code groups}, or -1. */
  private static int[] groupIndex(int[][] groups, int n) {
    int[] index = new int[n];
    Arrays.fill(index, -1);
    for (int g = 0; g < groups.length; g++) {
      for (int i : groups[g]) {
        index[i] = g;
      }
    }
    return index;
  }
}
