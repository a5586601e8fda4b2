package io.ib.report;

import io.ib.sweep.Layer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.knowm.xchart.XYChart;

/**
 * A resolution sweep: for estimator strings of one family that differ in one numeric parameter, the
 * final I(X;T) and I(T;Y) of each layer against that parameter, one line per bottleneck width.
 */
final class ResolutionPlot {
  private final RunData run;
  private final Aggregates agg;
  private final List<String> partialNote;

  ResolutionPlot(RunData run, Aggregates agg, List<String> partialNote) {
    this.run = run;
    this.agg = agg;
    this.partialNote = partialNote;
  }

  BuiltPlot build(Specs.Family family, String stem) {
    List<Layer> layers = run.layers(family.specs());
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
    for (Layer layer : layers) {
      for (int q = 0; q < 2; q++) {
        boolean ixt = q == 0;
        String quantity = ixt ? "I(X;T)" : "I(T;Y)";
        XYChart chart = PlotStyle.panel("Final " + quantity + " \u2014 " + run.layerLabel(layer),
            Specs.parameterLabel(family) + (log ? " (log scale)" : ""), quantity + " [bits]", 580, 400);
        if (log) {
          chart.getStyler().setXAxisLogarithmic(true);
          chart.getStyler().setXAxisLogarithmicDecadeOnly(false);
          Set<Double> labelled = new LinkedHashSet<>(family.values());
          chart.getStyler().setXAxisTickLabelsFormattingFunction(PlotAxes.logLabels(labelled, false));
          chart.getStyler().setXAxisMin(xEnds[0]);
          chart.getStyler().setXAxisMax(xEnds[1]);
        } else {
          linear.applyX(chart);
        }
        AxisRange.Extent extent = new AxisRange.Extent();
        for (int i = 0; i < widths.size(); i++) {
          PlotLine line = new PlotLine(extent, leftOut);
          for (int m = 0; m < family.specs().size(); m++) {
            line.add(family.values().get(m), ixt
                ? agg.finalIxt(family.specs().get(m), layer, widths.get(i))
                : agg.finalIty(family.specs().get(m), layer, widths.get(i)));
          }
          mixed |= line.mixed;
          line.draw(chart, run.capacity().is(widths.get(i)), seeds, PlotStyle.colour(i), Glyph.nth(i));
        }
        double ceil = agg.ceilings(family.specs().get(0), layer)[ixt ? 0 : 1];
        if (Double.isFinite(ceil)) {
          PlotStyle.ceilingLine(chart, quantity + " ceiling", xEnds, new double[] {ceil, ceil});
          extent.add(ceil);
        }
        PlotStyle.addPanel(fig, chart, extent);
      }
    }
    for (int i = 0; i < widths.size(); i++) {
      fig.legend(LegendItem.line(run.capacity().is(widths.get(i)), PlotStyle.colour(i), Glyph.nth(i)));
    }
    fig.legend(LegendItem.dashed("ceiling (log2 n or H(Y))", PlotStyle.CEILING));
    fig.legend(LegendItem.text(PlotLine.spreadLegend(seeds)));
    fig.note(Specs.describeFamily(family) + ". Too fine a resolution saturates at the ceilings for"
        + " every " + run.capacity().one(run.capacity().symbol()) + "; too coarse gives 0."
        + (mixed ? " Not every cell got equally far: some points mix different final steps." : ""));
    leftOut.note(fig);
    partialNote.forEach(fig::note);
    String caption = "Resolution sweep of " + family.pattern() + ": the final I(X;T) and I(T;Y) (bits) of"
        + " each layer against " + p + (log ? " (logarithmic axis)" : "") + ", one line per "
        + run.capacity().one(run.capacity().axis()) + ". " + PlotLine.spreadCaption(seeds)
        + "Where the lines of different widths meet at the ceilings the resolution is too fine to"
        + " separate them; where they meet at 0 it is too coarse.";
    return new BuiltPlot(PlotFile.Kind.RESOLUTION, stem, "Resolution sweep: " + family.pattern(), caption,
        fig);
  }
}
