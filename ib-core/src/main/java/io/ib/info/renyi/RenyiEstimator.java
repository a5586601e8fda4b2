package io.ib.info.renyi;

import io.ib.info.Entropy;
import io.ib.info.EstimatorSpec;
import io.ib.info.InformationEstimate;
import io.ib.info.LayerSample;
import io.ib.info.MutualInformationEstimator;
import java.util.Objects;

/**
 * Matrix-based Renyi alpha-order mutual information of a whole layer (Giraldo, Rao &amp; Principe
 * 2015, arXiv 1211.2459; applied to the information plane by Yu, Wickstrom, Jenssen &amp; Principe
 * 2021, "Understanding Convolutional Neural Networks with Information Theory: An Initial
 * Exploration", IEEE TNNLS 32(1), arXiv 1804.06537, and Wickstrom et al. 2023, Entropy 25(6):899).
 *
 * <p><b>Definition.</b> On N rows (see <i>Rows</i>), a variable with Gram matrix K (K_ii = 1) has
 * the normalised matrix A = K / N (trace 1) and the entropy
 * <pre>
 *   S_alpha(A) = 1 / (1 - alpha) * log2( sum_k lambda_k^alpha ),   S_1(A) = - sum_k lambda_k log2 lambda_k
 * </pre>
 * over A's eigenvalues lambda_k (bits, in [0, log2 N]; S_1 is the von Neumann entropy, the limit
 * alpha &rarr; 1); two variables have the joint entropy S_alpha(A o B / tr(A o B)), o the
 * element-wise product, and
 * <pre>
 *   I_alpha(A; B) = S_alpha(A) + S_alpha(B) - S_alpha(A o B / tr(A o B))      bits
 * </pre>
 * The layer T and the inputs X get Gaussian kernels exp(-|a - b|^2 / (2 sigma^2)) of width sigma
 * ({@link KernelWidth}: fixed, or a rule that follows each variable's data); the labels Y get the
 * kernel 1[y_i = y_j], whose normalised matrix has the eigenvalues n_c / N of the class
 * proportions, so S_alpha(A_Y) is exactly the Renyi entropy H_alpha of the labels' plug-in
 * distribution. Giraldo et al. state, for PSD matrices with non-negative entries and equal diagonal
 * (both hold here), max(S(A), S(B)) &le; S(A o B / tr) &le; S(A) + S(B), hence
 * 0 &le; I_alpha(A; B) &le; min(S(A), S(B)); the tests check these on random samples.
 *
 * <p><b>Reported quantities</b>, all in bits:
 * <ul>
 *   <li>{@code ixtBits} = I_alpha(A_X; A_T), at most log2 N.
 *   <li>{@code ityBits} = I_alpha(A_T; A_Y). With the labels' kernel, A_T o A_Y / tr is
 *       block-diagonal (one block per class: A_T's rows and columns of that class), so its
 *       eigenvalues are those of the blocks and no N x N decomposition is needed. At alpha = 1 this
 *       is S_1(A_T) - sum_c p_c S_1(A_T|c), with A_T|c the normalised Gram matrix of class c alone.
 *       At most H_alpha(Y) &le; H(Y) = {@code hyBits} (alpha &ge; 1).
 *   <li>{@code htBits} = S_alpha(A_T), the matrix-based Renyi entropy of the layer, in [0, log2 N].
 *   <li>{@code n} = N, the number of rows used; {@code hyBits} = the plug-in H(Y) of their labels.
 * </ul>
 * Values are not clamped: in exact arithmetic they lie within the bounds above, which rounding can
 * cross by far less than the 1e-9 bits the tests allow.
 *
 * <p><b>What it is not.</b> A Renyi-order functional of kernel matrices, not Shannon's mutual
 * information of the network's variables: it depends on sigma (and gamma) as much as on the network,
 * and is comparable only between estimates with the same spec. alpha = 1 gives the von Neumann form,
 * the alpha &rarr; 1 limit; the default alpha = 1.01 is close to it.
 *
 * <p><b>Rows.</b> The eigen-decompositions cost O(N^3), so a sample of n &gt; N rows is cut to N
 * rows drawn without replacement by a partial Fisher-Yates shuffle from
 * {@code new SplittableRandom(20151211)}, in increasing order. The draw depends on n and N only: the
 * same rows for X, T and Y, for every layer and every measurement of samples of the same size.
 * N &ge; n uses every row.
 *
 * <p><b>Computation.</b> Gram matrices from one double GEMM each ({@code GaussianGram}); three
 * eigenvalue-only decompositions of N x N symmetric matrices (A_T, A_X, the joint of X and T) and one
 * per class block, by LAPACK {@code syev} in double; eigenvalues below 0 (rounding) count as 0.
 * Memory: about 6 N^2 doubles at once (48 MB for N = 1000; 1.2 GB at the maximum N =
 * {@value #MAX_ROWS}). Activations are read as float32 (the sample's shared copy); activations and
 * the inputs of the rows used must be finite.
 *
 * <p>Immutable and thread-safe.
 */
