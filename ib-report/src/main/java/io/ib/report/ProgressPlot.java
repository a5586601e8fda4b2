package io.ib.report;

import io.ib.info.EstimatorSpec;
import io.ib.sweep.Layer;
import java.awt.Color;
import java.util.List;
import org.knowm.xchart.XYChart;

/**
 * Training progress of one bottleneck width: I(X;T) and I(T;Y) of each layer for every estimator, and
 * test accuracy and loss, against training step (log scale, step 0 drawn at 0.5).
 */
final class ProgressPlot {
  private final RunData run;
  private final Aggregates agg;
  private final List<String> partialNote;

  ProgressPlot(RunData run, Aggregates agg, List<String> partialNote) {
    this.run = run;
    this.agg = agg;
    this.partialNote = partialNote;
  }

  BuiltPlot build(int width, String stem) {
    List<EstimatorSpec> estimators = run.estimators();
    List<Layer> layers = run.layers(estimators);
    int seeds = run.measuredSeeds();
    int maxStep = agg.maxStep();
    Figure fig = new Figure("Training progress \u2014 " + run.capacity().full(width),
        layers.isEmpty() ? 2 : layers.size() == 1 ? 4 : 3, 470, 370);
    List<Aggregates.MetricPoint> metrics = agg.metrics(width);
    LeftOut leftOut = new LeftOut();
    if (layers.isEmpty()) {
      fig.panel(metricPanel(metrics, true, maxStep, seeds, leftOut))
          .panel(metricPanel(metrics, false, maxStep, seeds, leftOut));
    }
    for (int r = 0; r < layers.size(); r++) {
      Layer layer = layers.get(r);
      for (int q = 0; q < 2; q++) {
        boolean ixt = q == 0;
        String quantity = ixt ? "I(X;T)" : "I(T;Y)";
        XYChart chart = PlotStyle.panel(quantity + " \u2014 " + run.layerLabel(layer),
            PlotAxes.stepAxisTitle(), quantity + " [bits]", 470, 370);
        PlotAxes.stepAxis(chart, maxStep);
        AxisRange.Extent extent = new AxisRange.Extent();
        for (int e = 0; e < estimators.size(); e++) {
          PlotLine line = new PlotLine(extent, leftOut);
          for (Aggregates.Point p : agg.trajectory(estimators.get(e), layer, width)) {
            line.add(PlotAxes.stepX(p.step()), ixt ? p.ixt() : p.ity());
          }
          line.draw(chart, estimators.get(e).toString(), seeds, PlotStyle.colour(e), Glyph.nth(e));
        }
        double ceil = agg.ceilings(null, layer)[ixt ? 0 : 1];
        if (Double.isFinite(ceil)) {
          PlotStyle.ceilingLine(chart, quantity + " ceiling",
              new double[] {PlotAxes.STEP_ZERO_AT * 0.8, PlotAxes.maxX(maxStep)}, new double[] {ceil, ceil});
          extent.add(ceil);
        }
        PlotStyle.addPanel(fig, chart, extent);
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
      fig.legend(LegendItem.line(estimators.get(e).toString(), PlotStyle.colour(e), Glyph.nth(e)));
    }
    if (!layers.isEmpty()) {
      fig.legend(LegendItem.dashed("ceiling (log2 n or H(Y))", PlotStyle.CEILING));
    }
    fig.legend(LegendItem.text(PlotLine.spreadLegend(seeds)));
    fig.note("Step axis logarithmic; step 0 (the untrained network) is drawn at step "
        + Num.of(PlotAxes.STEP_ZERO_AT) + " and labelled 0. Test metrics on the evaluation set;"
        + " loss in nats.");
    leftOut.note(fig);
    partialNote.forEach(fig::note);
    String caption = run.capacity().sentence() + " = " + width + ": I(X;T) and I(T;Y) (bits) of each"
        + " layer against training step for every estimator, and test accuracy and test loss (nats)"
        + " against step."
        + " Logarithmic step axis, step 0 drawn at 0.5. " + PlotLine.spreadCaption(seeds)
        + "Dashed: the ceiling of each quantity.";
    return new BuiltPlot(PlotFile.Kind.PROGRESS, stem, "Training progress, " + run.capacity().is(width),
        caption, fig);
  }

  private XYChart metricPanel(List<Aggregates.MetricPoint> metrics, boolean accuracy, int maxStep,
      int seeds, LeftOut leftOut) {
    XYChart chart = PlotStyle.panel(accuracy ? "Test accuracy" : "Test loss", PlotAxes.stepAxisTitle(),
        accuracy ? "test accuracy" : "test loss [nats]", 470, 370);
    PlotAxes.stepAxis(chart, maxStep);
    AxisRange.Extent extent = new AxisRange.Extent();
    PlotLine line = new PlotLine(extent, leftOut);
    for (Aggregates.MetricPoint p : metrics) {
      line.add(PlotAxes.stepX(p.step()), accuracy ? p.accuracy() : p.loss());
    }
    line.draw(chart, accuracy ? "accuracy" : "loss", seeds, Color.BLACK, Glyph.CIRCLE);
    PlotStyle.ensureSeries(chart);
    (accuracy ? PlotAxes.ACCURACY : AxisRange.fromZero(extent)).applyY(chart);
    return chart;
  }
}
