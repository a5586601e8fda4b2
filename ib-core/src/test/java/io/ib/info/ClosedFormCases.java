package io.ib.info;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

/**
 * Joint distributions of (X, T) and (T, Y) whose mutual information is known in closed form, drawn
 * with a seed, for the validation of estimators through {@link ArrayEstimates}.
 *
 * <ul>
 *   <li><b>Correlated Gaussians</b>: d independent pairs (x_j, t_j), each standard normal with
 *       correlation rho: I(X;T) = -(d/2) log2(1 - rho^2) bits.
 *   <li><b>Invertible maps</b>: I(f(X); g(T)) = I(X;T) for invertible (here strictly increasing,
 *       element-wise) f and g: the normal CDF Phi, asinh, the cube.
 *   <li><b>Multivariate Student-t</b> with nu degrees of freedom and the Gaussians' correlation
 *       matrix as its dispersion: (X, T) = Z / sqrt(W / nu), Z the Gaussian above and W ~ chi^2_nu
 *       shared by every coordinate. I = I_Gaussian + c(nu, d_x, d_t) with, in nats,
 *       c = h(d_x) + h(d_t) - h(d_x + d_t), h(k) the differential entropy of a standard
 *       k-dimensional Student-t (Arellano-Valle, Contreras-Reyes &amp; Genton 2013, Scand. J. Stat.
 *       40, eq. 7): h(k) = -lnGamma((nu + k)/2) + lnGamma(nu/2) + (k/2) ln(nu pi)
 *       + ((nu + k)/2) [psi((nu + k)/2) - psi(nu/2)]. The correction is what Czyz et al. (2023,
 *       "Beyond normal: on the evaluation of mutual information estimators", NeurIPS; the {@code bmi}
 *       package's {@code SplitStudentT}) compute; it is positive even for rho = 0, where X and T
 *       are uncorrelated but dependent through W.
 *   <li><b>Classes with overlapping uniform activations</b>: Y uniform on {0, 1}, T | Y ~ U[y/2,
 *       y/2 + 1): T determines Y outside [1/2, 1), where both classes are equally likely, so
 *       I(T;Y) = 1 - P(T in [1/2, 1)) = 1/2 bit. X is independent noise: I(X;T) = 0.
 * </ul>
 */
final class ClosedFormCases {
  private static final double LN2 = Math.log(2);

  private ClosedFormCases() {}

  /** One draw: inputs, activations, labels (null where the case has none). */
  record Draw(float[][] x, float[][] t, int[] labels) {}

  /** A distribution with its true I(X;T) and, where it has labels, I(T;Y), in bits. */
  interface Case {
    String name();

    double ixtBits();

    /** I(T;Y) in bits, NaN for a case without labels. */
    double ityBits();

    Draw draw(int n, long seed);

    /** The arrays of a draw, as a user passes them. */
    default ArrayEstimates arrays(int n, long seed) {
      Draw d = draw(n, seed);
      ArrayEstimates a = ArrayEstimates.of(d.t()).withInputs(d.x());
      return d.labels() == null ? a : a.withLabels(d.labels());
    }
  }

  /** d Gaussian pairs of correlation rho, the maps f on X and g on T, Student-t for nu > 0. */
  record Continuous(String name, int d, double rho, int nu, DoubleUnaryOperator f, DoubleUnaryOperator g)
      implements Case {
    @Override
    public String toString() {
      return name;
    }

    @Override
    public double ixtBits() {
      double gaussian = -0.5 * d * Math.log(1 - rho * rho);
      return (nu > 0 ? gaussian + studentCorrectionNats(nu, d, d) : gaussian) / LN2;
    }

    @Override
    public double ityBits() {
      return Double.NaN;
    }

    @Override
    public Draw draw(int n, long seed) {
      SplittableRandom rng = new SplittableRandom(seed);
      float[][] x = new float[n][d];
      float[][] t = new float[n][d];
      double noise = Math.sqrt(1 - rho * rho);
      for (int i = 0; i < n; i++) {
        double scale = 1;
        if (nu > 0) {
          double w = 0;
          for (int k = 0; k < nu; k++) {
            double z = rng.nextGaussian();
            w += z * z;
          }
          scale = Math.sqrt(nu / w);
        }
        for (int j = 0; j < d; j++) {
          double a = rng.nextGaussian();
          double b = rho * a + noise * rng.nextGaussian();
          x[i][j] = (float) f.applyAsDouble(a * scale);
          t[i][j] = (float) g.applyAsDouble(b * scale);
        }
      }
      return new Draw(x, t, null);
    }
  }

  /** Two classes with overlapping uniform activations and independent inputs. */
  record OverlappingClasses(String name) implements Case {
    @Override
    public String toString() {
      return name;
    }

    @Override
    public double ixtBits() {
      return 0;
    }

