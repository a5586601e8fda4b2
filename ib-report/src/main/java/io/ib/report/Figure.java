package io.ib.report;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
  static final Font NOTE_FONT = new Font(FONT, Font.PLAIN, 13);

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
      colourBar.paint(bg, NOTE_FONT, BAR_WIDTH, Math.min(rows() * panelHeight, 520));
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

  /** The figure as SVG (UTF-8 XML). */
  byte[] svg() throws IOException {
    VectorGraphics2D g = new VectorGraphics2D();
    paint(g);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, width(), height()))
        .writeTo(out);
    return out.toByteArray();
  }

  private List<List<LegendItem>> legendRows() {
    List<List<LegendItem>> rows = new ArrayList<>();
    FontMetrics fm = metrics(LegendItem.FONT);
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
}
