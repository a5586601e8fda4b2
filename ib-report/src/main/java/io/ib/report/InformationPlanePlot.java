package io.ib.report;

import io.ib.info.EstimatorSpec;
import io.ib.sweep.Layer;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The information plane of one estimator string: I(X;T) against I(T;Y) in bits, one panel per layer,
 * one trajectory per bottleneck width, markers filled by training step (the colour bar, log scale),
 * ceilings dashed, ±1 sd over seeds on both axes.
 */
final class InformationPlanePlot {
  /** The most error bars one information-plane trajectory gets; the points between have none. */
  static final int MAX_BARS = 16;
  /** Trajectories longer than this get smaller, thin-outlined markers. */
  private static final int DENSE_POINTS = 60;

  private final RunData run;
  private final Aggregates agg;
  private final List<String> partialNote;

  InformationPlanePlot(RunData run, Aggregates agg, List<String> partialNote) {
    this.run = run;
    this.agg = agg;
    this.partialNote = partialNote;
  }

  BuiltPlot build(EstimatorSpec estimator, String stem) {
    List<Layer> layers = run.layers(List.of(estimator));
    List<Integer> widths = new ArrayList<>(run.measuredWidths());
    int seeds = run.measuredSeeds();
    int maxStep = agg.maxStep();
    Figure fig = new Figure("Information plane \u2014 " + estimator, Math.min(3, layers.size()), 600, 480);
    double[] anyCeil = agg.ceilings(estimator, null);
    LeftOut leftOut = new LeftOut();
    boolean barsThinned = false;
    for (Layer layer : layers) {
      double[] ceil = agg.ceilings(estimator, layer);
      XYChart chart = PlotStyle.panel(run.layerLabel(layer), "I(X;T) [bits]", "I(T;Y) [bits]", 600, 480);
      Overlay overlay = new Overlay(10);
      AxisRange.Extent xs = new AxisRange.Extent();
      AxisRange.Extent ys = new AxisRange.Extent();
      for (int i = 0; i < widths.size(); i++) {
        List<Aggregates.Point> points = new ArrayList<>();
        for (Aggregates.Point p : agg.trajectory(estimator, layer, widths.get(i))) {
          leftOut.add(p.ixt());
          leftOut.add(p.ity());
          if (PlotLine.drawable(p.ixt()) && PlotLine.drawable(p.ity())) {
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
          double xErr = bars ? PlotLine.spread(p.ixt()) : 0;
          double yErr = bars ? PlotLine.spread(p.ity()) : 0;
          x.add(p.ixt().mean());
          y.add(p.ity().mean());
          overlay.add(new Overlay.Mark(p.ixt().mean(), p.ity().mean(), xErr, yErr,
              Glyph.nth(i), PlotStyle.PROGRESS.colour(progress(p.step(), maxStep)), PlotStyle.colour(i)));
          xs.add(p.ixt().mean(), xErr);
          ys.add(p.ity().mean(), yErr);
        }
        if (x.isEmpty()) {
          continue;
        }
        XYSeries s = chart.addSeries(run.capacity().is(widths.get(i)), PlotStyle.unbox(x),
            PlotStyle.unbox(y));
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(PlotStyle.colour(i));
        s.setLineWidth(2f);
      }
      // The axes reach the ceilings whatever the data: zoomed in on the data, a defective estimator's
      // thousandths of a bit would look like structure.
      xs.add(ceil[0]);
      ys.add(ceil[1]);
      AxisRange xr = AxisRange.fromZero(xs);
      AxisRange yr = AxisRange.fromZero(ys);
      if (Double.isFinite(ceil[0])) {
        PlotStyle.ceilingLine(chart, "log2 n", new double[] {ceil[0], ceil[0]},
            new double[] {yr.min(), yr.max()});
      }
      if (Double.isFinite(ceil[1])) {
        PlotStyle.ceilingLine(chart, "H(Y)", new double[] {xr.min(), xr.max()},
            new double[] {ceil[1], ceil[1]});
      }
      PlotStyle.ensureSeries(chart);
      xr.applyX(chart);
      yr.applyY(chart);
      chart.addAnnotation(overlay);
      fig.panel(chart);
    }
    for (int i = 0; i < widths.size(); i++) {
      fig.legend(new LegendItem(run.capacity().is(widths.get(i)), PlotStyle.colour(i), Glyph.nth(i),
          Color.WHITE, true, false));
    }
    fig.legend(LegendItem.dashed(String.format(Locale.ROOT,
        "ceilings: log2 n = %.2f bits, H(Y) = %.2f bits", anyCeil[0], anyCeil[1]), PlotStyle.CEILING));
    fig.legend(LegendItem.text("points: " + PlotLine.spreadLegend(seeds)
        + (seeds > 1 && barsThinned ? " (at most " + MAX_BARS + " per line)" : "")));
    fig.colourBar(progressBar(maxStep));
    fig.note(Specs.describe(estimator) + ". Marker fill: training step (colour bar, log scale);"
        + " each line is one " + run.capacity().one(run.capacity().axis())
        + ", from step 0 to the last step.");
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
        + (layers.size() < run.layers().size() ? " that this estimator measured" : "")
        + ", one trajectory per " + run.capacity().one(run.capacity().axis())
        + " (line colour and marker shape); the marker"
        + " fill shows"
        + " the training step on a log scale, from dark purple (step 0) to yellow (last step). "
        + PlotLine.spreadCaption(seeds)
        + (seeds > 1 && barsThinned ? "On long trajectories only every few points carry bars (at most "
            + MAX_BARS + " per line, the last point always). " : "")
        + "Dashed lines: the ceilings log2 n (I(X;T)) and H(Y) (I(T;Y)); both axes start at 0 (or"
        + " below, for negative values) and reach at least the ceilings. Points stuck at both ceilings"
        + " mean the resolution is too fine to tell the networks apart."
        + (clips ? " The hidden layers are " + run.activation() + ", unbounded, and this estimator"
            + " bins over " + range + ": values beyond it share the edge bins, so a fall of I(X;T)"
            + " can be clipping rather than compression." : "");
    return new BuiltPlot(PlotFile.Kind.INFORMATION_PLANE, stem, "Information plane: " + estimator,
        caption, fig);
  }

  /** Every how many points of a trajectory of {@code points} points an error bar is drawn. */
  static int barStride(int points) {
    return Math.max(1, (points + MAX_BARS - 3) / (MAX_BARS - 1));
  }

  /** Position of a step on the progress colour scale: log10(1 + step) / log10(1 + maxStep). */
  static double progress(int step, int maxStep) {
    if (maxStep <= 0) {
      return 1;
    }
    return Math.log10(1.0 + step) / Math.log10(1.0 + maxStep);
  }

  /** The colour bar of training steps: every measured step ticked, decades and the last one labelled. */
  private ColourBar progressBar(int maxStep) {
    ColourBar bar = new ColourBar("training step|(log scale)", PlotStyle.PROGRESS);
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
}
