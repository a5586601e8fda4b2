package io.ib.info.kernel;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The distance blocks of {@link PairwiseKernelSums} and their kernel sums: for a chunk pair, D by
 * one double GEMM, the float32 kernels of every noise variance by ND4J, and their sums in double
 * into the row sums of one chunk and the column sums of the other. The block arrays and Java
 * buffers are allocated once at the largest block shape and reused for every block: blocks of
 * other shapes are views of the same memory, so the working memory is that of one block whatever
 * the number of shapes.
 */
final class KernelBlockSums {
  /**
   * Lower clamp of the lower-bound kernel's exponent: kernels below e^-69 (1e-30) are raised to it.
   * Even 2^31 such terms change a row sum S_i &ge; 1 by less than 1e-20, far below double rounding;
   * it keeps ND4J's exp off its slow underflow path and every value (and its fourth power in
   * double) normal.
   */
  private static final double MIN_EXPONENT = -69;

  private final Map<Long, INDArray[]> byShape = new HashMap<>();
  private final INDArray distanceMemory;
  private final INDArray distanceFloatMemory;
  private final INDArray kernelMemory;
  private final float[] kernel;
  private final double[] columnTotalLower;
  private final double[] columnSameLower;
  private final double[] columnTotalUpper;
  private final double[] columnSameUpper;

  KernelBlockSums(int maxRows) {
    int elements = maxRows * maxRows;
    distanceMemory = Nd4j.create(DataType.DOUBLE, elements);
    distanceFloatMemory = Nd4j.create(DataType.FLOAT, elements);
    kernelMemory = Nd4j.create(DataType.FLOAT, elements);
    kernel = new float[elements];
    columnTotalLower = new double[maxRows];
    columnSameLower = new double[maxRows];
    columnTotalUpper = new double[maxRows];
    columnSameUpper = new double[maxRows];
  }

  /** {distance (double), distance (float32), kernel (float32)}, rows x columns, row-major. */
  private INDArray[] arrays(int rows, int columns) {
    return byShape.computeIfAbsent(((long) rows << 32) | columns, key -> new INDArray[] {
        view(distanceMemory, rows, columns),
        view(distanceFloatMemory, rows, columns),
        view(kernelMemory, rows, columns)});
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
    INDArray[] arrays = arrays(a.size, b.size);
    INDArray distance = arrays[0];
    INDArray distanceFloat = arrays[1];
    INDArray kernelArray = arrays[2];
    // D = |a|^2 + |b|^2 - 2 a.b in one double GEMM, then float32, clamped at 0 (cancellation).
    Nd4j.gemm(a.left, b.right, distance, false, true, -2.0, 0.0);
    distanceFloat.assign(distance);
    Transforms.max(distanceFloat, 0.0, false);
    int elements = a.size * b.size;
    boolean diagonal = a == b;
    for (int m = 0; m < noiseVariances.length; m++) {
      // K = exp(max(-D / (8 s2), MIN_EXPONENT)): exp is 2-3x slower where it underflows.
      distanceFloat.mul(-1.0 / (8.0 * noiseVariances[m]), kernelArray);
      Transforms.max(kernelArray, MIN_EXPONENT, false);
      Transforms.exp(kernelArray, false);
      kernelArray.data().asNioFloat().get(kernel, 0, elements);
      accumulate(a, b, diagonal, sortedLabels,
          totalLower[m], sameLower[m], totalUpper[m], sameUpper[m]);
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
