package io.ib.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Line2D;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.internal.chartpart.Annotation;

/**
 * Markers and two-sided error crosses drawn in data coordinates on top of an XChart plot, for what
 * XChart's series cannot do: a fill colour per point (training progress) and horizontal error bars.
 * Painted after the series, so the markers sit on top of the trajectory lines.
 */
final class Overlay extends Annotation {
  /**
   * One marker.
   *
   * @param x data x
   * @param y data y
   * @param xErr half-length of the horizontal error bar (data units), 0 for none
   * @param yErr half-length of the vertical error bar (data units), 0 for none
   * @param glyph the marker shape
   * @param fill the marker fill
   * @param outline the marker outline and error-bar colour
   */
  record Mark(double x, double y, double xErr, double yErr, Glyph glyph, Color fill,
      Color outline) {}

  private final List<Mark> marks = new ArrayList<>();
  private final double size;
  private boolean dense;

  Overlay(double size) {
    super(false);
    this.size = size;
  }

  /**
   * Draws smaller markers with thin outlines, for lines of hundreds of points, where full-size ones
   * overlap so much that their outlines hide the fill colours.
   */
  Overlay dense() {
    dense = true;
    return this;
  }

  Overlay add(Mark mark) {
    marks.add(mark);
    return this;
  }

  @Override
  public void paint(Graphics2D g) {
    if (!isVisible || marks.isEmpty()) {
      return;
    }
    Graphics2D g2 = (Graphics2D) g.create();
    try {
      g2.setStroke(new BasicStroke(1.3f));
      for (Mark m : marks) {
        double x = sx(m.x());
        double y = sy(m.y());
        g2.setColor(withAlpha(m.outline(), 170));
        if (m.xErr() > 0) {
          double x0 = sx(m.x() - m.xErr());
          double x1 = sx(m.x() + m.xErr());
          g2.draw(new Line2D.Double(x0, y, x1, y));
          g2.draw(new Line2D.Double(x0, y - 3, x0, y + 3));
          g2.draw(new Line2D.Double(x1, y - 3, x1, y + 3));
        }
        if (m.yErr() > 0) {
          double y0 = sy(m.y() - m.yErr());
          double y1 = sy(m.y() + m.yErr());
          g2.draw(new Line2D.Double(x, y0, x, y1));
          g2.draw(new Line2D.Double(x - 3, y0, x + 3, y0));
          g2.draw(new Line2D.Double(x - 3, y1, x + 3, y1));
        }
      }
      g2.setStroke(new BasicStroke(dense ? 0.8f : 1.7f));
      double markSize = dense ? size * 0.65 : size;
      for (Mark m : marks) {
        Shape s = m.glyph().shape(sx(m.x()), sy(m.y()), markSize);
        g2.setColor(m.fill());
        g2.fill(s);
        g2.setColor(m.outline());
        g2.draw(s);
      }
    } finally {
      g2.dispose();
    }
  }

  private double sx(double x) {
    return chart.getScreenXFromChart(x);
  }

  private double sy(double y) {
    return chart.getScreenYFromChart(y);
  }

  private static Color withAlpha(Color c, int alpha) {
    return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
  }
}
