package io.ib.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Line2D;

/**
 * One entry of the shared legend: a short line (solid or dashed) and/or a marker, then a label.
 *
 * @param label the text
 * @param colour line and marker outline colour
 * @param glyph the marker, NONE for a line only
 * @param fill marker fill, null for the outline colour
 * @param line whether to draw a line sample
 * @param dashed whether the line is dashed
 */
record LegendItem(String label, Color colour, Glyph glyph, Color fill, boolean line, boolean dashed) {
  /** The legend's font (Figure.FONT is SANS_SERIF: the same family). */
  static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 14);

  static LegendItem line(String label, Color colour, Glyph glyph) {
    return new LegendItem(label, colour, glyph, null, true, false);
  }

  static LegendItem dashed(String label, Color colour) {
    return new LegendItem(label, colour, Glyph.NONE, null, true, true);
  }

  static LegendItem marker(String label, Color colour, Glyph glyph, Color fill) {
    return new LegendItem(label, colour, glyph, fill, false, false);
  }

  static LegendItem text(String label) {
    return new LegendItem(label, Color.BLACK, Glyph.NONE, null, false, false);
  }

  private int sampleWidth() {
    return line ? 34 : glyph == Glyph.NONE ? 0 : 16;
  }

  int width(FontMetrics fm) {
    int sample = sampleWidth();
    return sample + (sample > 0 ? 6 : 0) + fm.stringWidth(label);
  }

  /** Paints at (x, centre y); returns the width used. */
  int paint(Graphics2D g, int x, int cy) {
    int sample = sampleWidth();
    if (line) {
      g.setColor(colour);
      g.setStroke(dashed ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
          new float[] {6f, 4f}, 0f) : new BasicStroke(2.2f));
      g.draw(new Line2D.Double(x, cy, x + sample, cy));
    }
    if (glyph != Glyph.NONE) {
      Shape s = glyph.shape(x + sample / 2.0, cy, 11);
      g.setColor(fill == null ? colour : fill);
      g.fill(s);
      g.setColor(colour);
      g.setStroke(new BasicStroke(1.6f));
      g.draw(s);
    }
    g.setColor(Color.BLACK);
    g.setFont(FONT);
    FontMetrics fm = g.getFontMetrics();
    int tx = x + sample + (sample > 0 ? 6 : 0);
    g.drawString(label, tx, cy + fm.getAscent() / 2 - 2);
    return width(fm);
  }
}