    @Override
    public double ityBits() {
      return 0.5;
    }

    @Override
    public Draw draw(int n, long seed) {
      SplittableRandom rng = new SplittableRandom(seed);
      float[][] x = new float[n][1];
      float[][] t = new float[n][1];
      int[] y = new int[n];
      for (int i = 0; i < n; i++) {
        y[i] = rng.nextInt(2);
        t[i][0] = (float) (y[i] / 2.0 + rng.nextDouble());
        x[i][0] = (float) rng.nextGaussian();
      }
      return new Draw(x, t, y);
    }
  }

  static final DoubleUnaryOperator IDENTITY = v -> v;
  static final DoubleUnaryOperator CUBE = v -> v * v * v;
  static final DoubleUnaryOperator ASINH = v -> Math.log(v + Math.sqrt(v * v + 1));
  static final DoubleUnaryOperator NORMAL_CDF = v -> 0.5 * erfc(-v / Math.sqrt(2));

  /** Every case, in the order of the tables in docs/estimators.md. */
  static List<Case> all() {
    return List.of(
        new Continuous("Gaussian, d = 1, rho = 0.9", 1, 0.9, 0, IDENTITY, IDENTITY),
        new Continuous("Gaussian, d = 2, rho = 0.6", 2, 0.6, 0, IDENTITY, IDENTITY),
        new Continuous("Gaussian, d = 5, rho = 0.6", 5, 0.6, 0, IDENTITY, IDENTITY),
        new Continuous("Gaussian, d = 5, rho = 0.3", 5, 0.3, 0, IDENTITY, IDENTITY),
        new Continuous("normal CDF of T, d = 1, rho = 0.9", 1, 0.9, 0, IDENTITY, NORMAL_CDF),
        new Continuous("normal CDF of X and T, d = 2, rho = 0.6", 2, 0.6, 0, NORMAL_CDF, NORMAL_CDF),
        new Continuous("asinh of X and T, d = 2, rho = 0.6", 2, 0.6, 0, ASINH, ASINH),
        new Continuous("cube of T, d = 1, rho = 0.9", 1, 0.9, 0, IDENTITY, CUBE),
        new Continuous("cube of T, d = 2, rho = 0.6", 2, 0.6, 0, IDENTITY, CUBE),
        new Continuous("Student-t, nu = 3, d = 1, rho = 0", 1, 0, 3, IDENTITY, IDENTITY),
        new Continuous("Student-t, nu = 3, d = 1, rho = 0.6", 1, 0.6, 3, IDENTITY, IDENTITY),
        new Continuous("Student-t, nu = 5, d = 2, rho = 0.6", 2, 0.6, 5, IDENTITY, IDENTITY),
        new OverlappingClasses("2 classes, T uniform given Y, half overlapping"));
  }

  /**
   * c(nu, m, n) = h(m) + h(n) - h(m + n) in nats, for integer nu (the ln(nu pi) terms cancel).
   */
  static double studentCorrectionNats(int nu, int m, int n) {
    return entropyWithoutLog(nu, m) + entropyWithoutLog(nu, n) - entropyWithoutLog(nu, m + n);
  }

  /** h(k) of a standard k-dimensional Student-t with nu dof, less its (k/2) ln(nu pi) term. */
  private static double entropyWithoutLog(int nu, int k) {
    return -lnGammaHalf(nu + k) + lnGammaHalf(nu) + (nu + k) / 2.0 * (psiHalf(nu + k) - psiHalf(nu));
  }

  /** ln Gamma(j / 2) for an integer j &ge; 1, exactly by Gamma(x + 1) = x Gamma(x). */
  static double lnGammaHalf(int j) {
    double value = j % 2 == 0 ? 0 : 0.5 * Math.log(Math.PI); // Gamma(1) = 1, Gamma(1/2) = sqrt(pi)
    for (int i = j % 2 == 0 ? 2 : 1; i + 2 <= j; i += 2) {
      value += Math.log(i / 2.0);
    }
    return value;
  }

  /** psi(j / 2) for an integer j &ge; 1, from psi(1) = -gamma, psi(1/2) = -gamma - 2 ln 2. */
  static double psiHalf(int j) {
    double euler = 0.57721566490153286061;
    double value = j % 2 == 0 ? -euler : -euler - 2 * Math.log(2);
    for (int i = j % 2 == 0 ? 2 : 1; i + 2 <= j; i += 2) {
      value += 2.0 / i;
    }
    return value;
  }

  /**
   * The complementary error function by the Chebyshev fit of Numerical Recipes (Press et al., 2nd
   * ed., section 6.2), fractional error below 1.2e-7: enough for values stored as float32.
   */
  static double erfc(double x) {
    double z = Math.abs(x);
    double t = 1 / (1 + 0.5 * z);
    double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196
        + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398
        + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
    return x >= 0 ? r : 2 - r;
  }
}
