package io.ib.report;

import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;

/** Marker shapes, drawn centred on a point. */
enum Glyph {
  CIRCLE, SQUARE, DIAMOND, TRIANGLE_UP, TRIANGLE_DOWN, NONE;

  /** The glyph of the i-th series (cycling). */
  static Glyph nth(int i) {
    Glyph[] all = {CIRCLE, SQUARE, DIAMOND, TRIANGLE_UP, TRIANGLE_DOWN};
    return all[Math.floorMod(i, all.length)];
  }

  /** The outline at (x, y) with overall size s (pixels). */
  Shape shape(double x, double y, double s) {
    double h = s / 2;
    switch (this) {
      case CIRCLE:
        return new Ellipse2D.Double(x - h, y - h, s, s);
      case SQUARE:
        double q = h * 0.88;
        return new Rectangle2D.Double(x - q, y - q, 2 * q, 2 * q);
      case DIAMOND:
        return polygon(x, y, new double[] {0, h * 1.15, 0, -h * 1.15},
            new double[] {-h * 1.15, 0, h * 1.15, 0});
      case TRIANGLE_UP:
        return polygon(x, y, new double[] {0, h * 1.1, -h * 1.1},
            new double[] {-h * 1.15, h * 0.8, h * 0.8});
      case TRIANGLE_DOWN:
        return polygon(x, y, new double[] {0, h * 1.1, -h * 1.1},
            new double[] {h * 1.15, -h * 0.8, -h * 0.8});
      default:
        return new Rectangle2D.Double(x, y, 0, 0);
    }
  }

  private static Shape polygon(double x, double y, double[] dx, double[] dy) {
    Path2D.Double p = new Path2D.Double();
    p.moveTo(x + dx[0], y + dy[0]);
    for (int i = 1; i < dx.length; i++) {
      p.lineTo(x + dx[i], y + dy[i]);
    }
    p.closePath();
    return p;
  }
}
