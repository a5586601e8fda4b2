package io.ib.report;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.XYStyler;

/**
 * The axes figures share: logarithmic step axes (step 0 drawn at {@link #STEP_ZERO_AT} and labelled
 * "0"), logarithmic width axes labelled at the widths, and the fixed range of accuracy against step.
 */
final class PlotAxes {
  /** Where step 0 is drawn on logarithmic step axes. */
  static final double STEP_ZERO_AT = 0.5;
  /** The range of the accuracy axes against training step. */
  static final AxisRange ACCURACY = new AxisRange(0, 1);

  private PlotAxes() {}

  static String stepAxisTitle() {
    return "training step (log scale; 0 drawn at 0.5)";
  }

  /** Where a step is drawn on a step axis. */
  static double stepX(int step) {
    return step == 0 ? STEP_ZERO_AT : step;
  }

  /** The right end of a step axis whose last step is {@code maxStep}. */
  static double maxX(int maxStep) {
    return Math.max(10, maxStep) * 1.4;
  }

  static void stepAxis(XYChart chart, int maxStep) {
    XYStyler st = chart.getStyler();
    st.setXAxisLogarithmic(true);
    st.setXAxisLogarithmicDecadeOnly(false);
    st.setXAxisMin(STEP_ZERO_AT * 0.8);
    st.setXAxisMax(maxX(maxStep));
    st.setXAxisTickLabelsFormattingFunction(logLabels(Set.of(), true));
  }

  static void widthAxis(XYChart chart, List<Integer> widths) {
    XYStyler st = chart.getStyler();
    st.setXAxisLogarithmic(true);
    st.setXAxisLogarithmicDecadeOnly(false);
    Set<Double> labelled = new LinkedHashSet<>();
    widths.forEach(w -> labelled.add((double) w));
    st.setXAxisTickLabelsFormattingFunction(logLabels(labelled, false));
    if (!widths.isEmpty()) {
      st.setXAxisMin(widths.get(0) / 1.3);
      st.setXAxisMax(widths.get(widths.size() - 1) * 1.3);
    }
  }

  /**
   * Tick labels for a logarithmic axis: powers of ten and the given values are labelled, other ticks
   * left blank; with {@code stepZero}, the tick at {@link #STEP_ZERO_AT} reads "0".
   */
  static Function<Double, String> logLabels(Set<Double> labelled, boolean stepZero) {
    return v -> {
      if (stepZero && Math.abs(v - STEP_ZERO_AT) < 1e-9) {
        return "0";
      }
      for (double l : labelled) {
        if (Math.abs(v - l) <= 1e-9 * Math.max(1, Math.abs(l))) {
          return Num.of(v);
        }
      }
      double lg = Math.log10(v);
      if (Math.abs(lg - Math.rint(lg)) < 1e-9 && (!stepZero || v >= 1)) {
        return Num.of(Math.pow(10, Math.rint(lg)));
      }
      return " ";
    };
  }
}
