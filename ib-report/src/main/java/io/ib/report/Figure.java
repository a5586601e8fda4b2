package io.ib.report;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;

/**
 * A figure: a title, a shared legend, a grid of XChart panels, an optional colour bar on the right
 * and footnotes, painted on any {@link Graphics2D}, so that the PNG (Java2D raster) and the SVG
 * (VectorGraphics2D) come from the same drawing code.
 */
final class Figure {
  static final String FONT = Font.SANS_SERIF;
  static final Font TITLE_FONT = new Font(FONT, Font.BOLD, 19);
  static final Font LEGEND_FONT = new Font(FONT, Font.PLAIN, 14);
  static final Font NOTE_FONT = new Font(FONT, Font.PLAIN, 13);
  static final Font BAR_FONT = new Font(FONT, Font.PLAIN, 13);

  private static final int MARGIN = 14;
  private static final int TITLE_HEIGHT = 34;
  private static final int LEGEND_ROW = 24;
  private static final int NOTE_ROW = 19;
  private static final int BAR_WIDTH = 190; // room for the last label, "55993 (epoch 7999)"

  private final String title;
  private final int columns;
  private final int panelWidth;
  private final int panelHeight;
  private final List<XYChart> panels = new ArrayList<>();
  private final List<LegendItem> legend = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private ColourBar colourBar;

  Figure(String title, int columns, int panelWidth, int panelHeight) {
    this.title = title;
    this.columns = Math.max(1, columns);
    this.panelWidth = panelWidth;
    this.panelHeight = panelHeight;
  }

  /** Adds a panel in the next grid cell; null leaves the cell empty. */
  Figure panel(XYChart chart) {
    panels.add(chart);
    return this;
  }

  /** The panels in grid order (null for an empty cell). */
  List<XYChart> panels() {
    return java.util.Collections.unmodifiableList(panels);
  }

  Figure legend(LegendItem item) {
    legend.add(item);
    return this;
  }

  /** The footnotes, in order. */
  List<String> notes() {
    return java.util.Collections.unmodifiableList(notes);
  }

  Figure note(String text) {
    notes.add(text);
    return this;
  }

  Figure colourBar(ColourBar bar) {
    this.colourBar = bar;
    return this;
  }

  private int rows() {
    return Math.max(1, (panels.size() + columns - 1) / columns);
  }

  private int gridWidth() {
    return columns * panelWidth;
  }

  int width() {
    return 2 * MARGIN + gridWidth() + (colourBar == null ? 0 : BAR_WIDTH);
  }

  int height() {
    return TITLE_HEIGHT + legendRows().size() * LEGEND_ROW + rows() * panelHeight
        + wrappedNotes().size() * NOTE_ROW + MARGIN;
  }

