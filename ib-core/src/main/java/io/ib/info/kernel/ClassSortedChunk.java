package io.ib.info.kernel;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One chunk of {@link PairwiseKernelSums}' class-sorted rows: centred data augmented for the
 * distance GEMM, and class segments (the contiguous runs of one class). With x the centred row and
 * q = |x|^2, left = [x, q, 1] and right = [x, -1/2, -q/2], so that
 * -2 left_i . right_j = |x_i|^2 + |x_j|^2 - 2 x_i . x_j = D_ij in one GEMM (alpha = -2).
 */
final class ClassSortedChunk {
  final int start;
  final int size;
  final INDArray left;
  final INDArray right;
  final int[] segmentStart;
  final int[] segmentEnd;
  final int[] segmentClass;

  /**
   * @param start first row of the chunk in class-sorted order
   * @param end one past its last row
   * @param values the n x d activations, row-major, in the sample's order
   * @param d units
   * @param mean the column means
   * @param order the sample index of each class-sorted row
   * @param sortedLabels the label of each class-sorted row
   */
  ClassSortedChunk(int start, int end, float[] values, int d, double[] mean, int[] order,
      int[] sortedLabels) {
    this.start = start;
    this.size = end - start;
    int w = d + 2;
    double[] l = new double[size * w];
    double[] r = new double[size * w];
    for (int i = 0; i < size; i++) {
      augment(values, d, mean, order[start + i], l, r, i * w);
    }
    left = Nd4j.create(l, new long[] {size, w}, DataType.DOUBLE);
    right = Nd4j.create(r, new long[] {size, w}, DataType.DOUBLE);
    int segments = 1;
    for (int i = start + 1; i < end; i++) {
      if (sortedLabels[i] != sortedLabels[i - 1]) {
        segments++;
      }
    }
    segmentStart = new int[segments];
    segmentEnd = new int[segments];
    segmentClass = new int[segments];
    int s = 0;
    for (int i = 0; i < size; i++) {
      if (i > 0 && sortedLabels[start + i] != sortedLabels[start + i - 1]) {
        segmentEnd[s++] = i;
        segmentStart[s] = i;
      }
      segmentClass[s] = sortedLabels[start + i];
    }
    segmentEnd[s] = size;
  }

  /**
   * Writes sample i's augmented rows, d + 2 doubles each, at offset o of left and right: the
   * centred values x, then [q, 1] and [-1/2, -q/2] with q = |x|^2. The GEMM's distance is
   * -2 times the dot product of a left and a right row.
   */
  static void augment(float[] values, int d, double[] mean, int i, double[] left, double[] right,
      int o) {
    int from = i * d;
    double q = 0;
    for (int u = 0; u < d; u++) {
      double t = values[from + u] - mean[u];
      left[o + u] = t;
      right[o + u] = t;
      q += t * t;
    }
    left[o + d] = q;
    left[o + d + 1] = 1;
    right[o + d] = -0.5;
    right[o + d + 1] = -0.5 * q;
  }
}
