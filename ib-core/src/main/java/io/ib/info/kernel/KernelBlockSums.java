package io.ib.info.kernel;

import java.nio.DoubleBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The distance blocks of {@link PairwiseKernelSums} and their kernel sums: for a chunk pair, D by
 * one double GEMM, the float32 kernels of every noise variance, and their sums in double into the
 * row sums of one chunk and the column sums of the other. The block arrays and Java buffers are
 * allocated once at the largest block shape and reused for every block: blocks of other shapes are
 * views of the same memory, so the working memory is that of one block whatever the number of
 * shapes.
 *
 * <p>Kernels: K = exp(max(-D / (8 s2), {@link #MIN_EXPONENT})) in float32. Exponents at the clamp
 * give the constant exp(-69) without an exp; the others are gathered into one array and go through
 * ND4J's exp, which gives each element the same value at any position and array length
 * (KernelExpPositionTest), so every kernel is the one a single elementwise pass over the whole
 * block gives. At the small noise variances of Saxe et al. (s2 =
 * 1e-3 with activations in [-1, 1]) nearly all exponents are at the clamp: the block then costs its
 * GEMM and one pass.
 */
final class KernelBlockSums {
  /**
   * Lower clamp of the lower-bound kernel's exponent: kernels below e^-69 (1e-30) are raised to it.
   * Even 2^31 such terms change a row sum S_i &ge; 1 by less than 1e-20, far below double rounding;
   * it keeps every value (and its fourth power in double) normal.
   */
  private static final float MIN_EXPONENT = -69f;

  private final Map<Long, INDArray[]> byShape = new HashMap<>();
  private final INDArray distanceMemory;
  private final FloatExp exp;
  private final float kernelAtClamp;
  private final double[] distanceRow;
  private final float[] kernel;
  private final float[] exponents;
  private final float[] gathered;
  private final int[] positions;
  private final double[] columnTotalLower;
  private final double[] columnSameLower;
  private final double[] columnTotalUpper;
  private final double[] columnSameUpper;

  KernelBlockSums(int maxRows) {
    int elements = maxRows * maxRows;
    distanceMemory = Nd4j.create(DataType.DOUBLE, elements);
    exp = new FloatExp(elements);
    kernel = new float[elements];
    exponents = new float[elements];
    gathered = new float[elements + 1]; // the branch-free gathering writes one past the last kept
    positions = new int[elements + 1];
    distanceRow = new double[maxRows];
    columnTotalLower = new double[maxRows];
    columnSameLower = new double[maxRows];
    columnTotalUpper = new double[maxRows];
    columnSameUpper = new double[maxRows];
    kernelAtClamp = FloatExp.of(MIN_EXPONENT);
  }

  /** The double distance block, rows x columns, row-major. */
  private INDArray distance(int rows, int columns) {
    return byShape.computeIfAbsent(((long) rows << 32) | columns, key -> new INDArray[] {
        view(distanceMemory, rows, columns)})[0];
  }

  private static INDArray view(INDArray memory, int rows, int columns) {
    long[] shape = {rows, columns};
    return Nd4j.create(memory.data(), shape, new long[] {columns, 1}, 0, 'c');
  }

  /**
   * Adds block (a, b)'s kernels, for each noise variance m, to the sums [m][row] of the
   * class-sorted rows of chunk a and, unless a == b, of chunk b (see {@link #accumulate}).
   */
  void process(ClassSortedChunk a, ClassSortedChunk b, double[] noiseVariances, int[] sortedLabels,
      double[][] totalLower, double[][] sameLower, double[][] totalUpper, double[][] sameUpper) {
    INDArray distance = distance(a.size, b.size);
    // D = |a|^2 + |b|^2 - 2 a.b in one double GEMM; float32 and clamped at 0 (cancellation) below.
    Nd4j.gemm(a.left, b.right, distance, false, true, -2.0, 0.0);
    DoubleBuffer distances = distanceMemory.data().asNioDouble();
    boolean diagonal = a == b;
    float nearest = diagonal ? 0f : nearest(distances, a.size, b.size);
    for (int m = 0; m < noiseVariances.length; m++) {
      float scale = (float) (-1.0 / (8.0 * noiseVariances[m]));
      if (nearest * scale <= MIN_EXPONENT) {
        // Every kernel of the block is at the clamp, below e^-69: n of them change no row sum
        // S_i >= 1 by more than n e^-69 < 1e-26 of itself, so the block is left out.
        continue;
      }
      kernels(distances, a.size, b.size, scale);
      accumulate(a, b, diagonal, sortedLabels,
          totalLower[m], sameLower[m], totalUpper[m], sameUpper[m]);
    }
  }

  /**
   * float(max(min D, 0)) over the block: the largest exponent is the nearest pair's, since the
   * exponents' arithmetic (float conversion, max with 0, product with a negative scale) is
   * monotone.
   */
  private float nearest(DoubleBuffer distances, int rows, int columns) {
    double[] row = distanceRow;
    double min = Double.POSITIVE_INFINITY;
    for (int r = 0; r < rows; r++) {
      distances.get(r * columns, row, 0, columns);
      for (int c = 0; c < columns; c++) {
        min = Math.min(min, row[c]);
      }
    }
    float d = (float) min;
    return d > 0 ? d : 0f;
  }

  /**
   * kernel[0, rows * columns) = exp(max(float(max(D, 0)) * scale, MIN_EXPONENT)) in float32, the
   * arithmetic of ND4J's elementwise ops (float conversion, max, float product, max, exp). Where
   * most exponents are above the clamp, all go through one exp; elsewhere only those.
   */
  private void kernels(DoubleBuffer distances, int rows, int columns, float scale) {
    float[] e = kernel;
    float[] x = exponents;
    float[] g = gathered;
    int[] at = positions;
    double[] row = distanceRow;
    float clamped = kernelAtClamp;
    int elements = rows * columns;
    int count = 0;
    for (int r = 0; r < rows; r++) {
      int o = r * columns;
      distances.get(o, row, 0, columns);
      for (int c = 0; c < columns; c++) {
        float d = (float) row[c];
        float exponent = (d > 0 ? d : 0f) * scale;
        boolean keep = exponent > MIN_EXPONENT;
        x[o + c] = keep ? exponent : MIN_EXPONENT;
        e[o + c] = clamped;
        // Gathered without a branch: always written, kept by advancing.
        g[count] = exponent;
        at[count] = o + c;
        count += keep ? 1 : 0;
      }
    }
    if (2 * count > elements) {
      exp.applyTo(x, elements);
      System.arraycopy(x, 0, e, 0, elements);
      return;
    }
    exp.applyTo(g, count);
    for (int q = 0; q < count; q++) {
      e[at[q]] = g[q];
    }
  }

  /**
   * Adds the block's kernels (lower bound K, upper bound K^4) to the row sums of chunk a and, off
   * the diagonal, to the column sums of chunk b. Both bounds are summed in the same order, so the
   * upper bound's sums never exceed the lower bound's (K^4 &le; K elementwise, and rounding is
   * monotone); likewise a class-restricted sum never exceeds its total.
   */
  private void accumulate(ClassSortedChunk a, ClassSortedChunk b, boolean diagonal,
      int[] sortedLabels, double[] totalLower, double[] sameLower, double[] totalUpper,
      double[] sameUpper) {
    float[] e = kernel;
    int columns = b.size;
    if (!diagonal) {
      Arrays.fill(columnTotalLower, 0, columns, 0);
      Arrays.fill(columnSameLower, 0, columns, 0);
      Arrays.fill(columnTotalUpper, 0, columns, 0);
      Arrays.fill(columnSameUpper, 0, columns, 0);
    }
    double[] pair = new double[2];
    for (int r = 0; r < a.size; r++) {
      int row = a.start + r;
      int y = sortedLabels[row];
      int o = r * columns;
      if (diagonal) {
        e[o + r] = 1f; // D_ii = 0 exactly; the GEMM leaves rounding residue
      }
      double rowTotalLower = 0;
      double rowSameLower = 0;
      double rowTotalUpper = 0;
      double rowSameUpper = 0;
      for (int s = 0; s < b.segmentStart.length; s++) {
        int from = b.segmentStart[s];
        int to = b.segmentEnd[s];
        boolean same = b.segmentClass[s] == y;
        sumSegment(e, o + from, o + to, pair);
        rowTotalLower += pair[0];
        rowTotalUpper += pair[1];
        if (same) {
          rowSameLower += pair[0];
          rowSameUpper += pair[1];
          if (!diagonal) {
            addToColumns(e, o, from, to, columnSameLower, columnSameUpper);
          }
        }
      }
      if (!diagonal) {
        addToColumns(e, o, 0, columns, columnTotalLower, columnTotalUpper);
      }
      totalLower[row] += rowTotalLower;
      sameLower[row] += rowSameLower;
      totalUpper[row] += rowTotalUpper;
      sameUpper[row] += rowSameUpper;
    }
    if (!diagonal) {
      for (int c = 0; c < columns; c++) {
        int column = b.start + c;
        totalLower[column] += columnTotalLower[c];
        sameLower[column] += columnSameLower[c];
        totalUpper[column] += columnTotalUpper[c];
        sameUpper[column] += columnSameUpper[c];
      }
    }
  }

  /**
   * pair = {sum K, sum K^4} over e[from, to), in double with four interleaved partial sums each
   * (the same order for both, so the second never exceeds the first). Small methods keep the JIT's
   * code for these loops tight: inlined into the block loop they ran at half the speed.
   */
  private static void sumSegment(float[] e, int from, int to, double[] pair) {
    double l0 = 0;
    double l1 = 0;
    double l2 = 0;
    double l3 = 0;
    double u0 = 0;
    double u1 = 0;
    double u2 = 0;
    double u3 = 0;
    int j = from;
    for (; j + 3 < to; j += 4) {
      double k0 = e[j];
      double k1 = e[j + 1];
      double k2 = e[j + 2];
      double k3 = e[j + 3];
      l0 += k0;
      l1 += k1;
      l2 += k2;
      l3 += k3;
      k0 *= k0;
      k1 *= k1;
      k2 *= k2;
      k3 *= k3;
      u0 += k0 * k0;
      u1 += k1 * k1;
      u2 += k2 * k2;
      u3 += k3 * k3;
    }
    for (; j < to; j++) {
      double k0 = e[j];
      l0 += k0;
      k0 *= k0;
      u0 += k0 * k0;
    }
    pair[0] = (l0 + l1) + (l2 + l3);
    pair[1] = (u0 + u1) + (u2 + u3);
  }

  /** lower[c] += K, upper[c] += K^4 for the kernels e[offset + c], c in [from, to). */
  private static void addToColumns(float[] e, int offset, int from, int to, double[] lower,
      double[] upper) {
    for (int c = from; c < to; c++) {
      double k = e[offset + c];
      double q = k * k;
      lower[c] += k;
      upper[c] += q * q;
    }
  }
}
