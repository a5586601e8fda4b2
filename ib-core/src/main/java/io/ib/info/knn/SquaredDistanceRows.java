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
 * One space of {@link NeighbourStatistics} (X, the inputs, or T, the layer) and its rows of
 * squared distances to all n points, a block of rows at a time.
 *
 * <p>The space is held once as an n x d double matrix of its non-constant columns (not centred:
 * see below). For a block of rows B, one double GEMM gives -2 a_i . b_j, to which the Java row loop
 * adds |a_i|^2 + |b_j|^2 and clamps at 0 (cancellation can give tiny negatives). Groups of rows
 * that are identical bit for bit ({@link SymbolTable}, -0.0 counted as 0.0) are made to agree
 * exactly: a . a from the GEMM and |a|^2 from the Java loop are summed in different orders, so the
 * distance between two repeats would be rounding residue instead of 0; and nothing guarantees that
 * a GEMM rounds one dot product identically at every column position (blocked kernels have edge
 * cases, threads split columns), which would turn a tie with a whole group, which the counts depend
 * on, into an arbitrary order. Every member of a group gets the distance of its first member, and
 * distance exactly 0 from the group's own members. The point itself gets distance +infinity, so
 * that no loop has to skip it.
 *
 * <p>On a space of levels ({@link LevelGrid}) the values are integer level indices and every
 * distance is exact before the factor (the proof is there), so the group fix-up changes nothing.
 *
 * <p>Not centring keeps distances from all-zero rows (dead ReLU layers) exact: a . 0 = 0 exactly,
 * and |a|^2 is summed in a fixed order, so D = |a|^2 to the last bit. Centring would shrink the
 * cancellation error, about 1e-16 |a|^2 in double, which is already far below the distances that
 * separate neighbours.
 */
final class SquaredDistanceRows {
  final int n;
  final int d;
  /** The space's values or level indices, n x d row-major. */
  final float[] values;
  /** The d' columns that vary over the sample, ascending: the GEMM's columns. */
  int[] columns;
  // n x d' doubles of the d' non-constant columns; null if every column is constant.
  private final INDArray matrix;
  /** Each row's squared length over those columns, summed in column order. */
  final double[] norms;
  final double factor;
  /** Groups of rows equal bit for bit, each in increasing row order. */
  final int[][] groups;
  /** For each row, the index of its group in {@code groups}, or -1. */
  final int[] groupOf;

  /**
   * @param space the space's values or level indices ({@link LevelGrid}: on levels, every
   *     distance before the factor is an exact integer)
   * @param n rows
   * @param d columns
   * @param factor what every squared distance is multiplied by ({@link LevelGrid#factor})
   */
  SquaredDistanceRows(LevelGrid space, int n, int d, double factor) {
    float[] v = space.values;
    this.n = n;
    this.d = d;
    this.values = v;
    this.norms = new double[n];
    this.matrix = doubles(v, n, d, norms);
    this.factor = factor;
    this.groups = repeatGroups(v, n, d);
    this.groupOf = groupIndex(groups, n);
  }

  /**
   * Turns row i's -2 a_i . a_j, at b[o, o + n), into squared distances: adds the norms, clamps at
   * 0, multiplies by the factor (1, or 1 / total variance: one factor per space keeps equal
   * distances equal), gives each group of repeated rows one distance (0 for row i's own group) and
   * row i itself +infinity.
   */
  void finishRow(double[] b, int o, int i) {
    double[] q = norms;
    double qi = q[i];
    for (int j = 0; j < n; j++) {
      double v = b[o + j] + qi + q[j];
      b[o + j] = v > 0 ? v * factor : 0;
    }
    finishGroups(b, o, i);
  }

  /**
   * Gives each group of repeated rows in row i's distances b[o, o + n) its first member's distance
   * (0 for row i's own group), and row i itself +infinity.
   */
  void finishGroups(double[] b, int o, int i) {
    int ownGroup = groupOf[i];
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
   * into memory (at least rows x n doubles). On the CPU backend the result is returned as a buffer
   * that the row loop reads row by row; elsewhere it is copied into out[0, rows * n) at once and
   * null is returned. A space without varying columns has every dot product 0: out is zeroed,
   * null returned.
   */
  DoubleBuffer negativeTwiceDots(int r0, int rows, INDArray memory, double[] out) {
    INDArray rowsOfSpace = matrix;
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
  private INDArray doubles(float[] v, int n, int d, double[] norms) {
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
    this.columns = columns;
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
