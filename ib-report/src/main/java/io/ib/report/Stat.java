package io.ib.report;

import java.util.Collection;
import java.util.Locale;

/**
 * Mean and spread of one quantity over seeds.
 *
 * <p>mean = (1/m) sum v_i; sd = sqrt(sum (v_i - mean)^2 / (m - 1)), the sample standard deviation,
 * 0 for m = 1 (no spread can be estimated from one seed: {@link #count} says so). NaN values are
 * left out; with no values left, mean and sd are NaN and count is 0.
 *
 * @param mean the mean over the values
 * @param sd the sample standard deviation (m - 1 in the denominator), 0 for one value
 * @param count number of non-NaN values (seeds)
 */
record Stat(double mean, double sd, int count) {
  /** The statistics of the non-NaN values. */
  static Stat of(Collection<Double> values) {
    double sum = 0;
    int m = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        sum += v;
        m++;
      }
    }
    if (m == 0) {
      return new Stat(Double.NaN, Double.NaN, 0);
    }
    double mean = sum / m;
    if (m == 1) {
      return new Stat(mean, 0, 1);
    }
    double ss = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        ss += (v - mean) * (v - mean);
      }
    }
    return new Stat(mean, Math.sqrt(ss / (m - 1)), m);
  }

  /** Whether there is a value. */
  boolean present() {
    return count > 0;
  }

  /** "mean ± sd" with the given decimals; the mean alone for one value; an en dash for none. */
  String format(int decimals) {
    if (count == 0) {
      return "\u2013";
    }
    String f = "%." + decimals + "f";
    if (count == 1) {
      return String.format(Locale.ROOT, f, mean);
    }
    return String.format(Locale.ROOT, f + " \u00b1 " + f, mean, sd);
  }
}
