package io.ib.report;

import io.ib.report.Figure.ColourBar;
import io.ib.report.Figure.Colormap;
import io.ib.report.Figure.Glyph;
import io.ib.report.Figure.LegendItem;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Builds the report's figures from a run. Every figure says its units, its estimator with parameters,
 * and how spread over seeds is shown.
 *
 * <p>Conventions: step axes are logarithmic, with step 0 drawn at step 0.5 and labelled "0";
 * spread is ±1 sample standard deviation over seeds; ceilings (log2 n for I(X;T), H(Y) for I(T;Y))
 * are dashed grey lines, and information axes reach them. Every linear axis is set from an
 * {@link AxisRange}, never left to XChart; points without a finite value are not drawn, and each
 * figure says how many values it left out.
 */
final class Plots {
  /** Categorical colours (Okabe and Ito), without the yellow, which is unreadable on white. */
  static final Color[] PALETTE = {new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73),
      new Color(0xD55E00), new Color(0xCC79A7), new Color(0x56B4E9), new Color(0x000000),
      new Color(0x8C6D1F)};
  /** Training progress: viridis, dark purple (step 0) to yellow (last step). */
  static final Colormap PROGRESS = new Colormap(new Color(0x440154), new Color(0x482878),
      new Color(0x3E4A89), new Color(0x31688E), new Color(0x26828E), new Color(0x1F9E89),
      new Color(0x35B779), new Color(0x6DCD59), new Color(0xB4DE2C), new Color(0xFDE725));
  /** The range of the accuracy axes against training step. */
  private static final AxisRange ACCURACY = new AxisRange(0, 1);
  /**
   * The narrowest span of the final-accuracy axis: zoomed to the data, 0.7 accuracy points between
   * widths would look like a full-height rise.
   */
  static final double MIN_ACCURACY_SPAN = 0.05;
  /** Where step 0 is drawn on logarithmic step axes. */
  static final double STEP_ZERO_AT = 0.5;

  private static final Color CEILING = new Color(0x888888);
  private static final BasicStroke DASHED = new BasicStroke(1.6f, BasicStroke.CAP_BUTT,
      BasicStroke.JOIN_MITER, 10f, new float[] {7f, 5f}, 0f);

  private final RunData run;
  private final Aggregates agg;
  private final List<String> partialNote;

  /**
   * A figure with what the report says about it.
   *
   * @param kind what sort of plot
   * @param stem file name without extension
   * @param title the figure title
   * @param caption what the plot shows, for the HTML report
   * @param figure the drawing
   */
  record Built(io.ib.report.PlotFile.Kind kind, String stem, String title, String caption,
      Figure figure) {}

  Plots(RunData run, Aggregates agg) {
    this.run = run;
    this.agg = agg;
    this.partialNote = run.partial() ? List.of("Partial run (status " + run.status()
        + "): only the measurements written so far are shown.") : List.of();
  }

  /** Every figure of the run, in report order; empty when nothing was measured. */
  List<Built> all() {
    List<Built> result = new ArrayList<>();
    Set<String> taken = new HashSet<>();
    if (!run.estimators().isEmpty()) {
      for (String estimator : run.estimators()) {
        result.add(informationPlane(estimator, Specs.uniqueStem("infoplane-", estimator, taken)));
      }
    }
    if (!run.rows().isEmpty()) {
      for (int width : run.measuredWidths()) {
        result.add(progress(width, Specs.uniqueStem("progress-", "k" + width, taken)));
      }
      result.add(capacity(Specs.uniqueStem("", "capacity", taken)));
    }
    for (Specs.Family family : Specs.families(run.estimators())) {
      result.add(resolution(family, Specs.uniqueStem("resolution-", family.name() + "-"
          + family.parameter() + (family.fixed().isEmpty() ? "" : "-" + family.fixed()), taken)));
    }
    return result;
  }

  // ---------------------------------------------------------------- information plane

  Built informationPlane(String estimator, String stem) {
    List<String> layers = run.layers();
    List<Integer> widths = new ArrayList<>(run.measuredWidths());
    int seeds = run.measuredSeeds();
    int maxStep = agg.maxStep();
    Figure fig = new Figure("Information plane \u2014 " + estimator, Math.min(3, layers.size()), 600, 480);
    double[] anyCeil = agg.ceilings(estimator, null);
    LeftOut leftOut = new LeftOut();
    boolean barsThinned = false;
    for (String layer : layers) {
      double[] ceil = agg.ceilings(estimator, layer);
      XYChart chart = panel(run.layerLabel(layer), "I(X;T) [bits]", "I(T;Y) [bits]", 600, 480);
      Overlay overlay = new Overlay(10);
      AxisRange.Extent xs = new AxisRange.Extent();
      AxisRange.Extent ys = new AxisRange.Extent();
      for (int i = 0; i < widths.size(); i++) {
        List<Aggregates.Point> points = new ArrayList<>();
        for (Aggregates.Point p : agg.trajectory(estimator, layer, widths.get(i))) {
          leftOut.add(p.ixt());
          leftOut.add(p.ity());
          if (drawable(p.ixt()) && drawable(p.ity())) {
            points.add(p);
          }
        }
        // Bars on hundreds of points merge into a mesh that hides the trajectory and its colours.
        int barStride = barStride(points.size());
        if (points.size() > DENSE_POINTS) {
          overlay.dense();
        }
        barsThinned |= barStride > 1;
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (int j = 0; j < points.size(); j++) {
          Aggregates.Point p = points.get(j);
          boolean bars = j % barStride == 0 || j == points.size() - 1;
          double xErr = bars ? spread(p.ixt()) : 0;
          double yErr = bars ? spread(p.ity()) : 0;
          x.add(p.ixt().mean());
          y.add(p.ity().mean());
          overlay.add(new Overlay.Mark(p.ixt().mean(), p.ity().mean(), xErr, yErr,
              Glyph.nth(i), PROGRESS.colour(progress(p.step(), maxStep)), colour(i)));
          xs.add(p.ixt().mean(), xErr);
          ys.add(p.ity().mean(), yErr);
        }
        if (x.isEmpty()) {
          continue;
        }
        XYSeries s = chart.addSeries("k = " + widths.get(i), unbox(x), unbox(y));
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(colour(i));
        s.setLineWidth(2f);
      }
      // The axes reach the ceilings whatever the data: zoomed in on the data, a defective estimator's
      // thousandths of a bit would look like structure.
      xs.add(ceil[0]);
      ys.add(ceil[1]);
      AxisRange xr = AxisRange.fromZero(xs);
      AxisRange yr = AxisRange.fromZero(ys);
      if (Double.isFinite(ceil[0])) {
        ceilingLine(chart, "log2 n", new double[] {ceil[0], ceil[0]}, new double[] {yr.min(), yr.max()});
      }
      if (Double.isFinite(ceil[1])) {
        ceilingLine(chart, "H(Y)", new double[] {xr.min(), xr.max()}, new double[] {ceil[1], ceil[1]});
      }
      ensureSeries(chart);
      xr.applyX(chart);
      yr.applyY(chart);
      chart.addAnnotation(overlay);
      fig.panel(chart);
    }
    for (int i = 0; i < widths.size(); i++) {
      fig.legend(new LegendItem("k = " + widths.get(i), colour(i), Glyph.nth(i), Color.WHITE, true, false));
    }
    fig.legend(LegendItem.dashed(String.format(Locale.ROOT,
        "ceilings: log2 n = %.2f bits, H(Y) = %.2f bits", anyCeil[0], anyCeil[1]), CEILING));
    fig.legend(LegendItem.text("points: " + spreadLegend(seeds)
        + (seeds > 1 && barsThinned ? " (at most " + MAX_BARS + " per line)" : "")));
    fig.colourBar(progressBar(maxStep));
    fig.note(Specs.describe(estimator) + ". Marker fill: training step (colour bar, log scale);"
        + " each line is one bottleneck width k, from step 0 to the last step.");
    String range = Specs.fixedRange(estimator);
    boolean clips = range != null && run.unboundedActivation();
    if (clips) {
      fig.note("Values beyond " + range + " share the edge bins: with " + run.activation()
          + " layers a fall of I(X;T) here can be clipping, not compression (see the report).");
    }
    leftOut.note(fig);
    partialNote.forEach(fig::note);
    String caption = "Information plane of " + estimator + " (" + Specs.describe(estimator) + "): "
        + "I(X;T) against I(T;Y) in bits, one panel per layer" + (layers.size() > 1
            ? " (" + String.join(", ", layers.stream().map(run::layerLabel).toList()) + ")" : "")
        + ", one trajectory per bottleneck width k (line colour and marker shape); the marker fill shows"
        + " the training step on a log scale, from dark purple (step 0) to yellow (last step). "
        + spreadCaption(seeds)
        + (seeds > 1 && barsThinned ? "On long trajectories only every few points carry bars (at most "
            + MAX_BARS + " per line, the last point always). " : "")
        + "Dashed lines: the ceilings log2 n (I(X;T)) and H(Y) (I(T;Y)); both axes start at 0 (or"
        + " below, for negative values) and reach at least the ceilings. Points stuck at both ceilings"
        + " mean the resolution is too fine to tell the networks apart."
        + (clips ? " The hidden layers are " + run.activation() + ", unbounded, and this estimator"
            + " bins over " + range + ": values beyond it share the edge bins, so a fall of I(X;T)"
            + " can be clipping rather than compression." : "");
    return new Built(PlotFile.Kind.INFORMATION_PLANE, stem, "Information plane: " + estimator,
        caption, fig);
  }

  // ---------------------------------------------------------------- progress per width

  Built progress(int width, String stem) {
    List<String> layers = run.layers();
    List<String> estimators = run.estimators();
    int seeds = run.measuredSeeds();
    int maxStep = agg.maxStep();
    Figure fig = new Figure("Training progress \u2014 bottleneck width k = " + width,
        layers.isEmpty() ? 2 : layers.size() == 1 ? 4 : 3, 470, 370);
    List<Aggregates.MetricPoint> metrics = agg.metrics(width);
    LeftOut leftOut = new LeftOut();
    if (layers.isEmpty()) {
      fig.panel(metricPanel(metrics, true, maxStep, seeds, leftOut))
          .panel(metricPanel(metrics, false, maxStep, seeds, leftOut));
    }
    for (int r = 0; r < layers.size(); r++) {
      String layer = layers.get(r);
      for (int q = 0; q < 2; q++) {
        boolean ixt = q == 0;
        String quantity = ixt ? "I(X;T)" : "I(T;Y)";
        XYChart chart = panel(quantity + " \u2014 " + run.layerLabel(layer), stepAxisTitle(),
            quantity + " [bits]", 470, 370);
        stepAxis(chart, maxStep);
        AxisRange.Extent extent = new AxisRange.Extent();
        for (int e = 0; e < estimators.size(); e++) {
          Line line = new Line(extent, leftOut);
          for (Aggregates.Point p : agg.trajectory(estimators.get(e), layer, width)) {
            line.add(stepX(p.step()), ixt ? p.ixt() : p.ity());
          }
          line.draw(chart, estimators.get(e), seeds, colour(e), Glyph.nth(e));
        }
        double ceil = agg.ceilings(null, layer)[ixt ? 0 : 1];
        if (Double.isFinite(ceil)) {
          ceilingLine(chart, quantity + " ceiling", new double[] {STEP_ZERO_AT * 0.8, maxX(maxStep)},
              new double[] {ceil, ceil});
          extent.add(ceil);
        }
        addPanel(fig, chart, extent);
      }
      if (r == 0) {
        fig.panel(metricPanel(metrics, true, maxStep, seeds, leftOut));
        if (layers.size() == 1) {
          fig.panel(metricPanel(metrics, false, maxStep, seeds, leftOut));
        }
      } else if (r == 1) {
        fig.panel(metricPanel(metrics, false, maxStep, seeds, leftOut));
      } else {
        fig.panel(null);
      }
    }
    for (int e = 0; e < estimators.size(); e++) {
      fig.legend(LegendItem.line(estimators.get(e), colour(e), Glyph.nth(e)));
    }
    if (!layers.isEmpty()) {
      fig.legend(LegendItem.dashed("ceiling (log2 n or H(Y))", CEILING));
    }
    fig.legend(LegendItem.text(spreadLegend(seeds)));
    fig.note("Step axis logarithmic; step 0 (the untrained network) is drawn at step "
        + Num.of(STEP_ZERO_AT) + " and labelled 0. Test metrics on the evaluation set;"
        + " loss in nats.");
    leftOut.note(fig);
    partialNote.forEach(fig::note);
    String caption = "Bottleneck width k = " + width + ": I(X;T) and I(T;Y) (bits) of each layer against"
        + " training step for every estimator, and test accuracy and test loss (nats) against step."
        + " Logarithmic step axis, step 0 drawn at 0.5. " + spreadCaption(seeds)
        + "Dashed: the ceiling of each quantity.";
    return new Built(PlotFile.Kind.PROGRESS, stem, "Training progress, k = " + width, caption, fig);
  }

  private XYChart metricPanel(List<Aggregates.MetricPoint> metrics, boolean accuracy, int maxStep,
      int seeds, LeftOut leftOut) {
    XYChart chart = panel(accuracy ? "Test accuracy" : "Test loss", stepAxisTitle(),
        accuracy ? "test accuracy" : "test loss [nats]", 470, 370);
    stepAxis(chart, maxStep);
    AxisRange.Extent extent = new AxisRange.Extent();
    Line line = new Line(extent, leftOut);
    for (Aggregates.MetricPoint p : metrics) {
      line.add(stepX(p.step()), accuracy ? p.accuracy() : p.loss());
    }
    line.draw(chart, accuracy ? "accuracy" : "loss", seeds, Color.BLACK, Glyph.CIRCLE);
    ensureSeries(chart);
    (accuracy ? ACCURACY : AxisRange.fromZero(extent)).applyY(chart);
    return chart;
  }

  // ---------------------------------------------------------------- capacity summary

  Built capacity(String stem) {
    List<String> layers = run.layers();
    List<String> estimators = run.estimators();
    List<Integer> widths = new ArrayList<>(run.measuredWidths());
    int seeds = run.measuredSeeds();
    int maxStep = agg.maxStep();
    Figure fig = new Figure("Capacity summary \u2014 final values against bottleneck width k", 2, 580, 390);
    LeftOut leftOut = new LeftOut();

    XYChart acc = panel("Final test accuracy", "bottleneck width k (log scale)", "test accuracy", 580, 390);
    widthAxis(acc, widths);
    AxisRange.Extent accExtent = new AxisRange.Extent();
    Line accLine = new Line(accExtent, leftOut);
    for (int w : widths) {
      accLine.add(w, agg.finalAccuracy(w));
    }
    accLine.draw(acc, "final test accuracy", seeds, Color.BLACK, Glyph.CIRCLE);
    boolean mixed = accLine.mixed;
    ensureSeries(acc);
    AxisRange.around(accExtent, MIN_ACCURACY_SPAN, 0, 1).applyY(acc);
    fig.panel(acc);

    XYChart accSteps = panel("Test accuracy during training", stepAxisTitle(), "test accuracy", 580, 390);
    stepAxis(accSteps, maxStep);
    for (int i = 0; i < widths.size(); i++) {
      Line line = new Line(new AxisRange.Extent(), leftOut);
      for (Aggregates.MetricPoint p : agg.metrics(widths.get(i))) {
        line.add(stepX(p.step()), p.accuracy());
      }
      line.draw(accSteps, "k = " + widths.get(i), 1, grey(i, widths.size()), Glyph.nth(i));
    }
    ensureSeries(accSteps);
    ACCURACY.applyY(accSteps);
    accSteps.getStyler().setLegendVisible(true);
    accSteps.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
    fig.panel(accSteps);

    for (String layer : layers) {
      for (int q = 0; q < 2; q++) {
        boolean ixt = q == 0;
        String quantity = ixt ? "I(X;T)" : "I(T;Y)";
        XYChart chart = panel("Final " + quantity + " \u2014 " + run.layerLabel(layer),
            "bottleneck width k (log scale)", quantity + " [bits]", 580, 390);
        widthAxis(chart, widths);
        AxisRange.Extent extent = new AxisRange.Extent();
        for (int e = 0; e < estimators.size(); e++) {
          Line line = new Line(extent, leftOut);
          for (int w : widths) {
            line.add(w, ixt ? agg.finalIxt(estimators.get(e), layer, w)
                : agg.finalIty(estimators.get(e), layer, w));
          }
          mixed |= line.mixed;
          line.draw(chart, estimators.get(e), seeds, colour(e), Glyph.nth(e));
        }
        double ceil = agg.ceilings(null, layer)[ixt ? 0 : 1];
        if (Double.isFinite(ceil) && !widths.isEmpty()) {
          ceilingLine(chart, quantity + " ceiling", new double[] {widths.get(0) / 1.3,
              widths.get(widths.size() - 1) * 1.3}, new double[] {ceil, ceil});
          extent.add(ceil);
        }
        addPanel(fig, chart, extent);
      }
    }
    for (int e = 0; e < estimators.size(); e++) {
      fig.legend(LegendItem.line(estimators.get(e), colour(e), Glyph.nth(e)));
    }
    fig.legend(LegendItem.dashed("ceiling (log2 n or H(Y))", CEILING));
    fig.legend(LegendItem.text(spreadLegend(seeds)));
    fig.note("\"Final\" is each cell's last measured step" + (mixed
        ? "; not every cell got equally far, so some points mix different steps." : " (step " + maxStep
            + ", epoch " + Num.of(agg.epochOf(maxStep)) + ").")
        + " Top right: test accuracy of each width against step (log scale, step 0 at 0.5), widths in"
        + " shades of grey (legend inside the panel). Final-accuracy axis at least "
        + Num.of(MIN_ACCURACY_SPAN) + " wide.");
    leftOut.note(fig);
    partialNote.forEach(fig::note);
    String caption = "Capacity summary: final test accuracy, and the final I(X;T) and I(T;Y) (bits) of"
        + " each layer for every estimator, against the bottleneck width k (logarithmic axis); top right,"
        + " test accuracy of every width during training. " + spreadCaption(seeds)
        + "The final-accuracy axis spans at least " + Num.of(MIN_ACCURACY_SPAN) + " (5 accuracy"
        + " points), so that small differences look small. Dashed: ceilings.";
    return new Built(PlotFile.Kind.CAPACITY, stem, "Capacity summary", caption, fig);
  }

  // ---------------------------------------------------------------- resolution sweeps

  Built resolution(Specs.Family family, String stem) {
    List<String> layers = run.layers();
    List<Integer> widths = new ArrayList<>(run.measuredWidths());
    int seeds = run.measuredSeeds();
    String p = family.parameter();
    Figure fig = new Figure("Resolution sweep \u2014 " + family.pattern() + " (final values)", 2, 580, 400);
    boolean log = family.positive();
    boolean mixed = false;
    LeftOut leftOut = new LeftOut();
    double lo = family.values().get(0);
    double hi = family.values().get(family.values().size() - 1);
    AxisRange linear = AxisRange.around(new AxisRange.Extent().add(lo).add(hi), 0, -AxisRange.LIMIT,
        AxisRange.LIMIT);
    double[] xEnds = log ? new double[] {lo / 1.4, hi * 1.4} : new double[] {linear.min(), linear.max()};
    for (String layer : layers) {
      for (int q = 0; q < 2; q++) {
        boolean ixt = q == 0;
        String quantity = ixt ? "I(X;T)" : "I(T;Y)";
        XYChart chart = panel("Final " + quantity + " \u2014 " + run.layerLabel(layer),
            Specs.parameterLabel(family) + (log ? " (log scale)" : ""), quantity + " [bits]", 580, 400);
        if (log) {
          chart.getStyler().setXAxisLogarithmic(true);
          chart.getStyler().setXAxisLogarithmicDecadeOnly(false);
          Set<Double> labelled = new LinkedHashSet<>(family.values());
          chart.getStyler().setXAxisTickLabelsFormattingFunction(logLabels(labelled, false));
          chart.getStyler().setXAxisMin(xEnds[0]);
          chart.getStyler().setXAxisMax(xEnds[1]);
        } else {
          linear.applyX(chart);
        }
        AxisRange.Extent extent = new AxisRange.Extent();
        for (int i = 0; i < widths.size(); i++) {
          Line line = new Line(extent, leftOut);
          for (int m = 0; m < family.specs().size(); m++) {
            line.add(family.values().get(m), ixt
                ? agg.finalIxt(family.specs().get(m), layer, widths.get(i))
                : agg.finalIty(family.specs().get(m), layer, widths.get(i)));
          }
          mixed |= line.mixed;
          line.draw(chart, "k = " + widths.get(i), seeds, colour(i), Glyph.nth(i));
        }
        double ceil = agg.ceilings(family.specs().get(0), layer)[ixt ? 0 : 1];
        if (Double.isFinite(ceil)) {
          ceilingLine(chart, quantity + " ceiling", xEnds, new double[] {ceil, ceil});
          extent.add(ceil);
        }
        addPanel(fig, chart, extent);
      }
    }
    for (int i = 0; i < widths.size(); i++) {
      fig.legend(LegendItem.line("k = " + widths.get(i), colour(i), Glyph.nth(i)));
    }
    fig.legend(LegendItem.dashed("ceiling (log2 n or H(Y))", CEILING));
    fig.legend(LegendItem.text(spreadLegend(seeds)));
    fig.note(Specs.describeFamily(family) + ". Too fine a resolution saturates at the ceilings for"
        + " every k; too coarse gives 0."
        + (mixed ? " Not every cell got equally far: some points mix different final steps." : ""));
    leftOut.note(fig);
    partialNote.forEach(fig::note);
    String caption = "Resolution sweep of " + family.pattern() + ": the final I(X;T) and I(T;Y) (bits) of"
        + " each layer against " + p + (log ? " (logarithmic axis)" : "") + ", one line per bottleneck"
        + " width k. " + spreadCaption(seeds)
        + "Where the lines of different widths meet at the ceilings the resolution is too fine to"
        + " separate them; where they meet at 0 it is too coarse.";
    return new Built(PlotFile.Kind.RESOLUTION, stem, "Resolution sweep: " + family.pattern(), caption,
        fig);
  }

  // ---------------------------------------------------------------- helpers

  /** Shades of grey for series that must not be confused with the figure's colour legend. */
  static Color grey(int i, int n) {
    int level = n <= 1 ? 0 : (int) Math.round(150.0 * i / (n - 1));
    return new Color(level, level, level);
  }

  static Color colour(int i) {
    return PALETTE[Math.floorMod(i, PALETTE.length)];
  }

  /** Position of a step on the progress colour scale: log10(1 + step) / log10(1 + maxStep). */
  static double progress(int step, int maxStep) {
    if (maxStep <= 0) {
      return 1;
    }
    return Math.log10(1.0 + step) / Math.log10(1.0 + maxStep);
  }

  private ColourBar progressBar(int maxStep) {
    ColourBar bar = new ColourBar("training step|(log scale)", PROGRESS);
    List<Integer> steps = agg.steps();
    for (int s : steps) {
      bar.tick(progress(s, maxStep), null);
    }
    List<Integer> labelled = new ArrayList<>();
    labelled.add(0);
    for (int d = 10; d < maxStep; d *= 10) {
      labelled.add(d);
    }
    // Keep labels apart: drop decades too close to the last step's label.
    double minGap = 0.07;
    List<Integer> kept = new ArrayList<>();
    for (int s : labelled) {
      if (maxStep > 0 && progress(maxStep, maxStep) - progress(s, maxStep) < minGap) {
        continue;
      }
      kept.add(s);
    }
    for (int s : kept) {
      bar.tick(progress(s, maxStep), Integer.toString(s));
    }
    double epoch = agg.epochOf(maxStep);
    bar.tick(1.0, maxStep + (Double.isFinite(epoch) ? " (epoch " + Num.of(epoch) + ")" : ""));
    return bar;
  }

  private static String stepAxisTitle() {
    return "training step (log scale; 0 drawn at 0.5)";
  }

  private static double stepX(int step) {
    return step == 0 ? STEP_ZERO_AT : step;
  }

  private static double maxX(int maxStep) {
    return Math.max(10, maxStep) * 1.4;
  }

  private static void stepAxis(XYChart chart, int maxStep) {
    XYStyler st = chart.getStyler();
    st.setXAxisLogarithmic(true);
    st.setXAxisLogarithmicDecadeOnly(false);
    st.setXAxisMin(STEP_ZERO_AT * 0.8);
    st.setXAxisMax(maxX(maxStep));
    st.setXAxisTickLabelsFormattingFunction(logLabels(Set.of(), true));
  }

  private static void widthAxis(XYChart chart, List<Integer> widths) {
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

  static XYChart panel(String title, String xTitle, String yTitle, int w, int h) {
    XYChart chart = new XYChart(w, h);
    chart.setTitle(title);
    chart.setXAxisTitle(xTitle);
    chart.setYAxisTitle(yTitle);
    XYStyler st = chart.getStyler();
    st.setLegendVisible(false);
    st.setChartBackgroundColor(Color.WHITE);
    st.setPlotBackgroundColor(Color.WHITE);
    st.setPlotBorderColor(new Color(0x999999));
    st.setPlotGridLinesColor(new Color(0xE3E3E3));
    st.setChartTitleBoxVisible(false);
    st.setChartTitleFont(new Font(Figure.FONT, Font.BOLD, 15));
    st.setAxisTitleFont(new Font(Figure.FONT, Font.PLAIN, 14));
    st.setAxisTickLabelsFont(new Font(Figure.FONT, Font.PLAIN, 12));
    st.setLegendFont(new Font(Figure.FONT, Font.PLAIN, 12));
    st.setChartFontColor(Color.BLACK);
    st.setAxisTickLabelsColor(Color.BLACK);
    st.setChartPadding(8);
    st.setPlotMargin(6);
    st.setMarkerSize(8);
    st.setErrorBarsColorSeriesColor(true);
    st.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    st.setAntiAlias(true);
    st.setLocale(Locale.ROOT);
    return chart;
  }

  private static void style(XYSeries s, Color colour, Glyph glyph) {
    s.setLineColor(colour);
    s.setMarkerColor(colour);
    s.setLineWidth(2f);
    s.setMarker(switch (glyph) {
      case CIRCLE -> SeriesMarkers.CIRCLE;
      case SQUARE -> SeriesMarkers.SQUARE;
      case DIAMOND -> SeriesMarkers.DIAMOND;
      case TRIANGLE_UP -> SeriesMarkers.TRIANGLE_UP;
      case TRIANGLE_DOWN -> SeriesMarkers.TRIANGLE_DOWN;
      case NONE -> SeriesMarkers.NONE;
    });
  }

  private static void ceilingLine(XYChart chart, String name, double[] x, double[] y) {
    XYSeries s = chart.addSeries(name, x, y);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(CEILING);
    s.setLineStyle(DASHED);
    s.setShowInLegend(false);
  }

  /** Trajectories longer than this get smaller, thin-outlined markers. */
  private static final int DENSE_POINTS = 60;

  /** The most error bars one information-plane trajectory gets; the points between have none. */
  static final int MAX_BARS = 16;

  /** Every how many points of a trajectory of {@code points} points an error bar is drawn. */
  static int barStride(int points) {
    return Math.max(1, (points + MAX_BARS - 3) / (MAX_BARS - 1));
  }

  /** What a figure's legend says about the spread over seeds. */
  private static String spreadLegend(int seeds) {
    return seeds > 1 ? "mean over " + seeds + " seeds, bars \u00b11 sample sd" : "one seed: no spread";
  }

  /** What a caption says about the spread over seeds. */
  private static String spreadCaption(int seeds) {
    return seeds > 1 ? "Points are means over " + seeds + " seeds, bars \u00b11 sample sd. "
        : "Points are values of one seed: no spread. ";
  }

  /** Whether a statistic can be drawn: it has a value and a finite mean. */
  private static boolean drawable(Stat s) {
    return s.present() && Double.isFinite(s.mean());
  }

  /** The half-length of a statistic's error bar: its sd, or 0 where that is not finite. */
  private static double spread(Stat s) {
    return Double.isFinite(s.sd()) ? s.sd() : 0;
  }

  /**
   * The drawable points of one line (mean and sd over seeds at each x), and the extent of the panel
   * they are drawn in. Points without a finite value are not drawn; values left out of the means
   * are counted for the figure's note.
   */
  private static final class Line {
    final List<Double> x = new ArrayList<>();
    final List<Double> y = new ArrayList<>();
    final List<Double> err = new ArrayList<>();
    final AxisRange.Extent extent;
    final LeftOut leftOut;
    boolean mixed;

    Line(AxisRange.Extent extent, LeftOut leftOut) {
      this.extent = extent;
      this.leftOut = leftOut;
    }

    void add(double at, Stat s) {
      leftOut.add(s);
      if (drawable(s) && Double.isFinite(at)) {
        x.add(at);
        y.add(s.mean());
        err.add(spread(s));
        extent.add(s.mean(), spread(s));
      }
    }

    void add(double at, Aggregates.Final f) {
      add(at, f.stat());
      mixed |= f.stat().present() && f.mixedSteps();
    }

    /** Adds the line to the chart (with ±1 sd bars when there are several seeds), if it has points. */
    void draw(XYChart chart, String name, int seeds, Color colour, Glyph glyph) {
      if (x.isEmpty()) {
        return;
      }
      XYSeries s = seeds > 1 ? chart.addSeries(name, unbox(x), unbox(y), unbox(err))
          : chart.addSeries(name, unbox(x), unbox(y));
      style(s, colour, glyph);
    }
  }

  /** Counts the values a figure leaves out of its means because they are not finite. */
  private static final class LeftOut {
    private long values;

    void add(Stat s) {
      values += s.leftOut();
    }

    /** Says in a note of the figure how many values were left out, if any. */
    void note(Figure fig) {
      if (values > 0) {
        fig.note(values + " values that are not finite (NaN or \u00b1infinity, e.g. of a diverged run)"
            + " are left out of the means and spreads.");
      }
    }
  }

  /** Adds a panel whose y axis spans the extent from 0 ({@link AxisRange#fromZero}). */
  private static void addPanel(Figure fig, XYChart chart, AxisRange.Extent extent) {
    ensureSeries(chart);
    AxisRange.fromZero(extent).applyY(chart);
    fig.panel(chart);
  }

  /** XChart cannot paint a chart without series: add an invisible point when there is none. */
  private static void ensureSeries(XYChart chart) {
    if (chart.getSeriesCollection().isEmpty()) {
      XYSeries s = chart.addSeries("(no data)", new double[] {1}, new double[] {0});
      s.setMarker(SeriesMarkers.NONE);
      s.setLineColor(Color.WHITE);
      s.setShowInLegend(false);
    }
  }

  private static double[] unbox(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Shortest plain text of a number (0.5, 2, 470). */
  static final class Num {
    private Num() {}

    static String of(double v) {
      if (!Double.isFinite(v)) {
        return String.valueOf(v);
      }
      if (Math.abs(v - Math.rint(v)) < 1e-9 && Math.abs(v) < 1e15) {
        return Long.toString((long) Math.rint(v));
      }
      return io.ib.info.EstimatorSpec.number(Double.parseDouble(String.format(Locale.ROOT, "%.6g", v)));
    }
  }
}
