package io.ib.report;

import io.ib.info.EstimatorSpec;
import io.ib.sweep.CompressionSummary;
import io.ib.sweep.Layer;
import java.util.List;
import java.util.Locale;

/**
 * The compression section of {@code report.html}: peak, last value and drop of I(X;T) per estimator,
 * width and layer, and the warning that a fixed-range estimator on unbounded layers may show clipping.
 */
final class CompressionSection {
  private final RunData run;
  private final CompressionSummary compression;
  private final StringBuilder out;

  CompressionSection(RunData run, CompressionSummary compression, StringBuilder out) {
    this.run = run;
    this.compression = compression;
    this.out = out;
  }

  /** Whether there is a section to write (and a link to it in the contents). */
  static boolean present(CompressionSummary compression) {
    return compression != null && !compression.groups().isEmpty();
  }

  /** Writes the section, if there is one. */
  void write() {
    if (!present(compression)) {
      return;
    }
    out.append("<section id=\"compression\">\n<h2>Compression of I(X;T)</h2>\n");
    out.append("<p>Per estimator, ").append(HtmlText.escape(run.capacity().axis()))
        .append(" and layer: the peak of I(X;T) over the"
        + " measurements, the epoch of the peak, the last value and the drop (peak minus last), in"
        + " bits; mean over the seeds that learned, with [min .. max] when there are several. A drop of"
        + " several bits while I(T;Y) rises is what Shwartz-Ziv &amp; Tishby call compression. Runs"
        + " whose final accuracy is within " + CompressionSummary.LEARNED_MARGIN + " of the"
        + " majority-class rate never learned: they are counted, not averaged in. The same numbers,"
        + " per run too, are in <code>compression.csv</code>.</p>\n");
    out.append("<table>\n<thead><tr><th>estimator</th><th>" + HtmlText.escape(run.capacity().symbol())
        + "</th><th>layer</th><th>peak</th>"
        + "<th>epoch of peak</th><th>last</th><th>drop</th><th>seeds</th><th>never learned</th>"
        + "</tr></thead>\n<tbody>\n");
    for (CompressionSummary.Group g : compression.groups()) {
      out.append("<tr><td><code>").append(HtmlText.escape(g.estimator().toString()))
          .append("</code></td><td>").append(g.width()).append("</td><td>")
          .append(HtmlText.escape(run.layerLabel(g.layer())))
          .append("</td><td>").append(HtmlText.escape(compressionStat(g.peakBits(), 3))).append("</td><td>")
          .append(HtmlText.escape(compressionStat(g.peakEpoch(), 0))).append("</td><td>")
          .append(HtmlText.escape(compressionStat(g.lastBits(), 3))).append("</td><td>")
          .append(HtmlText.escape(compressionStat(g.dropBits(), 3))).append("</td><td>").append(g.seeds())
          .append("</td><td>").append(g.notLearned()).append("</td></tr>\n");
    }
    out.append("</tbody>\n</table>\n");
    if (!compression.notLearned().isEmpty()) {
      out.append("<p class=\"warning\">Never learned: ")
          .append(HtmlText.escape(compression.notLearned().toString())).append(".</p>\n");
    }
    clippingNote();
    out.append("</section>\n");
  }

  /**
   * For unbounded hidden layers measured by an estimator with a fixed range: why their drop there may
   * be clipping, with the bottleneck's drops under every estimator side by side.
   */
  private void clippingNote() {
    if (!run.unboundedActivation()) {
      return;
    }
    List<EstimatorSpec> clipping = compression.groups().stream()
        .map(CompressionSummary.Group::estimator)
        .distinct().filter(e -> Specs.fixedRange(e) != null).toList();
    if (clipping.isEmpty()) {
      return;
    }
    out.append("<p class=\"warning\"><b>Clipping.</b> The hidden layers are ")
        .append(HtmlText.escape(run.activation())).append(", unbounded, and ");
    for (int i = 0; i < clipping.size(); i++) {
      out.append(i == 0 ? "" : i == clipping.size() - 1 ? " and " : ", ").append("<code>")
          .append(HtmlText.escape(clipping.get(i).toString())).append("</code> (over ")
          .append(HtmlText.escape(Specs.fixedRange(clipping.get(i)))).append(")");
    }
    out.append(clipping.size() == 1 ? " bins" : " bin").append(" over a fixed range: every value"
        + " beyond it falls into the edge bin. As training drives activations past the range, more"
        + " samples share that bin and I(X;T) falls although the layer keeps the information: the"
        + " artifact Saxe et al. (2018) showed in the IDNNs code. A drop under such an estimator is"
        + " compression only if estimators without a fixed range (bin widths, per-layer ranges,"
        + " kernels) show it too.");
    Layer bottleneck = run.bottleneck();
    List<String> drops = compression.groups().stream()
        .filter(g -> g.layer().equals(bottleneck) && !Double.isNaN(g.dropBits().mean()))
        .map(g -> "<code>" + HtmlText.escape(g.estimator().toString()) + "</code> "
            + String.format(Locale.ROOT, "%.3f", g.dropBits().mean()) + " ("
            + HtmlText.escape(run.capacity().is(g.width())) + ")")
        .toList();
    if (bottleneck != null && !drops.isEmpty()) {
      out.append(" Mean drops at the bottleneck here: ").append(String.join(", ", drops)).append(".");
    }
    out.append("</p>\n");
  }

  private static String compressionStat(CompressionSummary.Stat s, int decimals) {
    return s.format(decimals, " .. ", "\u2013");
  }
}
