package io.ib.info.noise;

import java.util.Arrays;

/**
 * The log-sum-exp of a mixture's log terms, over all of them and over each class's, for the Monte
 * Carlo points of {@link GaussianMixtureSums} and {@link DropoutMixtureSums}: each class's sum is
 * taken relative to its largest term, and the total from the class sums, so that no exp overflows
 * and the class sums are the total's parts.
 */
final class ClassLogSums {
  private final double[] classMax;
  private final double[] classSum;

  ClassLogSums(int numClasses) {
    classMax = new double[numClasses];
    classSum = new double[numClasses];
  }

  /**
   * log sum_k exp(q[k]) over k in [0, rows), the terms of class labels[k]; afterwards
   * {@link #ofClass} gives each class's.
   */
  double of(double[] q, int[] labels, int rows) {
    Arrays.fill(classMax, Double.NEGATIVE_INFINITY);
    Arrays.fill(classSum, 0);
    for (int k = 0; k < rows; k++) {
      int c = labels[k];
      if (q[k] > classMax[c]) {
        classMax[c] = q[k];
      }
    }
    for (int k = 0; k < rows; k++) {
      int c = labels[k];
      double v = q[k] - classMax[c];
      // Terms below e^-50 add less than n e^-50 < 1e-16 relative to the sum (at least 1 from its
      // largest term): below double rounding, and far centres are most of them.
      if (v > -50) {
        classSum[c] += Math.exp(v);
      }
    }
    double max = Double.NEGATIVE_INFINITY;
    for (double m : classMax) {
      max = Math.max(max, m);
    }
    double total = 0;
    for (int c = 0; c < classMax.length; c++) {
      if (classSum[c] > 0) {
        total += classSum[c] * Math.exp(classMax[c] - max);
      }
    }
    return max + Math.log(total);
  }

  /** log sum_{k of class c} exp(q[k]) of the last {@link #of}. */
  double ofClass(int c) {
    return classMax[c] + Math.log(classSum[c]);
  }
}
