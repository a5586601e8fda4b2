package io.ib.report;

import io.ib.sweep.CompressionSummary;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The HTML text of {@code report.html}: one self-contained page (inline CSS, PNGs as base64
 * {@code data:} URIs, no scripts, no external resources). Every text taken from the run is escaped
 * ({@link HtmlText}).
 *
 * <p>The page, in order: title, status ({@link RunMetadataSections}), contents, summary tables
 * ({@link SummaryTables}), plots ({@link PlotsSection}), compression ({@link CompressionSection}),
 * configuration and provenance, cells and timings ({@link RunMetadataSections}), reading notes.
 */
final class Html {
  private final RunData run;
  private final Aggregates agg;
  private final CompressionSummary compression;
  private final StringBuilder out = new StringBuilder(1 << 16);

  private Html(RunData run, Aggregates agg, CompressionSummary compression) {
    this.run = run;
    this.agg = agg;
    this.compression = compression;
  }

  /** The page of a run, its aggregates and its plots, generated at the given time. */
  static String render(RunData run, Aggregates agg, List<EmbeddedPlot> plots, Instant generated) {
    return render(run, agg, plots, generated, null);
  }

  /** The page, with a section on compression when {@code compression} is not null. */
  static String render(RunData run, Aggregates agg, List<EmbeddedPlot> plots, Instant generated,
      CompressionSummary compression) {
    return new Html(run, agg, compression).page(plots, generated);
  }

  private String page(List<EmbeddedPlot> plots, Instant generated) {
    Path fileName = run.directory().toAbsolutePath().normalize().getFileName();
    String name = fileName == null ? run.directory().toString() : fileName.toString();
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(HtmlText.escape("ib sweep report \u2014 " + name)).append("</title>\n")
        .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
    out.append("<h1>").append(HtmlText.escape("Information-bottleneck capacity sweep: " + name))
        .append("</h1>\n");
    out.append("<p class=\"meta\">Run directory <code>")
        .append(HtmlText.escape(run.directory().toAbsolutePath().normalize().toString()))
        .append("</code>. Report generated ").append(HtmlText.escape(HtmlText.time(generated)))
        .append(" by ib-report. All information values are in bits.</p>\n");
    RunMetadataSections metadata = new RunMetadataSections(run, out);
    metadata.status();
    contents(plots);
    new SummaryTables(run, agg, out).write();
    // The plots before the compression table, which grows with estimators x widths x layers.
    new PlotsSection(out, run.capacity()).write(plots);
    new CompressionSection(run, compression, out).write();
    metadata.configuration();
    metadata.cells();
    notes();
    out.append("</body>\n</html>\n");
    return out.toString();
  }

  private void contents(List<EmbeddedPlot> plots) {
    out.append("<nav><strong>Contents:</strong> <a href=\"#summary\">Summary table</a>");
    if (!plots.isEmpty()) {
      out.append(" \u00b7 <a href=\"#plots\">Plots</a>");
    }
    if (CompressionSection.present(compression)) {
      out.append(" \u00b7 <a href=\"#compression\">Compression</a>");
    }
    out.append(" \u00b7 <a href=\"#configuration\">Configuration and provenance</a>")
        .append(" \u00b7 <a href=\"#cells\">Cells and timings</a>")
        .append(" \u00b7 <a href=\"#notes\">Reading the numbers</a></nav>\n");
  }

  private void notes() {
    out.append("<section id=\"notes\">\n<h2>Reading the numbers</h2>\n<ul>\n")
        .append("<li>Every estimate treats a layer T as one whole variable and is named by its estimator"
            + " and all parameters; compare points only under the same estimator string.</li>\n")
        .append("<li>Ceilings: I(X;T) \u2264 log2 n for n distinct inputs and a deterministic network,"
            + " I(T;Y) \u2264 H(Y). Points at both ceilings for every width mean the resolution is too fine"
            + " (every test image its own bin), not that the network is perfect; too coarse a resolution"
            + " gives 0.</li>\n")
        .append("<li>A deterministic network has no single \u201ctrue\u201d I(X;T): these numbers measure how"
            + " the test set clusters in the layer at the stated resolution.</li>\n");
    if (run.estimators().stream().anyMatch(e -> e.name().equals("per-unit"))) {
      out.append("<li><code>per-unit</code> reproduces the original notebook: it averages MI of single"
          + " units with single pixels and is not a whole-layer estimate; its I(X;T) is about 0 because the"
          + " pixels it pairs with units are blank border pixels.</li>\n");
    }
    out.append("<li>Short runs show mostly the fitting phase; compression phases reported in the"
        + " literature took thousands of epochs. Runs vary with the seed: look at the spread.</li>\n")
        .append("</ul>\n</section>\n");
  }

  private static final String CSS = """
      body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
             margin: 1.5rem auto; max-width: 1500px; padding: 0 1rem; color: #1a1a1a; line-height: 1.45; }
      h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
      h2 { font-size: 1.3rem; border-bottom: 1px solid #ccc; padding-bottom: 0.2rem; margin-top: 2rem; }
      h3 { font-size: 1.1rem; margin-top: 1.4rem; }
      code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.92em; }
      .meta, .small { color: #555; font-size: 0.9rem; }
      nav { margin: 0.8rem 0; font-size: 0.95rem; }
      .warn { background: #fff4e5; border-left: 4px solid #e69f00; padding: 0.5rem 0.8rem; }
      .status-complete strong { color: #00704a; }
      .status-failed strong { color: #b00020; }
      .status-running strong { color: #a06000; }
      .scroll { overflow-x: auto; }
      table { border-collapse: collapse; margin: 0.5rem 0 1rem; font-size: 0.9rem; }
      th, td { border: 1px solid #d0d0d0; padding: 0.25rem 0.55rem; text-align: left; vertical-align: top; }
      table.summary td { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
      table.summary th { background: #f3f3f3; text-align: center; }
      table.kv th { background: #f7f7f7; font-weight: 600; white-space: nowrap; }
      table.kv td { overflow-wrap: anywhere; }
      td.wrap { white-space: normal !important; text-align: left !important; min-width: 18rem; }
      figure { margin: 1rem 0 2rem; }
      figure img { max-width: 100%; height: auto; border: 1px solid #e2e2e2; }
      figcaption { font-size: 0.92rem; color: #333; max-width: 1200px; }
      """;
}
