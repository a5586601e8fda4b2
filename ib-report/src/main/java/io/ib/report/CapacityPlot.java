package io.ib.report;

import io.ib.info.EstimatorSpec;
import io.ib.sweep.Layer;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;

/**
 * The capacity summary: final test accuracy and the final I(X;T), I(T;Y) of each layer for every
 * estimator against the bottleneck width (log scale), and test accuracy of every width during training.
 */
final class CapacityPlot {
  /**
   * The narrowest span of the final-accuracy axis: zoomed to the data, 0.7 accuracy points between
   * widths would look like a full-height rise.
   */
  static final double MIN_ACCURACY_SPAN = 0.05;

  private final RunData run;
  private final Aggregates agg;
  private final List<String> partialNote;

  CapacityPlot(RunData run, Aggregates agg, List<String> partialNote) {
    this.run = run;
    this.agg = agg;
    this.partialNote = partialNote;
  }

  BuiltPlot build(String stem) {
    List<EstimatorSpec> estimators = run.estimators();
    List<Layer> layers = run.layers(estimators);
    List<Integer> widths = new ArrayList<>(run.measuredWidths());
    int seeds = run.measuredSeeds();
    int maxStep = agg.maxStep();
    Figure fig = new Figure("Capacity summary \u2014 final values against " + run.capacity().axis(), 2,
        580, 390);
    LeftOut leftOut = new LeftOut();

    XYChart acc = PlotStyle.panel("Final test accuracy", run.capacity().axis() + " (log scale)",
        "test accuracy", 580, 390);
    PlotAxes.widthAxis(acc, widths);
    AxisRange.Extent accExtent = new AxisRange.Extent();
    PlotLine accLine = new PlotLine(accExtent, leftOut);
    for (int w : widths) {
      accLine.add(w, agg.finalAccuracy(w));
    }
    accLine.draw(acc, "final test accuracy", seeds, Color.BLACK, Glyph.CIRCLE);
    boolean mixed = accLine.mixed;
    PlotStyle.ensureSeries(acc);
    AxisRange.around(accExtent, MIN_ACCURACY_SPAN, 0, 1).applyY(acc);
    fig.panel(acc);

    XYChart accSteps = PlotStyle.panel("Test accuracy during training", PlotAxes.stepAxisTitle(),
        "test accuracy", 580, 390);
    PlotAxes.stepAxis(accSteps, maxStep);
    for (int i = 0; i < widths.size(); i++) {
      PlotLine line = new PlotLine(new AxisRange.Extent(), leftOut);
      for (Aggregates.MetricPoint p : agg.metrics(widths.get(i))) {
        line.add(PlotAxes.stepX(p.step()), p.accuracy());
      }
      line.draw(accSteps, run.capacity().is(widths.get(i)), 1, PlotStyle.grey(i, widths.size()),
          Glyph.nth(i));
    }
    PlotStyle.ensureSeries(accSteps);
    PlotAxes.ACCURACY.applyY(accSteps);
    accSteps.getStyler().setLegendVisible(true);
    accSteps.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
    fig.panel(accSteps);

    for (Layer layer : layers) {
      for (int q = 0; q < 2; q++) {
        boolean ixt = q == 0;
        String quantity = ixt ? "I(X;T)" : "I(T;Y)";
        XYChart chart = PlotStyle.panel("Final " + quantity + " \u2014 " + run.layerLabel(layer),
            run.capacity().axis() + " (log scale)", quantity + " [bits]", 580, 390);
        PlotAxes.widthAxis(chart, widths);
        AxisRange.Extent extent = new AxisRange.Extent();
        for (int e = 0; e < estimators.size(); e++) {
          PlotLine line = new PlotLine(extent, leftOut);
          for (int w : widths) {
            line.add(w, ixt ? agg.finalIxt(estimators.get(e), layer, w)
                : agg.finalIty(estimators.get(e), layer, w));
          }
          mixed |= line.mixed;
          line.draw(chart, estimators.get(e).toString(), seeds, PlotStyle.colour(e), Glyph.nth(e));
        }
        double ceil = agg.ceilings(null, layer)[ixt ? 0 : 1];
        if (Double.isFinite(ceil) && !widths.isEmpty()) {
          PlotStyle.ceilingLine(chart, quantity + " ceiling", new double[] {widths.get(0) / 1.3,
              widths.get(widths.size() - 1) * 1.3}, new double[] {ceil, ceil});
          extent.add(ceil);
        }
        PlotStyle.addPanel(fig, chart, extent);
      }
    }
    for (int e = 0; e < estimators.size(); e++) {
      fig.legend(LegendItem.line(estimators.get(e).toString(), PlotStyle.colour(e), Glyph.nth(e)));
    }
    fig.legend(LegendItem.dashed("ceiling (log2 n or H(Y))", PlotStyle.CEILING));
    fig.legend(LegendItem.text(PlotLine.spreadLegend(seeds)));
    fig.note("\"Final\" is each cell's last measured step" + (mixed
        ? "; not every cell got equally far, so some points mix different steps." : " (step " + maxStep
            + ", epoch " + Num.of(agg.epochOf(maxStep)) + ").")
        + " Top right: test accuracy of each width against step (log scale, step 0 at 0.5), widths in"
        + " shades of grey (legend inside the panel). Final-accuracy axis at least "
        + Num.of(MIN_ACCURACY_SPAN) + " wide.");
    leftOut.note(fig);
    partialNote.forEach(fig::note);
    String caption = "Capacity summary: final test accuracy, and the final I(X;T) and I(T;Y) (bits) of"
        + " each layer for every estimator, against " + run.capacity().the(run.capacity().axis())
        + " (logarithmic axis);"
        + " top right,"
        + " test accuracy of every width during training. " + PlotLine.spreadCaption(seeds)
        + "The final-accuracy axis spans at least " + Num.of(MIN_ACCURACY_SPAN) + " (5 accuracy"
        + " points), so that small differences look small. Dashed: ceilings.";
    return new BuiltPlot(PlotFile.Kind.CAPACITY, stem, "Capacity summary", caption, fig);
  }
}
