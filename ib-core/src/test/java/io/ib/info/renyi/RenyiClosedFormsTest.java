package io.ib.info.renyi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.info.Entropy;
import io.ib.info.InformationEstimate;
import io.ib.info.LayerSample;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Closed forms of the matrix-based Renyi quantities. Tolerances: 1e-9 bits where the value is exact
 * in exact arithmetic and only rounding (of order 1e-12 here) separates it, with the reason given
 * where kernels are only nearly 0 or 1.
 */
class RenyiClosedFormsTest {
  private static final double TOL = 1e-9;

  /** Renyi entropy of a distribution, bits; alpha = 1 is Shannon's. */
  static double renyiBits(double[] p, double alpha) {
    double sum = 0;
    for (double q : p) {
      if (q > 0) {
        sum += alpha == 1 ? -q * Math.log(q) : Math.pow(q, alpha);
      }
    }
    return (alpha == 1 ? sum : Math.log(sum) / (1 - alpha)) / Math.log(2);
  }

  static int[] randomLabels(int n, int classes, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = random.nextInt(classes);
    }
    return labels;
  }

  static double[] proportions(int[] labels, int classes) {
    double[] p = new double[classes];
    for (int y : labels) {
      p[y] += 1.0 / labels.length;
    }
    return p;
  }

  static double[] oneHot(int[] labels, int classes) {
    double[] t = new double[labels.length * classes];
    for (int i = 0; i < labels.length; i++) {
      t[i * classes + labels[i]] = 1;
    }
    return t;
  }

  static LayerSample sample(double[] t, int d, int[] labels, int classes, double[] x, int p) {
    int n = labels.length;
    return LayerSample.of("t", Nd4j.create(t, new long[] {n, d}, DataType.FLOAT), labels, classes,
        Nd4j.create(x, new long[] {n, p}, DataType.FLOAT));
  }

  /**
   * The labels' normalised Gram matrix 1[y_i = y_j] / N, decomposed as a full N x N matrix (rows in
   * random order, not sorted by class): S_1 is the plug-in H(Y), and S_alpha the Renyi entropy of
   * the class proportions, which is what the estimator uses for S(A_Y) without decomposing.
   */
  @Test
  void labelsGramMatrixHasTheRenyiEntropyOfTheClassProportions() {
    int n = 300;
    int classes = 5;
    int[] labels = randomLabels(n, classes, 11);
    double[] k = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        k[i * n + j] = labels[i] == labels[j] ? 1 : 0;
      }
    }
    double[] eigenvalues = MatrixEntropy.eigenvalues(k, n, 1.0 / n);
    double[] p = proportions(labels, classes);
    assertEquals(Entropy.ofSymbols(labels, classes), MatrixEntropy.bits(eigenvalues, 1), TOL);
    for (double alpha : new double[] {1, 1.01, 2, 5}) {
      assertEquals(renyiBits(p, alpha), MatrixEntropy.bits(eigenvalues, alpha), TOL, "alpha " + alpha);
      assertEquals(renyiBits(p, alpha),
          MatrixEntropy.bits(MatrixEntropy.classProportions(countsOf(labels, classes), n), alpha),
          TOL);
    }
  }

  private static int[] countsOf(int[] labels, int classes) {
    int[] counts = new int[classes];
    for (int y : labels) {
      counts[y]++;
    }
    return counts;
  }

  /**
   * T = the one-hot code of Y with sigma = 0.1: rows of different classes are at squared distance 2,
   * kernel exp(-100) &lt; 1e-43, and rows of one class coincide (kernel 1 up to rounding of the
   * distance, about 1e-16 / (2 sigma^2) = 5e-15). So A_T = A_Y to within 5e-15 per entry, and
   * H_alpha(T) = I(T;Y) = H_alpha(Y): the zero eigenvalues move by at most 5e-15 (Weyl), each adding
   * at most 5e-15 log2(1 / 5e-15) &lt; 3e-13 bits at alpha = 1, below 2e-10 over N = 600. The inputs
   * are the same code: I(X;T) = H_alpha(Y) as well (A o A = A for a 0/1 kernel).
   */
  @Test
  void oneHotCopyOfTheLabelsCarriesTheirWholeEntropy() {
    int n = 600;
    int classes = 4;
    int[] labels = randomLabels(n, classes, 3);
    double[] code = oneHot(labels, classes);
    LayerSample s = sample(code, classes, labels, classes, code, classes);
    double[] p = proportions(labels, classes);
    for (double alpha : new double[] {1, 1.01, 2}) {
      InformationEstimate e = RenyiEstimator.of(alpha, KernelWidth.fixed(0.1), n).estimate(s);
      double h = renyiBits(p, alpha);
      assertEquals(h, e.htBits(), TOL, "S(T), alpha " + alpha);
      assertEquals(h, e.ityBits(), TOL, "I(T;Y), alpha " + alpha);
      assertEquals(h, e.ixtBits(), TOL, "I(X;T), alpha " + alpha);
      assertEquals(Entropy.ofSymbols(labels, classes), e.hyBits(), TOL);
    }
  }

  /**
   * X = T: the joint Gram matrix K o K = exp(-D / sigma^2) is the Gram matrix of width
   * sigma / sqrt(2), so I(T;T) = 2 S_sigma(T) - S_{sigma/sqrt 2}(T), not S(T): the identity of the
   * discrete case (I(Y;Y) = H(Y), above) does not carry over to Gaussian kernels.
   */
  @Test
  void aVariableWithItselfGivesTwiceItsEntropyLessThatOfTheNarrowerKernel() {
    int n = 250;
    int d = 3;
    SplittableRandom random = new SplittableRandom(5);
    double[] t = new double[n * d];
    for (int i = 0; i < t.length; i++) {
      t[i] = random.nextGaussian();
    }
    int[] labels = randomLabels(n, 3, 6);
    LayerSample s = sample(t, d, labels, 3, t, d);
    double sigma = 0.7;
    for (double alpha : new double[] {1, 1.01, 2}) {
      InformationEstimate wide = RenyiEstimator.of(alpha, KernelWidth.fixed(sigma), n).estimate(s);
      InformationEstimate narrow = RenyiEstimator.of(alpha, KernelWidth.fixed(sigma / Math.sqrt(2)),
          n).estimate(s);
      assertEquals(2 * wide.htBits() - narrow.htBits(), wide.ixtBits(), TOL, "alpha " + alpha);
      assertTrue(wide.ixtBits() < wide.htBits() - 0.01, "I(T;T) < S(T) for a Gaussian kernel");
    }
  }

  /**
   * Exact independence: a full factorial sample, every T value with every input value (and every
   * class), has Gram matrices K_X = K1 (x) J and K_T = J (x) K2 (Kronecker products, J all ones),
   * so the joint is K1 (x) K2 and its entropy is S(K1) + S(K2) = S(X) + S(T) for every alpha and
   * every width: I(X;T) = 0. Likewise T repeated over every class gives I(T;Y) = 0.
   */
  @Test
  void fullFactorialSampleIsExactlyIndependent() {
    int nx = 12;
    int nt = 15;
    int classes = 3;
    SplittableRandom random = new SplittableRandom(9);
    double[] xs = new double[nx * 2];
    double[] ts = new double[nt * 4];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = random.nextGaussian();
    }
    for (int i = 0; i < ts.length; i++) {
      ts[i] = Math.max(0, random.nextGaussian());
    }
    int n = nx * nt * classes;
    double[] x = new double[n * 2];
    double[] t = new double[n * 4];
    int[] labels = new int[n];
    int row = 0;
    for (int a = 0; a < nx; a++) {
      for (int b = 0; b < nt; b++) {
        for (int c = 0; c < classes; c++, row++) {
          System.arraycopy(xs, a * 2, x, row * 2, 2);
          System.arraycopy(ts, b * 4, t, row * 4, 4);
          labels[row] = c;
        }
      }
    }
    LayerSample s = sample(t, 4, labels, classes, x, 2);
    for (KernelWidth width : new KernelWidth[] {KernelWidth.silverman(0.8), KernelWidth.fixed(1)}) {
      for (double alpha : new double[] {1, 1.01, 2}) {
        InformationEstimate e = RenyiEstimator.of(alpha, width, n).estimate(s);
        assertEquals(0, e.ixtBits(), TOL, width + ", alpha " + alpha);
        assertEquals(0, e.ityBits(), TOL, width + ", alpha " + alpha);
        assertTrue(e.htBits() > 1, "T itself is not constant: " + e);
      }
    }
  }
}