public final class RenyiEstimator implements MutualInformationEstimator {
  /**
   * Default alpha, near the von Neumann limit alpha = 1: the default of N. Tapia's implementation
   * (github.com/nicolasigor/entropy) and, to our knowledge, the value of Yu et al. (2021), which we
   * could not check in their text.
   */
  public static final double DEFAULT_ALPHA = 1.01;

  /** Default N, the number of rows used. */
  public static final int DEFAULT_ROWS = 1000;

  /** Largest N accepted (memory and time grow as N^2 and N^3). */
  public static final int MAX_ROWS = 5000;

  private final double alpha;
  private final KernelWidth width;
  private final int rows;
  private final EstimatorSpec spec;

  private RenyiEstimator(double alpha, KernelWidth width, int rows) {
    if (!(alpha >= 1) || Double.isInfinite(alpha)) {
      throw new IllegalArgumentException("parameter alpha of estimator renyi must be a finite number"
          + " >= 1, got " + alpha + " (below 1, S_alpha of the labels exceeds the plug-in H(Y) that"
          + " bounds I(T;Y) in the information plane)");
    }
    if (rows < 1 || rows > MAX_ROWS) {
      throw new IllegalArgumentException("parameter n of estimator renyi must be an integer in [1, "
          + MAX_ROWS + "], got " + rows);
    }
    this.alpha = alpha;
    this.width = Objects.requireNonNull(width, "width");
    this.rows = rows;
    this.spec = width.followsData()
        ? EstimatorSpec.of("renyi", "alpha", EstimatorSpec.number(alpha), "sigma", width.specValue(),
            "gamma", EstimatorSpec.number(width.value()), "n", Integer.toString(rows))
        : EstimatorSpec.of("renyi", "alpha", EstimatorSpec.number(alpha), "sigma", width.specValue(),
            "n", Integer.toString(rows));
  }

  /**
   * An estimator.
   *
   * @param alpha the order, finite, at least 1 (1 is the von Neumann form)
   * @param width the kernel width of T and X, or its rule
   * @param rows N, the most rows used, in [1, {@value #MAX_ROWS}]
   * @throws IllegalArgumentException otherwise
   */
  public static RenyiEstimator of(double alpha, KernelWidth width, int rows) {
    return new RenyiEstimator(alpha, width, rows);
  }

  /** The order alpha. */
  public double alpha() {
    return alpha;
  }

  /** The kernel width or its rule. */
  public KernelWidth width() {
    return width;
  }

  /** N, the most rows used. */
  public int rows() {
    return rows;
  }

  @Override
  public EstimatorSpec spec() {
    return spec;
  }

  /**
   * I(X;T), I(T;Y) and S(T) on at most N rows of the sample (see the class notes).
   *
   * @throws IllegalArgumentException if the sample has no inputs, or an activation or a used
   *     input is NaN or infinite
   */
  @Override
  public InformationEstimate estimate(LayerSample sample) {
    if (sample.inputs() == null) {
      throw new IllegalArgumentException("estimator " + spec + " measures I(X;T) against the inputs"
          + " X, but the sample of layer " + sample.layer() + " was made without them");
    }
    float[] t = sample.finiteActivations();
    int[] used = RowSubsample.rows(sample.size(), rows);
    int n = used.length;
    float[] x = SampleRows.finiteInputs(sample, used, spec);
    int[] labels = SampleRows.labels(sample, used);
    double scale = 1.0 / n;

    double[] kt = GaussianGram.of(t, sample.width(), used, width).kernel();
    double[] kx = GaussianGram.of(x, sample.inputs().columns(), SampleRows.all(n), width).kernel();
    double st = MatrixEntropy.bits(MatrixEntropy.eigenvalues(kt, n, scale), alpha);
    double sx = MatrixEntropy.bits(MatrixEntropy.eigenvalues(kx, n, scale), alpha);
    // K_X o K_T has unit diagonal too, so (A_X o A_T) / tr = (K_X o K_T) / N.
    double[] joint = kx;
    for (int i = 0; i < joint.length; i++) {
      joint[i] *= kt[i];
    }
    double sxt = MatrixEntropy.bits(MatrixEntropy.eigenvalues(joint, n, scale), alpha);

    int[] counts = new int[sample.numClasses()];
    for (int y : labels) {
      counts[y]++;
    }
    double sy = MatrixEntropy.bits(MatrixEntropy.classProportions(counts, n), alpha);
    double sty = MatrixEntropy.bits(MatrixEntropy.classBlockEigenvalues(kt, labels, counts, scale),
        alpha);
    return new InformationEstimate(spec, sx + st - sxt, st + sy - sty, st, n,
        Entropy.ofSymbols(labels, sample.numClasses()));
  }
}
