package io.ib.report;

import java.util.Collection;
import java.util.Locale;

/**
 * Mean and spread of one quantity over seeds.
 *
 * <p>mean = (1/m) sum v_i; sd = sqrt(sum (v_i - mean)^2 / (m - 1)), the sample standard deviation,
 * 0 for m = 1 (no spread can be estimated from one seed: {@link #count} says so). Values that are
 * not finite (NaN, an empty field of the CSV, or ±infinity, e.g. from a diverged run) are left out
 * and counted in {@link #leftOut}; with no values left, mean and sd are NaN and count is 0. Both are
 * finite whenever a value is left: the sums are rescaled where they would overflow, so that huge
 * values (about 1e300) still have a mean and a spread.
 *
 * @param mean the mean over the finite values
 * @param sd the sample standard deviation (m - 1 in the denominator), 0 for one value
 * @param count number of finite values (seeds)
 * @param leftOut number of values left out because they are not finite
 */
record Stat(double mean, double sd, int count, int leftOut) {
  /** The statistics of the finite values. */
  static Stat of(Collection<Double> values) {
    double sum = 0;
    int m = 0;
    for (double v : values) {
      if (Double.isFinite(v)) {
        sum += v;
        m++;
      }
    }
    int leftOut = values.size() - m;
    if (m == 0) {
      return new Stat(Double.NaN, Double.NaN, 0, leftOut);
    }
    double mean = sum / m;
    if (!Double.isFinite(mean)) {
      // The sum overflowed: sum v_i / m instead, each term at most the largest value.
      mean = 0;
      for (double v : values) {
        if (Double.isFinite(v)) {
          mean += v / m;
        }
      }
    }
    if (m == 1) {
      return new Stat(mean, 0, 1, leftOut);
    }
    // sd = s sqrt(sum ((v_i - mean) / s)^2 / (m - 1)) with s = max |v_i - mean|: the same value,
    // without squaring numbers above 1e154.
    double s = 0;
    for (double v : values) {
      if (Double.isFinite(v)) {
        s = Math.max(s, Math.abs(v - mean));
      }
    }
    if (s == 0) {
      return new Stat(mean, 0, m, leftOut);
    }
    double ss = 0;
    for (double v : values) {
      if (Double.isFinite(v)) {
        ss += ((v - mean) / s) * ((v - mean) / s);
      }
    }
    return new Stat(mean, s * Math.sqrt(ss / (m - 1)), m, leftOut);
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
