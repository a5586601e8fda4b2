package io.ib.report;

import java.math.BigDecimal;
import java.math.MathContext;
import org.knowm.xchart.XYChart;

/**
 * The range of a linear plot axis, as XChart gets it: every axis of the report is set explicitly
 * from one of these, never left to XChart's autoscaling of the data.
 *
 * <p>XChart 4.0.3 computes ticks in a loop that widens the tick spacing until the tick labels are
 * distinct and fit side by side; it never ends on an infinite or NaN end, nor when the labels cannot
 * become distinct or short enough (a diverged run with values about 1e21, labelled in plain
 * notation, or a range too narrow for its magnitude). So a range here is finite, within
 * ±{@link #LIMIT}, at least {@link #RELATIVE_WIDTH} times its largest end wide (and at least
 * {@link #MIN_WIDTH}), and {@link #applyX}/{@link #applyY} label its ticks with {@link #label}: as
 * many significant digits as the range needs to tell ticks apart, in scientific notation for large
 * and small magnitudes. XChart then stops at a few ticks per panel.
 *
 * @param min the lower end
 * @param max the upper end, {@code max > min}
 */
record AxisRange(double min, double max) {
  /** Largest magnitude of an end; values beyond are off the axis. */
  static final double LIMIT = 1e300;
  /** Narrowest range relative to the magnitude of its ends. */
  static final double RELATIVE_WIDTH = 1e-3;
  /** Narrowest range. */
  static final double MIN_WIDTH = 1e-12;
  /** Room left between the data and a free end of the axis, as a fraction of the range. */
  static final double PAD = 0.06;

  AxisRange {
    if (!(Double.isFinite(min) && Double.isFinite(max) && max > min)) {
      throw new IllegalArgumentException("axis range [" + min + ", " + max + "] is not finite and"
          + " increasing");
    }
  }

  /**
   * The finite values a panel shows, growing as they are added; values that are not finite are
   * ignored (the caller says in a note what it left out).
   */
  static final class Extent {
    private double lo = Double.POSITIVE_INFINITY;
    private double hi = Double.NEGATIVE_INFINITY;

