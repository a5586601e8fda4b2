package io.ib.bench.harness;

import io.ib.bench.common.Stats;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** Numbers as the benchmark report writes them; figures over repetitions are "median [min .. max]". */
final class Format {
  private Format() {}

  /** {@link String#format} in the root locale. */
  static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }

  /** Three significant figures or so: 0 decimals from 100, 1 from 10, else 2; NaN as "-". */
  static String num(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    double a = Math.abs(v);
    return a >= 100 ? f("%.0f", v) : a >= 10 ? f("%.1f", v) : f("%.2f", v);
  }

  /** A figure over repetitions: median [min .. max], each as {@link #num}. */
  static String mmm(List<SweepRun> r, ToDoubleFunction<SweepRun> f) {
    double[] v = r.stream().mapToDouble(f).toArray();
    return f("%s [%s .. %s]", num(Stats.median(v)), num(Stats.min(v)), num(Stats.max(v)));
  }

  /** Fractions as percentages: median% [min .. max]. */
  static String pct(double[] v) {
    return f("%.0f%% [%.0f .. %.0f]", 100 * Stats.median(v), 100 * Stats.min(v), 100 * Stats.max(v));
  }

  /** Each wall time as a multiple of {@code limit}: median [min .. max]. */
  static String multiples(double[] walls, double limit) {
    double[] m = Arrays.stream(walls).map(w -> w / limit).toArray();
    return f("%.2f [%.2f .. %.2f]", Stats.median(m), Stats.min(m), Stats.max(m));
  }

  /** At most {@code n} characters, a cut marked with "~". */
  static String trim(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 1) + "~";
  }
}
