package io.ib.info.renyi;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Gaussian Gram matrix K_ij = exp(-|a_i - a_j|^2 / (2 sigma^2)) of N rows of one variable, as an
 * N x N row-major double array with K_ii = 1 exactly (not yet divided by N).
 *
 * <p>The rows are copied to double and centred (constant columns to exactly 0), which leaves every
 * distance unchanged and shrinks the cancellation in |a|^2 + |b|^2 - 2 a.b; the dot products come
 * from one double GEMM, and the squared norms from its diagonal, so that D_ii = 0 exactly. Distances
 * are clamped at 0 (rounding can give tiny negatives) and the kernel is evaluated in a Java loop
 * over the upper triangle and mirrored, so the matrix is exactly symmetric.
 *
 * @param kernel N x N values, row-major, K_ii = 1
 * @param size N
 * @param sigma the width used
 */
record GaussianGram(double[] kernel, int size, double sigma) {

  /**
   * The Gram matrix of some rows of a row-major matrix.
   *
   * @param values row-major values, {@code columns} per row, finite
   * @param columns d
   * @param rows the rows to use, in order (N of them)
   * @param width the kernel width or its rule
   */
  static GaussianGram of(float[] values, int columns, int[] rows, KernelWidth width) {
    int n = rows.length;
    double[] centred = new double[n * columns];
    double totalVariance = centre(values, columns, rows, centred);
    double sigma = width.sigma(totalVariance, n, columns);
    double[] kernel = new double[n * n];
    if (totalVariance == 0) {
      Arrays.fill(kernel, 1.0); // all rows equal: every distance is 0
      return new GaussianGram(kernel, n, sigma);
    }
    INDArray x = Nd4j.create(centred, new long[] {n, columns}, DataType.DOUBLE);
    INDArray dots = Nd4j.create(DataType.DOUBLE, n, n);
    Nd4j.gemm(x, x, dots, false, true, 1.0, 0.0);
    double[] g = dots.data().asDouble();
    double scale = -1 / (2 * sigma * sigma);
    for (int i = 0; i < n; i++) {
      double gii = g[i * n + i];
      kernel[i * n + i] = 1;
      for (int j = i + 1; j < n; j++) {
        double d2 = gii + g[j * n + j] - 2 * g[i * n + j];
        double k = d2 > 0 ? Math.exp(d2 * scale) : 1;
        kernel[i * n + j] = k;
        kernel[j * n + i] = k;
      }
    }
    return new GaussianGram(kernel, n, sigma);
  }

  /**
   * Copies the rows into {@code out} minus their column means over those rows (a column that is
   * constant over them becomes exactly 0) and returns the total variance: the sum of the columns'
   * population variances, in double.
   */
  static double centre(float[] values, int columns, int[] rows, double[] out) {
    int n = rows.length;
    double[] mean = new double[columns];
    boolean[] varies = new boolean[columns];
    int first = rows[0] * columns;
    for (int r = 0; r < n; r++) {
      int o = rows[r] * columns;
      for (int u = 0; u < columns; u++) {
        float v = values[o + u];
        mean[u] += v;
        varies[u] |= v != values[first + u];
      }
    }
    for (int u = 0; u < columns; u++) {
      mean[u] /= n;
    }
    double sum = 0;
    for (int r = 0; r < n; r++) {
      int o = rows[r] * columns;
      for (int u = 0; u < columns; u++) {
        double c = varies[u] ? values[o + u] - mean[u] : 0;
        out[r * columns + u] = c;
        sum += c * c;
      }
    }
    return sum / n;
  }
}
