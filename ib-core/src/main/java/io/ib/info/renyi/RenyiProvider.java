package io.ib.info.renyi;

import io.ib.info.EstimatorProvider;
import io.ib.info.EstimatorSpec;
import io.ib.info.Estimators;
import io.ib.info.MutualInformationEstimator;
import java.util.List;

/**
 * Builds the matrix-based Renyi estimator, {@link RenyiEstimator}: {@code renyi} is
 * {@code renyi:alpha=1.01,sigma=silverman,gamma=0.8,n=1000}. Parameters:
 * <ul>
 *   <li>{@code alpha=A}: the order, a finite number &ge; 1 (1 gives the von Neumann form);
 *   <li>{@code sigma=S}: a fixed Gaussian kernel width for T and X, or {@code sigma=silverman}
 *       (the default) for the data-following rule of {@link KernelWidth}, with
 *       {@code gamma=G} (only with {@code silverman}; default {@value KernelWidth#DEFAULT_GAMMA});
 *   <li>{@code n=N}: the most rows used (default {@value RenyiEstimator#DEFAULT_ROWS}, at most
 *       {@value RenyiEstimator#MAX_ROWS}), a fixed random subsample when the sample has more.
 * </ul>
 * The spec written into results names every parameter, in the order alpha, sigma, gamma, n, with
 * numbers in canonical form ({@link EstimatorSpec#number}): {@code alpha=1.010} is
 * {@code alpha=1.01}.
 */
public final class RenyiProvider implements EstimatorProvider {
  /** The provider, as {@link java.util.ServiceLoader} makes it. */
  public RenyiProvider() {}

  @Override
  public String name() {
    return "renyi";
  }

  @Override
  public String usage() {
    return "renyi[:alpha=A,sigma=S|silverman,gamma=G,n=N] (matrix-based Renyi alpha-entropy of"
        + " Gaussian Gram matrices, Giraldo et al. 2015 / Yu et al. 2021, whole layer; labels by"
        + " the kernel 1[y=y']; sigma fixed or gamma * sqrt(total variance) * N^(-1/(4+d)); default"
        + " alpha " + EstimatorSpec.number(RenyiEstimator.DEFAULT_ALPHA) + ", sigma silverman, gamma "
        + EstimatorSpec.number(KernelWidth.DEFAULT_GAMMA) + ", N = " + RenyiEstimator.DEFAULT_ROWS
        + " rows, a fixed random subsample of larger samples; cost O(N^3))";
  }

  @Override
  public MutualInformationEstimator create(EstimatorSpec spec) {
    Estimators.requireKnownParameters(spec, List.of("alpha", "sigma", "gamma", "n"));
    double alpha = spec.get("alpha").isPresent() ? Estimators.number(spec, "alpha")
        : RenyiEstimator.DEFAULT_ALPHA;
    String sigma = spec.get("sigma").orElse(KernelWidth.SILVERMAN);
    KernelWidth width;
    if (sigma.equals(KernelWidth.SILVERMAN)) {
      width = KernelWidth.silverman(spec.get("gamma").isPresent()
          ? Estimators.number(spec, "gamma") : KernelWidth.DEFAULT_GAMMA);
    } else {
      if (spec.get("gamma").isPresent()) {
        throw new IllegalArgumentException("parameter gamma of estimator renyi belongs to"
            + " sigma=silverman; with a fixed sigma=" + sigma + " leave it out");
      }
      width = KernelWidth.fixed(Estimators.finiteNumber(sigma, "parameter sigma of estimator renyi"
          + " (a positive number or silverman)"));
    }
    int n = Estimators.integer(spec, "n", RenyiEstimator.DEFAULT_ROWS, 1, RenyiEstimator.MAX_ROWS);
    return RenyiEstimator.of(alpha, width, n);
  }
}