  /** Paints the whole figure with its top left corner at the origin. */
  void paint(Graphics2D g) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    g.setColor(Color.WHITE);
    g.fill(new Rectangle2D.Double(0, 0, width(), height()));
    g.setColor(Color.BLACK);
    g.setFont(TITLE_FONT);
    g.drawString(title, MARGIN, 24);
    int y = TITLE_HEIGHT;
    for (List<LegendItem> row : legendRows()) {
      int x = MARGIN;
      for (LegendItem item : row) {
        x += item.paint(g, x, y + LEGEND_ROW / 2) + 22;
      }
      y += LEGEND_ROW;
    }
    int gridTop = y;
    // Notes before the panels: VectorGraphics2D 0.13 keeps commands issued after the dispose() of a
    // created Graphics2D inside that child's SVG group (and its transform), so everything drawn on
    // g itself comes first.
    int noteY = gridTop + rows() * panelHeight;
    g.setColor(new Color(0x33, 0x33, 0x33));
    g.setFont(NOTE_FONT);
    for (String line : wrappedNotes()) {
      noteY += NOTE_ROW;
      g.drawString(line, MARGIN, noteY - 5);
    }
    for (int i = 0; i < panels.size(); i++) {
      XYChart chart = panels.get(i);
      if (chart == null) {
        continue;
      }
      int px = MARGIN + (i % columns) * panelWidth;
      int py = gridTop + (i / columns) * panelHeight;
      Graphics2D pg = (Graphics2D) g.create();
      pg.translate(px, py);
      pg.clip(new Rectangle2D.Double(0, 0, panelWidth, panelHeight));
      chart.paint(pg, panelWidth, panelHeight);
      pg.dispose();
    }
    if (colourBar != null) {
      Graphics2D bg = (Graphics2D) g.create();
      bg.translate(MARGIN + gridWidth(), gridTop);
      colourBar.paint(bg, BAR_WIDTH, Math.min(rows() * panelHeight, 520));
      bg.dispose();
    }
  }

  /** The figure as PNG bytes (one image pixel per figure unit). */
  byte[] png() throws IOException {
    BufferedImage image = new BufferedImage(width(), height(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      paint(g);
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (!ImageIO.write(image, "png", out)) {
      throw new IOException("no PNG writer available in this Java runtime");
    }
    return out.toByteArray();
  }

  /** Writes the figure as SVG. */
  void svg(OutputStream out) throws IOException {
    VectorGraphics2D g = new VectorGraphics2D();
    paint(g);
    new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, width(), height()))
        .writeTo(out);
  }

  private List<List<LegendItem>> legendRows() {
    List<List<LegendItem>> rows = new ArrayList<>();
    FontMetrics fm = metrics(LEGEND_FONT);
    int available = width() - 2 * MARGIN;
    List<LegendItem> row = new ArrayList<>();
    int used = 0;
    for (LegendItem item : legend) {
      int w = item.width(fm) + 22;
      if (!row.isEmpty() && used + w > available) {
        rows.add(row);
        row = new ArrayList<>();
        used = 0;
      }
      row.add(item);
      used += w;
    }
    if (!row.isEmpty()) {
      rows.add(row);
    }
    return rows;
  }

  private List<String> wrappedNotes() {
    FontMetrics fm = metrics(NOTE_FONT);
    int available = width() - 2 * MARGIN;
    List<String> lines = new ArrayList<>();
    for (String note : notes) {
      StringBuilder line = new StringBuilder();
      for (String word : note.split(" ")) {
        String candidate = line.length() == 0 ? word : line + " " + word;
        if (line.length() > 0 && fm.stringWidth(candidate) > available) {
          lines.add(line.toString());
          line = new StringBuilder("  " + word);
        } else {
          line = new StringBuilder(candidate);
        }
      }
      lines.add(line.toString());
    }
    return lines;
  }

  static FontMetrics metrics(Font font) {
    BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = scratch.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      return g.getFontMetrics(font);
    } finally {
      g.dispose();
    }
  }

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
          return polygon(x, y, new double[] {0, h * 1.1, -h * 1.1}, new double[] {-h * 1.15, h * 0.8, h * 0.8});
        case TRIANGLE_DOWN:
          return polygon(x, y, new double[] {0, h * 1.1, -h * 1.1}, new double[] {h * 1.15, -h * 0.8, -h * 0.8});
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
      g.setFont(LEGEND_FONT);
      FontMetrics fm = g.getFontMetrics();
      int tx = x + sample + (sample > 0 ? 6 : 0);
      g.drawString(label, tx, cy + fm.getAscent() / 2 - 2);
      return width(fm);
    }
  }

  /**
   * A vertical colour bar: the colour map from bottom (0) to top (1), with labelled ticks.
   */
  static final class ColourBar {
    private final String title;
    private final Colormap colormap;
    private final List<double[]> ticks = new ArrayList<>(); // {position in [0,1], labelled? 1 : 0}
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

    void paint(Graphics2D g, int width, int height) {
      int top = 46;
      int bottom = height - 50;
      int x = 14;
      int w = 22;
      g.setFont(BAR_FONT);
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

  /**
   * A sequential colour map: linear interpolation in sRGB between control colours at equal spacing.
   */
  static final class Colormap {
    private final Color[] stops;

    Colormap(Color... stops) {
      this.stops = stops.clone();
    }

    /** The colour at t in [0, 1] (clamped; NaN gives the first colour). */
    Color colour(double t) {
      if (!(t > 0)) {
        return stops[0];
      }
      if (t >= 1) {
        return stops[stops.length - 1];
      }
      double p = t * (stops.length - 1);
      int i = (int) Math.floor(p);
      double f = p - i;
      Color a = stops[i];
      Color b = stops[i + 1];
      return new Color(mix(a.getRed(), b.getRed(), f), mix(a.getGreen(), b.getGreen(), f),
          mix(a.getBlue(), b.getBlue(), f));
    }

    private static int mix(int a, int b, double f) {
      return (int) Math.round(a + (b - a) * f);
    }
  }
}
