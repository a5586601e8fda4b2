package io.ib.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * A vertical colour bar: the colour map from bottom (0) to top (1), with labelled ticks.
 */
final class ColourBar {
  private final String title;
  private final Colormap colormap;
  private final List<double[]> ticks = new ArrayList<>(); // {position in [0, 1]}
  private final List<String> labels = new ArrayList<>();

  ColourBar(String title, Colormap colormap) {
    this.title = title;
    this.colormap = colormap;
  }

  /** A tick at position t in [0, 1]; a null or empty label gives a short unlabelled tick. */
  ColourBar tick(double t, String label) {
    ticks.add(new double[] {t});
    labels.add(label);
    return this;
  }

  /** Paints the bar with its title and labels in {@code font} (the figure's). */
  void paint(Graphics2D g, Font font, int width, int height) {
    int top = 46;
    int bottom = height - 50;
    int x = 14;
    int w = 22;
    g.setFont(font);
    g.setColor(Color.BLACK);
    FontMetrics fm = g.getFontMetrics();
    String[] words = title.split("\\|");
    for (int i = 0; i < words.length; i++) {
      g.drawString(words[i], x - 6, 14 + i * (fm.getHeight()));
    }
    int steps = Math.max(2, bottom - top);
    for (int i = 0; i < steps; i++) {
      double t = 1.0 - i / (double) (steps - 1);
      g.setColor(colormap.colour(t));
      g.fill(new Rectangle2D.Double(x, top + i, w, 1.6));
    }
    g.setColor(Color.DARK_GRAY);
    g.setStroke(new BasicStroke(1f));
    g.draw(new Rectangle2D.Double(x, top, w, bottom - top));
    for (int i = 0; i < ticks.size(); i++) {
      double t = ticks.get(i)[0];
      double y = bottom - t * (bottom - top);
      String label = labels.get(i);
      boolean labelled = label != null && !label.isEmpty();
      g.setColor(Color.BLACK);
      g.draw(new Line2D.Double(x + w, y, x + w + (labelled ? 6 : 3), y));
      if (labelled) {
        g.drawString(label, x + w + 9, (float) (y + fm.getAscent() / 2.0 - 2));
      }
    }
  }
}
