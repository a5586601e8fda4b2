package io.ib.info.noise;

import io.ib.info.EstimatorSpec;
import io.ib.info.InformationEstimate;
import io.ib.info.LayerSample;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The Monte Carlo sums of the sample-propagation estimator: log-densities of Gaussian mixtures with
 * common covariance beta^2 I at points drawn from them, and the means and standard errors of the
 * entropy and information terms. See {@link SamplePropagationEstimator} for the formulas.
 *
 * <p>Cost: for n inputs, centres of dimension d and m samples per input, n * m points, each against
 * every centre of the marginal mixture (n of them on a first layer, n D on a deeper one with D
 * propagations per input; one squared distance and at most one exp per pair): O(n^2 m D d) time,
 * O(n D d) memory.
 */
final class GaussianMixtureSums {
  private GaussianMixtureSums() {}

  /** Means and standard errors, in nats, of the three per-point terms. */
  record Sums(double ht, double htSe, double ixt, double ixtSe, double ity, double itySe) {
    /** The value and the standard-error estimates, in bits, named by the two specs. */
    List<InformationEstimate> estimates(EstimatorSpec value, EstimatorSpec standardErrors,
        LayerSample sample) {
      double bits = 1 / Math.log(2);
      int n = sample.size();
      double hy = sample.labelEntropyBits();
      return List.of(new InformationEstimate(value, ixt * bits, ity * bits, ht * bits, n, hy),
          new InformationEstimate(standardErrors, ixtSe * bits, itySe * bits, htSe * bits, n, hy));
    }
  }

  /** log of each class's size (at least 1, so an empty class gives 0, never -infinity). */
  static double[] logClassSizes(int[] labels, int numClasses) {
    int[] classSize = new int[numClasses];
    for (int y : labels) {
      classSize[y]++;
    }
    double[] logClassSize = new double[numClasses];
    for (int c = 0; c < numClasses; c++) {
      logClassSize[c] = Math.log(Math.max(1, classSize[c]));
    }
    return logClassSize;
  }

  /**
   * Runs the sums.
   *
   * @param centres n x d row-major centres of draw 0, at which the Monte Carlo points are drawn
   * @param labels n class indices
   * @param conditional D arrays of n x d centres (draws 0..D-1, the first {@code centres}) of each
   *     input's conditional mixture, or null when T given X = x is the single Gaussian
   *     N(centre, beta^2 I); the marginal and class mixtures are over all n D of them
   * @param samples Monte Carlo points per centre, &ge; 2
   * @param seeds seed of each centre's noise draws
   */
  static Sums run(float[] centres, int n, int d, int[] labels, int numClasses, double beta,
      float[][] conditional, int samples, long[] seeds) {
    double inv2b2 = 1.0 / (2 * beta * beta);
    double logNorm = 0.5 * d * Math.log(2 * Math.PI * beta * beta); // -log of phi's peak
    float[][] draws = conditional == null ? new float[][] {centres} : conditional;
    int rows = n * draws.length; // the marginal mixture's centres: every draw of every input
    int[] mixtureLabels = new int[rows];
    double[][] byUnit = new double[d][rows];
    for (int k = 0; k < draws.length; k++) {
      for (int i = 0; i < n; i++) {
        mixtureLabels[k * n + i] = labels[i];
        for (int u = 0; u < d; u++) {
          byUnit[u][k * n + i] = draws[k][i * d + u];
        }
      }
    }
    double[] logClassSize = logClassSizes(mixtureLabels, numClasses);
    double logN = Math.log(rows);
    double[] q = new double[rows];
    ClassLogSums sums = new ClassLogSums(numClasses);
    double[] t = new double[d];
    Moments ht = new Moments(samples);
    Moments ixt = new Moments(samples);
    Moments ity = new Moments(samples);
    for (int i = 0; i < n; i++) {
      SplittableRandom rng = new SplittableRandom(seeds[i]);
      int y = labels[i];
      for (int j = 0; j < samples; j++) {
        double zz = 0;
        for (int u = 0; u < d; u++) {
          double z = beta * rng.nextGaussian();
          zz += z * z;
          t[u] = centres[i * d + u] + z;
        }
        // Unit by unit over contiguous centres: the loops the JIT turns into vector instructions.
        java.util.Arrays.fill(q, 0);
        for (int u = 0; u < d; u++) {
          double tu = t[u];
          double[] cu = byUnit[u];
          for (int k = 0; k < rows; k++) {
            double diff = tu - cu[k];
            q[k] += diff * diff;
          }
        }
        for (int k = 0; k < rows; k++) {
          q[k] = -q[k] * inv2b2;
        }
        double logP = sums.of(q, mixtureLabels, rows) - logN - logNorm;
        double logPy = sums.ofClass(y) - logClassSize[y] - logNorm;
        // log p(t | x_i): the Gaussian N(s_i, beta^2 I) on the first layer, else the mixture.
        double logPx = (conditional == null ? -zz * inv2b2
            : logConditional(t, conditional, i, d, inv2b2)) - logNorm;
        ht.add(-logP);
        ixt.add(logPx - logP);
        ity.add(logPy - logP);
      }
      ht.endStratum();
      ixt.endStratum();
      ity.endStratum();
    }
    return new Sums(ht.mean(), ht.standardError(), ixt.mean(), ixt.standardError(), ity.mean(),
        ity.standardError());
  }

  /** log (1/D) sum_k exp(-|t - c_k|^2 / (2 beta^2)) over input i's D propagated centres. */
  private static double logConditional(double[] t, float[][] conditional, int i, int d,
      double inv2b2) {
    int draws = conditional.length;
    double[] v = new double[draws];
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < draws; k++) {
      double dist = 0;
      for (int u = 0; u < d; u++) {
        double diff = t[u] - conditional[k][i * d + u];
        dist += diff * diff;
      }
      v[k] = -dist * inv2b2;
      max = Math.max(max, v[k]);
    }
    double sum = 0;
    for (int k = 0; k < draws; k++) {
      sum += Math.exp(v[k] - max);
    }
    return max + Math.log(sum) - Math.log(draws);
  }

  /**
   * Mean of stratified samples (the same number per stratum, one stratum per centre) and its Monte
   * Carlo standard error from the within-stratum variances: SE^2 = sum_i s_i^2 / (m n^2), s_i^2
   * the unbiased variance of stratum i's m values. That is the spread of the estimate over the
   * noise draws, with the centres held fixed.
   */
  static final class Moments {
    private final int perStratum;
    private double sum;
    private long count;
    private double stratumSum;
    private double stratumSumSq;
    private double withinVariances; // sum over strata of s_i^2
    private int strata;

    Moments(int perStratum) {
      this.perStratum = perStratum;
    }

    void add(double value) {
      sum += value;
      count++;
      stratumSum += value;
      stratumSumSq += value * value;
    }

    void endStratum() {
      double mean = stratumSum / perStratum;
      withinVariances += Math.max(0, (stratumSumSq - perStratum * mean * mean) / (perStratum - 1));
      strata++;
      stratumSum = 0;
      stratumSumSq = 0;
    }

    double mean() {
      return sum / count;
    }

    double standardError() {
      return Math.sqrt(withinVariances / perStratum) / strata;
    }
  }
}
