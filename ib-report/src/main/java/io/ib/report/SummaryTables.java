package io.ib.report;

import io.ib.info.EstimatorSpec;
import io.ib.sweep.Layer;
import java.util.List;

/**
 * The summary tables of {@code report.html}: per layer and bottleneck width, test accuracy and the
 * final I(X;T), I(T;Y) (bits) of every estimator, mean ± sample sd over seeds.
 */
final class SummaryTables {
  private final RunData run;
  private final Aggregates agg;
  private final StringBuilder out;
  /** Whether a value in the summary tables was left out of its mean because it is not finite. */
  private boolean leftOutInTables;

  SummaryTables(RunData run, Aggregates agg, StringBuilder out) {
    this.run = run;
    this.agg = agg;
    this.out = out;
  }

  void write() {
    out.append("<section id=\"summary\">\n<h2>Summary: final values</h2>\n");
    out.append("<p>Per layer and ").append(HtmlText.escape(run.capacity().axis()))
        .append(": test accuracy and the last I(X;T), I(T;Y) (bits) of"
        + " each estimator at each cell's last measured step, mean \u00b1 sample sd over seeds (the mean"
        + " alone for one seed).</p>\n");
    List<Integer> widths = run.widths();
    if (run.rows().isEmpty()) {
      out.append("<p>No measurements.</p>\n</section>\n");
      return;
    }
    List<Layer> layers = run.layers();
    List<EstimatorSpec> estimators = run.estimators();
    if (layers.isEmpty()) {
      table(null, widths, List.of());
    }
    for (Layer layer : layers) {
      out.append("<h3>").append(HtmlText.escape("Layer " + run.layerLabel(layer))).append("</h3>\n");
      table(layer, widths, estimators);
    }
    if (leftOutInTables) {
      out.append("<p class=\"warn\">Some final values are not finite (NaN or \u00b1infinity, e.g. of a"
          + " diverged run): they are left out of these means and spreads, and of the seed counts.</p>\n");
    }
    double[] ceil = agg.ceilings(null, null);
    if (Double.isFinite(ceil[0])) {
      out.append("<p class=\"small\">Ceilings: log2 n = ").append(HtmlText.fmt(ceil[0], 3))
          .append(" bits for I(X;T), H(Y) = ").append(HtmlText.fmt(ceil[1], 3))
          .append(" bits for I(T;Y).</p>\n");
    }
    out.append("</section>\n");
  }

  private void table(Layer layer, List<Integer> widths, List<EstimatorSpec> estimators) {
    out.append("<div class=\"scroll\"><table class=\"summary\">\n<thead><tr><th rowspan=\"2\">")
        .append(HtmlText.escape(run.capacity().symbol())).append("</th>")
        .append("<th rowspan=\"2\">seeds</th><th rowspan=\"2\">last step</th>")
        .append("<th rowspan=\"2\">test accuracy</th>");
    for (EstimatorSpec e : estimators) {
      out.append("<th colspan=\"2\" class=\"est\"><code>").append(HtmlText.escape(e.toString()))
          .append("</code></th>");
    }
    out.append("</tr>\n<tr>");
    for (int i = 0; i < estimators.size(); i++) {
      out.append("<th>I(X;T)</th><th>I(T;Y)</th>");
    }
    out.append("</tr></thead>\n<tbody>\n");
    for (int w : widths) {
      Aggregates.Final acc = agg.finalAccuracy(w);
      out.append("<tr><td>").append(w).append("</td><td>").append(acc.stat().count()).append("</td><td>")
          .append(acc.firstStep() < 0 ? "\u2013" : acc.mixedSteps() ? acc.firstStep() + "\u2013"
              + acc.lastStep() : Integer.toString(acc.lastStep()))
          .append("</td><td>").append(summaryCell(acc.stat(), 4)).append("</td>");
      for (EstimatorSpec e : estimators) {
        out.append("<td>").append(summaryCell(agg.finalIxt(e, layer, w).stat(), 3)).append("</td><td>")
            .append(summaryCell(agg.finalIty(e, layer, w).stat(), 3)).append("</td>");
      }
      out.append("</tr>\n");
    }
    out.append("</tbody></table></div>\n");
  }

  /** A summary table's entry (escaped), noting whether values were left out of it. */
  private String summaryCell(Stat stat, int decimals) {
    leftOutInTables |= stat.leftOut() > 0;
    return HtmlText.escape(stat.format(decimals));
  }
}
