package io.ib.info.renyi;

import io.ib.info.EstimatorSpec;

/**
 * The width sigma of the Gaussian kernel exp(-|a - b|^2 / (2 sigma^2)) that {@link RenyiEstimator}
 * puts on the rows of one variable (the layer T, or the inputs X): either a fixed number, or a rule
 * that follows the data.
 *
 * <p><b>The rule</b> ({@link #silverman}), for the N rows used, of dimension d and total variance
 * v = sum over columns of the population variance (the mean squared distance to the centroid):
 * <pre>
 *   sigma = gamma * sqrt(v) * N^(-1 / (4 + d))
 * </pre>
 * The factor N^(-1/(4+d)) is the rule of thumb that Giraldo, Rao &amp; Principe (2015) and Yu et
 * al. (2021) use, {@code sigma = gamma * N^(-1/(4+d))} with an empirical gamma; N. Tapia's
 * implementation of the estimator (github.com/nicolasigor/entropy, file
 * {@code entropy/modules/matrix_estimator.py}) calls it the "originally proposed kernel size
 * formula". That form does not follow the data's scale, and for a layer of d units the typical
 * squared distance, 2v, grows with d while sigma does not, so every off-diagonal kernel vanishes and
 * all estimates saturate at log2 N. The factor sqrt(v) = sqrt(d) * (root mean unit variance)
 * removes both effects; it is the scale and dimension normalisation of Tapia &amp; Estevez (2020,
 * "On the Information Plane of Autoencoders", IJCNN; the same file), except that we scale by the
 * total variance instead of standardising each unit, which keeps the kernel a function of Euclidean
 * distance (rotation invariant) and does not amplify nearly dead units. With it, scaling the
 * variable by any c &gt; 0 scales sigma by c and leaves the Gram matrix unchanged.
 *
 * <p>The default gamma, {@value #DEFAULT_GAMMA}, is the default of the same rule in the IPDL
 * library (github.com/SolidusAbi/IPDL, {@code IPDL/optim/SilvermanOptimizer.py}, after Tapia &amp;
 * Estevez). We could not read the value Yu et al. chose in their paper's text, so gamma is a
 * spec parameter: name it, and sweep it when the plane's shape matters.
 */
public final class KernelWidth {
  /** Default gamma of the data-following rule. */
  public static final double DEFAULT_GAMMA = 0.8;

  /** The spec value of the data-following rule. */
  public static final String SILVERMAN = "silverman";

  private final boolean rule;
  private final double value;

  private KernelWidth(boolean rule, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("parameter " + (rule ? "gamma" : "sigma")
          + " of estimator renyi must be a positive finite number, got " + value);
    }
    this.rule = rule;
    this.value = value;
  }

  /**
   * A fixed width, the same for every variable and every sample.
   *
   * @param sigma positive, finite
   * @throws IllegalArgumentException otherwise
   */
  public static KernelWidth fixed(double sigma) {
    return new KernelWidth(false, sigma);
  }

  /**
   * The data-following rule sigma = gamma sqrt(v) N^(-1/(4+d)) (see the class notes).
   *
   * @param gamma positive, finite
   * @throws IllegalArgumentException otherwise
   */
  public static KernelWidth silverman(double gamma) {
    return new KernelWidth(true, gamma);
  }

  /** True for the data-following rule, false for a fixed width. */
  public boolean followsData() {
    return rule;
  }

  /** The fixed sigma, or the rule's gamma. */
  public double value() {
    return value;
  }

  /** The spec value of parameter {@code sigma}: the number, or {@value #SILVERMAN}. */
  public String specValue() {
    return rule ? SILVERMAN : EstimatorSpec.number(value);
  }

  /**
   * The width for one variable.
   *
   * @param totalVariance v, the sum of the columns' population variances over the rows used
   * @param rows N, the number of rows used
   * @param dimension d, the number of columns
   * @return sigma; for the rule and v = 0 (all rows equal, every distance 0, so any width gives the
   *     same Gram matrix) 1
   */
  public double sigma(double totalVariance, int rows, int dimension) {
    if (!rule) {
      return value;
    }
    if (!(totalVariance > 0)) {
      return 1;
    }
    return value * Math.sqrt(totalVariance) * Math.pow(rows, -1.0 / (4 + dimension));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KernelWidth other && rule == other.rule
        && Double.compare(value, other.value) == 0;
  }

  @Override
  public int hashCode() {
    return Boolean.hashCode(rule) * 31 + Double.hashCode(value);
  }

  @Override
  public String toString() {
    return rule ? SILVERMAN + "(gamma=" + EstimatorSpec.number(value) + ")" : specValue();
  }
}
