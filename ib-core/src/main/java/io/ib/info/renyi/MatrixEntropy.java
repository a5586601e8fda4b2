package io.ib.info.renyi;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The matrix-based Renyi alpha-entropy of Giraldo, Rao &amp; Principe (2015, "Measures of entropy
 * from data using infinitely divisible kernels", IEEE Trans. Inf. Theory 61(1), arXiv 1211.2459):
 * for a positive semi-definite matrix A of trace 1 with eigenvalues lambda_k,
 * <pre>
 *   S_alpha(A) = 1 / (1 - alpha) * log2( sum_k lambda_k^alpha )     bits, alpha != 1
 *   S_1(A)     = - sum_k lambda_k log2 lambda_k                      bits (von Neumann, the limit)
 * </pre>
 * both in [0, log2 N] for an N x N matrix. Eigenvalues below 0, which only rounding produces for a
 * PSD matrix (of order 1e-16 times the largest), are set to 0.
 */
final class MatrixEntropy {
  private MatrixEntropy() {}

  /**
   * S_alpha of a list of eigenvalues (clamped at 0; they should sum to 1).
   *
   * @param eigenvalues the eigenvalues of a trace-1 PSD matrix
   * @param alpha at least 1
   * @return bits
   */
  static double bits(double[] eigenvalues, double alpha) {
    if (alpha == 1) {
      double sum = 0;
      for (double lambda : eigenvalues) {
        if (lambda > 0) {
          sum -= lambda * Math.log(lambda);
        }
      }
      return sum / Math.log(2);
    }
    double sum = 0;
    for (double lambda : eigenvalues) {
      if (lambda > 0) {
        sum += Math.pow(lambda, alpha);
      }
    }
    return Math.log(sum) / Math.log(2) / (1 - alpha);
  }

  /**
   * The eigenvalues of the symmetric n x n matrix {@code scale * m}, by LAPACK's symmetric
   * eigensolver ({@code syev}, eigenvalues only, in double) through ND4J. Only the lower triangle
   * is read; {@code m} is not modified.
   *
   * @param m n x n values, row-major, symmetric
   * @param n the order
   * @param scale a factor applied to every entry, e.g. 1 / N
   * @return the n eigenvalues, ascending
   * @throws IllegalStateException if LAPACK reports that the iteration did not converge
   */
  static double[] eigenvalues(double[] m, int n, double scale) {
    double[] scaled = new double[n * n];
    for (int i = 0; i < scaled.length; i++) {
      scaled[i] = m[i] * scale;
    }
    INDArray matrix = Nd4j.create(scaled, new long[] {n, n}, DataType.DOUBLE);
    INDArray values = Nd4j.create(DataType.DOUBLE, n);
    // 'N': eigenvalues only, about ten times faster than with eigenvectors ('V', which ND4J's
    // Eigen.symmetricGeneralizedEigenvalues asks for); the matrix is overwritten.
    int info = Nd4j.getBlasWrapper().lapack().syev('N', 'L', matrix, values);
    if (info != 0) {
      throw new IllegalStateException("the symmetric eigensolver (LAPACK syev) failed on a " + n
          + " x " + n + " Gram matrix, info = " + info);
    }
    return values.data().asDouble();
  }
  /**
   * The non-zero eigenvalues of the labels' normalised Gram matrix 1[y_i = y_j] / N: after sorting
   * the rows by class it is block-diagonal with an n_c x n_c block of 1 / N per class, whose only
   * non-zero eigenvalue is n_c / N. So these are the class proportions.
   *
   * @param counts n_c per class (zeros allowed)
   * @param n N, their sum
   */
  static double[] classProportions(int[] counts, int n) {
    double[] p = new double[counts.length];
    for (int c = 0; c < counts.length; c++) {
      p[c] = (double) counts[c] / n;
    }
    return p;
  }

  /**
   * The eigenvalues of (A o A_Y) / tr, A = K / N, for the labels' kernel 1[y_i = y_j]: that matrix
   * is K's class blocks (rows and columns of one class), times 1 / N, and zero elsewhere (its trace
   * is 1 because K_ii = 1), so its spectrum is the union of the blocks' spectra: one n_c x n_c
   * decomposition per class instead of one N x N.
   *
   * @param kernel N x N row-major, symmetric, unit diagonal
   * @param labels N class indices
   * @param counts n_c per class
   * @param scale 1 / N
   * @return N eigenvalues, class by class
   */
  static double[] classBlockEigenvalues(double[] kernel, int[] labels, int[] counts, double scale) {
    int n = labels.length;
    double[] out = new double[n];
    int filled = 0;
    for (int c = 0; c < counts.length; c++) {
      int size = counts[c];
      if (size == 0) {
        continue;
      }
      int[] members = new int[size];
      for (int i = 0, m = 0; i < n; i++) {
        if (labels[i] == c) {
          members[m++] = i;
        }
      }
      double[] block = new double[size * size];
      for (int a = 0; a < size; a++) {
        int row = members[a] * n;
        for (int b = 0; b < size; b++) {
          block[a * size + b] = kernel[row + members[b]];
        }
      }
      System.arraycopy(eigenvalues(block, size, scale), 0, out, filled, size);
      filled += size;
    }
    return out;
  }
}