    /** Adds a value. */
    Extent add(double v) {
      if (Double.isFinite(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      return this;
    }

    /** Adds mean - spread and mean + spread (the mean alone when the spread is not finite). */
    Extent add(double mean, double spread) {
      if (Double.isFinite(spread)) {
        return add(mean - spread).add(mean + spread);
      }
      return add(mean);
    }

    boolean isEmpty() {
      return lo > hi;
    }
  }

  /**
   * From 0, or the extent's minimum when that is negative, to the extent's maximum, with
   * {@link #PAD} of room beyond each end other than 0; [0, 1] for an empty extent or one that is
   * all 0.
   */
  static AxisRange fromZero(Extent e) {
    double lo = e.isEmpty() ? 0 : Math.min(0, e.lo);
    double hi = e.isEmpty() ? 0 : Math.max(0, e.hi);
    if (lo == hi) {
      return new AxisRange(0, 1);
    }
    double pad = PAD * (clamp(hi) - clamp(lo));
    return of(lo < 0 ? lo - pad : 0, hi > 0 ? hi + pad : 0);
  }

  /**
   * The extent with {@link #PAD} of room at both ends, widened about its centre to at least
   * {@code minWidth}, and moved inside [floor, ceiling] (for quantities with natural bounds, such as
   * an accuracy in [0, 1]); the whole of [floor, ceiling] for an empty extent.
   *
   * @param minWidth the narrowest range shown, so that small differences do not fill the panel
   */
  static AxisRange around(Extent e, double minWidth, double floor, double ceiling) {
    if (e.isEmpty()) {
      return of(floor, ceiling);
    }
    double lo = Math.max(floor, e.lo);
    double hi = Math.min(ceiling, e.hi);
    if (lo > hi) {
      lo = hi = Math.max(floor, Math.min(ceiling, e.lo));
    }
    double pad = PAD * (hi - lo);
    lo -= pad;
    hi += pad;
    if (hi - lo < minWidth) {
      double centre = lo / 2 + hi / 2;
      lo = centre - minWidth / 2;
      hi = centre + minWidth / 2;
    }
    // Shift, do not shrink, a range that sticks out of [floor, ceiling].
    if (lo < floor) {
      hi = Math.min(ceiling, hi + (floor - lo));
      lo = floor;
    }
    if (hi > ceiling) {
      lo = Math.max(floor, lo - (hi - ceiling));
      hi = ceiling;
    }
    return of(lo, hi);
  }

  /**
   * [lo, hi] made usable: ends beyond ±{@link #LIMIT} (or not finite) clamped, and a range narrower
   * than {@link #RELATIVE_WIDTH} of its magnitude (or {@link #MIN_WIDTH}) widened about its centre.
   * NaN ends give [0, 1].
   */
  static AxisRange of(double lo, double hi) {
    if (Double.isNaN(lo) || Double.isNaN(hi)) {
      return new AxisRange(0, 1);
    }
    double a = clamp(Math.min(lo, hi));
    double b = clamp(Math.max(lo, hi));
    lo = a;
    hi = b;
    double minWidth = Math.max(MIN_WIDTH, RELATIVE_WIDTH * Math.max(Math.abs(lo), Math.abs(hi)));
    if (hi - lo < minWidth) {
      double centre = lo / 2 + hi / 2;
      lo = centre - minWidth / 2;
      hi = centre + minWidth / 2;
    }
    return new AxisRange(lo, hi);
  }

  /** Sets this range, and tick labels for it, on the chart's (linear) x axis. */
  void applyX(XYChart chart) {
    chart.getStyler().setXAxisMin(min);
    chart.getStyler().setXAxisMax(max);
    chart.getStyler().setXAxisTickLabelsFormattingFunction(this::label);
  }

  /** Sets this range, and tick labels for it, on the chart's (linear) y axis. */
  void applyY(XYChart chart) {
    chart.getStyler().setYAxisMin(min);
    chart.getStyler().setYAxisMax(max);
    chart.getStyler().setYAxisTickLabelsFormattingFunction(this::label);
  }

  /**
   * A tick label on this range: 0 for values within a billionth of the range of 0; otherwise the
   * value to {@link #digits()} significant digits without trailing zeros, in plain notation for
   * magnitudes in [1e-4, 1e6) and as {@code 1.5e21} outside; a blank for a value that is not finite.
   */
  String label(Double v) {
    if (v == null || !Double.isFinite(v)) {
      return " ";
    }
    if (Math.abs(v) < 1e-9 * (max - min)) {
      return "0";
    }
    BigDecimal b = new BigDecimal(v).round(new MathContext(digits())).stripTrailingZeros();
    double a = Math.abs(v);
    if (a >= 1e-4 && a < 1e6) {
      return b.toPlainString();
    }
    String d = b.unscaledValue().abs().toString();
    int exponent = d.length() - 1 - b.scale();
    return (v < 0 ? "-" : "") + d.charAt(0) + (d.length() > 1 ? "." + d.substring(1) : "") + "e"
        + exponent;
  }

  /**
   * Significant digits that tell ticks of this range apart: XChart puts ticks at least about a
   * sixtieth of the range apart, and log10(magnitude / range) + 3 digits resolve a hundredth of it;
   * 4 at least, 6 at most (by the {@link #RELATIVE_WIDTH}).
   */
  int digits() {
    double magnitude = Math.max(Math.abs(min), Math.abs(max));
    return Math.max(4, (int) Math.ceil(Math.log10(magnitude / (max - min))) + 3);
  }

  private static double clamp(double v) {
    return Math.max(-LIMIT, Math.min(LIMIT, v));
  }
}
