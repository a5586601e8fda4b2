package io.ib.info.noise;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The Monte Carlo sums of the Gaussian-dropout estimator: log-densities of the mixture of the n
 * Gaussians N(s_k, diag(sigma_k^2)), sigma_ku = beta max(|s_ku|, floor), at m points drawn from
 * each component, and the means and standard errors of the entropy and information terms. See
 * {@link GaussianDropoutEstimator} for the formulas.
 *
 * <p>Cost: n m points, each against the n centres (one weighted squared distance per unit and
 * pair, at most one exp per pair): O(n^2 m d) time, O(n d) memory.
 */
final class DropoutMixtureSums {
  private DropoutMixtureSums() {}

  /**
   * Runs the sums.
   *
   * @param centres n x d row-major noiseless values s_i
   * @param labels n class indices
   * @param beta the factor's standard deviation, sqrt(alpha)
   * @param floor the least |s| a scale is taken at
   * @param samples Monte Carlo points per centre, &ge; 2
   * @param seeds seed of each centre's draws
   */
  static GaussianMixtureSums.Sums run(float[] centres, int n, int d, int[] labels, int numClasses,
      double beta, double floor, int samples, long[] seeds) {
    double[][] byUnit = new double[d][n];
    double[][] invVar = new double[d][n]; // 1 / sigma_ku^2
    double[] logSigma = new double[n]; // sum_u log sigma_ku
    for (int k = 0; k < n; k++) {
      for (int u = 0; u < d; u++) {
        double s = centres[k * d + u];
        double sigma = sigma(s, beta, floor);
        byUnit[u][k] = s;
        invVar[u][k] = 1 / (sigma * sigma);
        logSigma[k] += Math.log(sigma);
      }
    }
    double[] logClassSize = GaussianMixtureSums.logClassSizes(labels, numClasses);
    double logN = Math.log(n);
    double[] q = new double[n];
    ClassLogSums sums = new ClassLogSums(numClasses);
    double[] t = new double[d];
    GaussianMixtureSums.Moments ht = new GaussianMixtureSums.Moments(samples);
    GaussianMixtureSums.Moments ixt = new GaussianMixtureSums.Moments(samples);
    GaussianMixtureSums.Moments ity = new GaussianMixtureSums.Moments(samples);
    // The (d/2) log(2 pi) of every component cancels in the information terms; h(T) adds it.
    double halfLog2Pi = 0.5 * d * Math.log(2 * Math.PI);
    for (int i = 0; i < n; i++) {
      SplittableRandom rng = new SplittableRandom(seeds[i]);
      int y = labels[i];
      for (int j = 0; j < samples; j++) {
        double zz = 0;
        for (int u = 0; u < d; u++) {
          double z = rng.nextGaussian();
          zz += z * z;
          double s = centres[i * d + u];
          t[u] = s + sigma(s, beta, floor) * z;
        }
        Arrays.fill(q, 0);
        for (int u = 0; u < d; u++) {
          double tu = t[u];
          double[] cu = byUnit[u];
          double[] wu = invVar[u];
          for (int k = 0; k < n; k++) {
            double diff = tu - cu[k];
            q[k] += diff * diff * wu[k];
          }
        }
        for (int k = 0; k < n; k++) {
          q[k] = -0.5 * q[k] - logSigma[k];
        }
        double logP = sums.of(q, labels, n) - logN;
        double logPy = sums.ofClass(y) - logClassSize[y];
        double logPx = -0.5 * zz - logSigma[i]; // log N(t; s_i, diag(sigma_i^2)), same constant
        ht.add(halfLog2Pi - logP);
        ixt.add(logPx - logP);
        ity.add(logPy - logP);
      }
      ht.endStratum();
      ixt.endStratum();
      ity.endStratum();
    }
    return new GaussianMixtureSums.Sums(ht.mean(), ht.standardError(), ixt.mean(),
        ixt.standardError(), ity.mean(), ity.standardError());
  }

  /** The standard deviation of T given S = s: beta max(|s|, floor). */
  static double sigma(double s, double beta, double floor) {
    return beta * Math.max(Math.abs(s), floor);
  }
}
