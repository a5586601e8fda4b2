package io.ib.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * How every panel of every figure looks: colours, fonts, series styles and the dashed ceiling lines.
 */
final class PlotStyle {
  /** Categorical colours (Okabe and Ito), without the yellow, which is unreadable on white. */
  static final Color[] PALETTE = {new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73),
      new Color(0xD55E00), new Color(0xCC79A7), new Color(0x56B4E9), new Color(0x000000),
      new Color(0x8C6D1F)};
  /** Training progress: viridis, dark purple (step 0) to yellow (last step). */
  static final Colormap PROGRESS = new Colormap(new Color(0x440154), new Color(0x482878),
      new Color(0x3E4A89), new Color(0x31688E), new Color(0x26828E), new Color(0x1F9E89),
      new Color(0x35B779), new Color(0x6DCD59), new Color(0xB4DE2C), new Color(0xFDE725));
  /** The colour of the ceiling lines (log2 n, H(Y)) and of their legend entry. */
  static final Color CEILING = new Color(0x888888);

  private static final BasicStroke DASHED = new BasicStroke(1.6f, BasicStroke.CAP_BUTT,
      BasicStroke.JOIN_MITER, 10f, new float[] {7f, 5f}, 0f);

  private PlotStyle() {}

  /** The i-th categorical colour (cycling). */
  static Color colour(int i) {
    return PALETTE[Math.floorMod(i, PALETTE.length)];
  }

  /** Shades of grey for series that must not be confused with the figure's colour legend. */
  static Color grey(int i, int n) {
    int level = n <= 1 ? 0 : (int) Math.round(150.0 * i / (n - 1));
    return new Color(level, level, level);
  }

  /** An empty panel of {@code w} x {@code h} figure units, with the report's fonts and colours. */
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

  /** A series' line and markers in one colour, with the glyph's XChart marker. */
  static void style(XYSeries s, Color colour, Glyph glyph) {
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

  /** A dashed grey ceiling line through the given points, left out of XChart's legend. */
  static void ceilingLine(XYChart chart, String name, double[] x, double[] y) {
    XYSeries s = chart.addSeries(name, x, y);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(CEILING);
    s.setLineStyle(DASHED);
    s.setShowInLegend(false);
  }

  /** Adds a panel whose y axis spans the extent from 0 ({@link AxisRange#fromZero}). */
  static void addPanel(Figure fig, XYChart chart, AxisRange.Extent extent) {
    ensureSeries(chart);
    AxisRange.fromZero(extent).applyY(chart);
    fig.panel(chart);
  }

  /** XChart cannot paint a chart without series: add an invisible point when there is none. */
  static void ensureSeries(XYChart chart) {
    if (chart.getSeriesCollection().isEmpty()) {
      XYSeries s = chart.addSeries("(no data)", new double[] {1}, new double[] {0});
      s.setMarker(SeriesMarkers.NONE);
      s.setLineColor(Color.WHITE);
      s.setShowInLegend(false);
    }
  }

  static double[] unbox(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
