package io.ib.report;

import io.ib.info.EstimatorSpec;
import java.util.Locale;

/** Shortest plain text of a number (0.5, 2, 470), for labels and captions. */
final class Num {
  private Num() {}

  static String of(double v) {
    if (!Double.isFinite(v)) {
      return String.valueOf(v);
    }
    if (Math.abs(v - Math.rint(v)) < 1e-9 && Math.abs(v) < 1e15) {
      return Long.toString((long) Math.rint(v));
    }
    return EstimatorSpec.number(Double.parseDouble(String.format(Locale.ROOT, "%.6g", v)));
  }
}
