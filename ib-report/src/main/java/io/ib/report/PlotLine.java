package io.ib.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * The drawable points of one line (mean and sd over seeds at each x), and the extent of the panel
 * they are drawn in. Points without a finite value are not drawn; values left out of the means
 * are counted for the figure's note.
 */
final class PlotLine {
  final List<Double> x = new ArrayList<>();
  final List<Double> y = new ArrayList<>();
  final List<Double> err = new ArrayList<>();
  final AxisRange.Extent extent;
  final LeftOut leftOut;
  /** Whether a point of the line mixes the final values of different steps. */
  boolean mixed;

  PlotLine(AxisRange.Extent extent, LeftOut leftOut) {
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
    XYSeries s = seeds > 1
        ? chart.addSeries(name, PlotStyle.unbox(x), PlotStyle.unbox(y), PlotStyle.unbox(err))
        : chart.addSeries(name, PlotStyle.unbox(x), PlotStyle.unbox(y));
    PlotStyle.style(s, colour, glyph);
  }

  /** Whether a statistic can be drawn: it has a value and a finite mean. */
  static boolean drawable(Stat s) {
    return s.present() && Double.isFinite(s.mean());
  }

  /** The half-length of a statistic's error bar: its sd, or 0 where that is not finite. */
  static double spread(Stat s) {
    return Double.isFinite(s.sd()) ? s.sd() : 0;
  }

  /** What a figure's legend says about the spread over seeds. */
  static String spreadLegend(int seeds) {
    return seeds > 1 ? "mean over " + seeds + " seeds, bars \u00b11 sample sd" : "one seed: no spread";
  }

  /** What a caption says about the spread over seeds. */
  static String spreadCaption(int seeds) {
    return seeds > 1 ? "Points are means over " + seeds + " seeds, bars \u00b11 sample sd. "
        : "Points are values of one seed: no spread. ";
  }
}
