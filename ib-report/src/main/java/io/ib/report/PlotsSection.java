package io.ib.report;

import java.util.Base64;
import java.util.List;

/**
 * The plots section of {@code report.html}: every figure inlined as a PNG {@code data:} URI, numbered,
 * with its caption and links to its SVG and PNG files, under one heading per kind of plot.
 */
final class PlotsSection {
  private final StringBuilder out;
  private final CapacityLabel capacity;

  PlotsSection(StringBuilder out, CapacityLabel capacity) {
    this.out = out;
    this.capacity = capacity;
  }

  void write(List<EmbeddedPlot> plots) {
    if (plots.isEmpty()) {
      return;
    }
    out.append("<section id=\"plots\">\n<h2>Plots</h2>\n");
    PlotFile.Kind current = null;
    int number = 0;
    for (EmbeddedPlot e : plots) {
      if (e.plot().kind() != current) {
        current = e.plot().kind();
        out.append("<h3>").append(HtmlText.escape(heading(current))).append("</h3>\n");
        out.append("<p>").append(HtmlText.escape(intro(current))).append("</p>\n");
      }
      number++;
      out.append("<figure id=\"figure-").append(number).append("\">\n<img src=\"data:image/png;base64,")
          .append(Base64.getEncoder().encodeToString(e.png())).append("\" width=\"").append(e.width())
          .append("\" height=\"").append(e.height()).append("\" alt=\"")
          .append(HtmlText.escape(e.plot().title()))
          .append("\">\n<figcaption><strong>Figure ").append(number).append(". ")
          .append(HtmlText.escape(e.plot().title())).append(".</strong> ")
          .append(HtmlText.escape(e.plot().caption()))
          .append(" <span class=\"files\">(<a href=\"").append(HtmlText.escape(e.svgLink()))
          .append("\">SVG</a>, <a href=\"")
          .append(HtmlText.escape(e.pngLink())).append("\">PNG</a>)</span></figcaption>\n</figure>\n");
    }
    out.append("</section>\n");
  }

  private String heading(PlotFile.Kind kind) {
    return switch (kind) {
      case INFORMATION_PLANE -> "Information planes (one per estimator)";
      case PROGRESS -> "Training progress (one per " + capacity.one(capacity.noun()) + ")";
      case CAPACITY -> "Capacity summary";
      case RESOLUTION -> "Resolution sweeps";
    };
  }

  private String intro(PlotFile.Kind kind) {
    return switch (kind) {
      case INFORMATION_PLANE -> "Each estimator string gets its own plane: values measured at different"
          + " resolutions or with different estimators are not comparable with each other.";
      case PROGRESS -> "How the estimates and the test metrics move during training, for one width at a"
          + " time.";
      case CAPACITY -> "Where training ended, as a function of " + capacity.the(capacity.noun()) + ".";
      case RESOLUTION -> "The same layers measured at several resolutions of one estimator: a check of"
          + " whether the chosen resolution separates the widths at all.";
    };
  }
}
