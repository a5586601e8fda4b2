package io.ib.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.ib.sweep.Cell;
import io.ib.sweep.CompressionSummary;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The HTML text of {@code report.html}: one self-contained page (inline CSS, PNGs as base64
 * {@code data:} URIs, no scripts, no external resources). Every text taken from the run is escaped.
 */
final class Html {
  /**
   * A plot with its PNG bytes and the file names relative to the run directory.
   *
   * @param plot the plot
   * @param png the PNG bytes to inline
   * @param width PNG width in pixels
   * @param height PNG height in pixels
   * @param pngLink relative link to the PNG file
   * @param svgLink relative link to the SVG file
   */
  record Embedded(PlotFile plot, byte[] png, int width, int height, String pngLink, String svgLink) {}

  // Whole seconds: the manifest's nanoseconds are noise to a reader and make times hard to compare.
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'",
      Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final Pattern ISO_INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T[0-9:.,]+Z");
  private static final Set<String> RUN_FIELDS = Set.of("format", "status", "started", "finished",
      "error", "config", "config_sha256", "seed_derivation", "dataset", "provenance", "cells");

  private final RunData run;
  private final Aggregates agg;
  private final StringBuilder out = new StringBuilder(1 << 16);
  private CompressionSummary compression;
  /** Whether a value in the summary tables was left out of its mean because it is not finite. */
  private boolean leftOutInTables;

  private Html(RunData run, Aggregates agg) {
    this.run = run;
    this.agg = agg;
  }

  /** The page of a run, its aggregates and its plots, generated at the given time. */
  static String render(RunData run, Aggregates agg, List<Embedded> plots, Instant generated) {
    return render(run, agg, plots, generated, null);
  }

  /** The page, with a section on compression when {@code compression} is not null. */
  static String render(RunData run, Aggregates agg, List<Embedded> plots, Instant generated,
      CompressionSummary compression) {
    Html html = new Html(run, agg);
    html.compression = compression;
    return html.page(plots, generated);
  }

  /** Escapes text for HTML element content and attribute values. */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  private String page(List<Embedded> plots, Instant generated) {
    String name = run.directory().toAbsolutePath().normalize().getFileName() == null ? run.directory().toString()
        : run.directory().toAbsolutePath().normalize().getFileName().toString();
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(escape("ib sweep report \u2014 " + name)).append("</title>\n")
        .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
    out.append("<h1>").append(escape("Information-bottleneck capacity sweep: " + name)).append("</h1>\n");
    out.append("<p class=\"meta\">Run directory <code>")
        .append(escape(run.directory().toAbsolutePath().normalize().toString()))
        .append("</code>. Report generated ").append(escape(time(generated)))
        .append(" by ib-report. All information values are in bits.</p>\n");
    status();
    contents(plots);
    summary();
    compressionSection();
    plotsSection(plots);
    configuration();
    cells();
    notes();
    out.append("</body>\n</html>\n");
    return out.toString();
  }

  // ---------------------------------------------------------------- status

  private void status() {
    String status = run.status();
    JsonNode m = run.manifest();
    List<RunData.CellStatus> cells = run.cells();
    long finished = cells.stream().filter(RunData.CellStatus::finished).count();
    out.append("<section id=\"status\">\n<h2>Status</h2>\n");
    out.append("<p class=\"status status-").append(escape(status.replaceAll("[^a-z]", ""))).append("\">Status: <strong>")
        .append(escape(status)).append("</strong>; ").append(finished).append(" of ").append(cells.size())
        .append(" cells finished");
    String started = m.path("started").asText("");
    String ended = m.path("finished").asText("");
    if (!started.isEmpty()) {
      out.append("; started ").append(escape(time(started)));
    }
    if (!ended.isEmpty() && !"null".equals(ended)) {
      out.append(", ended ").append(escape(time(ended)));
      String d = duration(started, ended);
      if (d != null) {
        out.append(" (").append(escape(d)).append(")");
      }
    }
    out.append(".</p>\n");
    if ("failed".equals(status)) {
      out.append("<p class=\"warn\">The run failed: ")
          .append(escape(m.path("error").asText("(no reason recorded)"))).append("</p>\n");
    }
    if (run.partial()) {
      List<String> missing = new ArrayList<>();
      List<String> unfinished = new ArrayList<>();
      for (RunData.CellStatus c : cells) {
        String label = "k = " + c.width() + ", seed " + c.seed();
        if (c.measuredSteps() == 0) {
          missing.add(label);
        } else if (!c.finished()) {
          unfinished.add(label + " (up to step " + c.lastStep() + ")");
        }
      }
      out.append("<p class=\"warn\"><strong>Partial run.</strong> Tables and plots show the measurements"
          + " written so far");
      if (!unfinished.isEmpty()) {
        out.append("; unfinished cells: ").append(escape(String.join("; ", unfinished)));
      }
      if (!missing.isEmpty()) {
        out.append("; cells without measurements: ").append(escape(String.join("; ", missing)));
      }
      out.append(".</p>\n");
    }
    if (run.rows().isEmpty()) {
      out.append("<p class=\"warn\">No measurements yet: <code>measurements.csv</code> holds only its"
          + " header.</p>\n");
    }
    out.append("</section>\n");
  }

  private void contents(List<Embedded> plots) {
    out.append("<nav><strong>Contents:</strong> <a href=\"#summary\">Summary table</a>");
    if (compression != null && !compression.groups().isEmpty()) {
      out.append(" \u00b7 <a href=\"#compression\">Compression</a>");
    }
    if (!plots.isEmpty()) {
      out.append(" \u00b7 <a href=\"#plots\">Plots</a>");
    }
    out.append(" \u00b7 <a href=\"#configuration\">Configuration and provenance</a>")
        .append(" \u00b7 <a href=\"#cells\">Cells and timings</a>")
        .append(" \u00b7 <a href=\"#notes\">Reading the numbers</a></nav>\n");
  }

  // ---------------------------------------------------------------- summary table

  private void summary() {
    out.append("<section id=\"summary\">\n<h2>Summary: final values</h2>\n");
    out.append("<p>Per layer and bottleneck width k: test accuracy and the last I(X;T), I(T;Y) (bits) of"
        + " each estimator at each cell's last measured step, mean \u00b1 sample sd over seeds (the mean"
        + " alone for one seed).</p>\n");
    List<Integer> widths = run.widths();
    if (run.rows().isEmpty()) {
      out.append("<p>No measurements.</p>\n</section>\n");
      return;
    }
    List<String> layers = run.layers();
    List<String> estimators = run.estimators();
    if (layers.isEmpty()) {
      table(null, widths, List.of());
    }
    for (String layer : layers) {
      out.append("<h3>").append(escape("Layer " + run.layerLabel(layer))).append("</h3>\n");
      table(layer, widths, estimators);
    }
    if (leftOutInTables) {
      out.append("<p class=\"warn\">Some final values are not finite (NaN or \u00b1infinity, e.g. of a"
          + " diverged run): they are left out of these means and spreads, and of the seed counts.</p>\n");
    }
    double[] ceil = agg.ceilings(null, null);
    if (Double.isFinite(ceil[0])) {
      out.append("<p class=\"small\">Ceilings: log2 n = ").append(fmt(ceil[0], 3))
          .append(" bits for I(X;T), H(Y) = ").append(fmt(ceil[1], 3)).append(" bits for I(T;Y).</p>\n");
    }
    out.append("</section>\n");
  }

  private void table(String layer, List<Integer> widths, List<String> estimators) {
    out.append("<div class=\"scroll\"><table class=\"summary\">\n<thead><tr><th rowspan=\"2\">k</th>")
        .append("<th rowspan=\"2\">seeds</th><th rowspan=\"2\">last step</th>")
        .append("<th rowspan=\"2\">test accuracy</th>");
    for (String e : estimators) {
      out.append("<th colspan=\"2\" class=\"est\"><code>").append(escape(e)).append("</code></th>");
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
      for (String e : estimators) {
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
    return escape(stat.format(decimals));
  }

  // ---------------------------------------------------------------- compression

  private void compressionSection() {
    if (compression == null || compression.groups().isEmpty()) {
      return;
    }
    out.append("<section id=\"compression\">\n<h2>Compression of I(X;T)</h2>\n");
    out.append("<p>Per estimator, bottleneck width k and layer: the peak of I(X;T) over the"
        + " measurements, the epoch of the peak, the last value and the drop (peak minus last), in"
        + " bits; mean over the seeds that learned, with [min .. max] when there are several. A drop of"
        + " several bits while I(T;Y) rises is what Shwartz-Ziv &amp; Tishby call compression. Runs"
        + " whose final accuracy is within " + CompressionSummary.LEARNED_MARGIN + " of the"
        + " majority-class rate never learned: they are counted, not averaged in. The same numbers,"
        + " per run too, are in <code>compression.csv</code>.</p>\n");
    out.append("<table>\n<thead><tr><th>estimator</th><th>k</th><th>layer</th><th>peak</th>"
        + "<th>epoch of peak</th><th>last</th><th>drop</th><th>seeds</th><th>never learned</th>"
        + "</tr></thead>\n<tbody>\n");
    for (CompressionSummary.Group g : compression.groups()) {
      out.append("<tr><td><code>").append(escape(g.estimator())).append("</code></td><td>")
          .append(g.width()).append("</td><td>").append(escape(run.layerLabel(g.layer())))
          .append("</td><td>").append(escape(compressionStat(g.peakBits(), 3))).append("</td><td>")
          .append(escape(compressionStat(g.peakEpoch(), 0))).append("</td><td>")
          .append(escape(compressionStat(g.lastBits(), 3))).append("</td><td>")
          .append(escape(compressionStat(g.dropBits(), 3))).append("</td><td>").append(g.seeds())
          .append("</td><td>").append(g.notLearned()).append("</td></tr>\n");
    }
    out.append("</tbody>\n</table>\n");
    if (!compression.notLearned().isEmpty()) {
      out.append("<p class=\"warning\">Never learned: ")
          .append(escape(compression.notLearned().toString())).append(".</p>\n");
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
    List<String> clipping = compression.groups().stream().map(CompressionSummary.Group::estimator)
        .distinct().filter(e -> Specs.fixedRange(e) != null).toList();
    if (clipping.isEmpty()) {
      return;
    }
    out.append("<p class=\"warning\"><b>Clipping.</b> The hidden layers are ")
        .append(escape(run.activation())).append(", unbounded, and ");
    for (int i = 0; i < clipping.size(); i++) {
      out.append(i == 0 ? "" : i == clipping.size() - 1 ? " and " : ", ").append("<code>")
          .append(escape(clipping.get(i))).append("</code> (over ")
          .append(escape(Specs.fixedRange(clipping.get(i)))).append(")");
    }
    out.append(clipping.size() == 1 ? " bins" : " bin").append(" over a fixed range: every value"
        + " beyond it falls into the edge bin. As training drives activations past the range, more"
        + " samples share that bin and I(X;T) falls although the layer keeps the information: the"
        + " artifact Saxe et al. (2018) showed in the IDNNs code. A drop under such an estimator is"
        + " compression only if estimators without a fixed range (bin widths, per-layer ranges,"
        + " kernels) show it too.");
    String bottleneck = run.bottleneck();
    List<String> drops = compression.groups().stream()
        .filter(g -> g.layer().equals(bottleneck) && !Double.isNaN(g.dropBits().mean()))
        .map(g -> "<code>" + escape(g.estimator()) + "</code> " + String.format(Locale.ROOT,
            "%.3f", g.dropBits().mean()) + " (k = " + g.width() + ")")
        .toList();
    if (bottleneck != null && !drops.isEmpty()) {
      out.append(" Mean drops at the bottleneck here: ").append(String.join(", ", drops)).append(".");
    }
    out.append("</p>\n");
  }

  private static String compressionStat(CompressionSummary.Stat s, int decimals) {
    return s.format(decimals, " .. ", "\u2013");
  }

  // ---------------------------------------------------------------- plots

  private void plotsSection(List<Embedded> plots) {
    if (plots.isEmpty()) {
      return;
    }
    out.append("<section id=\"plots\">\n<h2>Plots</h2>\n");
    PlotFile.Kind current = null;
    int number = 0;
    for (Embedded e : plots) {
      if (e.plot().kind() != current) {
        current = e.plot().kind();
        out.append("<h3>").append(escape(heading(current))).append("</h3>\n");
        out.append("<p>").append(escape(intro(current))).append("</p>\n");
      }
      number++;
      out.append("<figure id=\"figure-").append(number).append("\">\n<img src=\"data:image/png;base64,")
          .append(Base64.getEncoder().encodeToString(e.png())).append("\" width=\"").append(e.width())
          .append("\" height=\"").append(e.height()).append("\" alt=\"").append(escape(e.plot().title()))
          .append("\">\n<figcaption><strong>Figure ").append(number).append(". ")
          .append(escape(e.plot().title())).append(".</strong> ").append(escape(e.plot().caption()))
          .append(" <span class=\"files\">(<a href=\"").append(escape(e.svgLink())).append("\">SVG</a>, <a href=\"")
          .append(escape(e.pngLink())).append("\">PNG</a>)</span></figcaption>\n</figure>\n");
    }
    out.append("</section>\n");
  }

  private static String heading(PlotFile.Kind kind) {
    return switch (kind) {
      case INFORMATION_PLANE -> "Information planes (one per estimator)";
      case PROGRESS -> "Training progress (one per bottleneck width)";
      case CAPACITY -> "Capacity summary";
      case RESOLUTION -> "Resolution sweeps";
    };
  }

  private static String intro(PlotFile.Kind kind) {
    return switch (kind) {
      case INFORMATION_PLANE -> "Each estimator string gets its own plane: values measured at different"
          + " resolutions or with different estimators are not comparable with each other.";
      case PROGRESS -> "How the estimates and the test metrics move during training, for one width at a"
          + " time.";
      case CAPACITY -> "Where training ended, as a function of the bottleneck width.";
      case RESOLUTION -> "The same layers measured at several resolutions of one estimator: a check of"
          + " whether the chosen resolution separates the widths at all.";
    };
  }

  // ---------------------------------------------------------------- configuration, provenance

  private void configuration() {
    JsonNode m = run.manifest();
    out.append("<section id=\"configuration\">\n<h2>Configuration and provenance</h2>\n");
    Map<String, String> runRows = new LinkedHashMap<>();
    put(runRows, "format", m.get("format"));
    put(runRows, "status", m.get("status"));
    put(runRows, "started", m.get("started"));
    put(runRows, "finished", m.get("finished"));
    put(runRows, "error", m.get("error"));
    put(runRows, "config_sha256", m.get("config_sha256"));
    put(runRows, "seed_derivation", m.get("seed_derivation"));
    for (Map.Entry<String, JsonNode> f : m.properties()) {
      if (!RUN_FIELDS.contains(f.getKey())) {
        flatten(runRows, f.getKey(), f.getValue());
      }
    }
    keyValues("Run", runRows);
    Map<String, String> config = new LinkedHashMap<>();
    flatten(config, "", m.path("config"));
    keyValues("Configuration", config);
    JsonNode dataset = m.path("dataset");
    Map<String, String> data = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> f : dataset.properties()) {
      if (!f.getKey().equals("files")) {
        flatten(data, f.getKey(), f.getValue());
      }
    }
    keyValues("Dataset", data);
    if (dataset.path("files").isArray() && dataset.path("files").size() > 0) {
      out.append("<div class=\"scroll\"><table class=\"kv\"><thead><tr><th>file</th><th>bytes</th>"
          + "<th>SHA-256</th></tr></thead><tbody>\n");
      for (JsonNode f : dataset.path("files")) {
        out.append("<tr><td><code>").append(escape(f.path("name").asText())).append("</code></td><td>")
            .append(escape(f.path("bytes").asText())).append("</td><td><code>")
            .append(escape(f.path("sha256").asText())).append("</code></td></tr>\n");
      }
      out.append("</tbody></table></div>\n");
    }
    Map<String, String> prov = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> f : m.path("provenance").properties()) {
      if (f.getKey().equals("command_line") && f.getValue().isArray()) {
        List<String> parts = new ArrayList<>();
        f.getValue().forEach(v -> parts.add(v.asText()));
        prov.put("command_line", String.join(" ", parts));
      } else {
        flatten(prov, f.getKey(), f.getValue());
      }
    }
    keyValues("Provenance", prov);
    out.append("</section>\n");
  }

  private void keyValues(String title, Map<String, String> rows) {
    out.append("<h3>").append(escape(title)).append("</h3>\n");
    if (rows.isEmpty()) {
      out.append("<p class=\"small\">Not recorded in sweep.json.</p>\n");
      return;
    }
    out.append("<table class=\"kv\"><tbody>\n");
    rows.forEach((k, v) -> out.append("<tr><th>").append(escape(k)).append("</th><td>").append(escape(v))
        .append("</td></tr>\n"));
    out.append("</tbody></table>\n");
  }

  private static void put(Map<String, String> rows, String key, JsonNode v) {
    if (v != null && !v.isNull() && !v.isMissingNode()) {
      flatten(rows, key, v);
    }
  }

  /**
   * Flattens JSON into readable rows: nested keys joined by '.', arrays of scalars by ", ", times (the
   * manifest's started, finished, resumed and analyses entries) as {@link #time(String)} shows them.
   */
  static void flatten(Map<String, String> rows, String prefix, JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return;
    }
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> f : node.properties()) {
        flatten(rows, prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(), f.getValue());
      }
    } else if (node.isArray()) {
      boolean scalars = true;
      for (JsonNode v : node) {
        scalars &= v.isValueNode();
      }
      if (scalars) {
        List<String> parts = new ArrayList<>();
        node.forEach(v -> parts.add(v.asText()));
        rows.put(prefix, String.join(", ", parts));
      } else {
        int i = 0;
        for (JsonNode v : node) {
          flatten(rows, prefix + "[" + i++ + "]", v);
        }
      }
    } else {
      rows.put(prefix, node.isNull() ? "null" : time(node.asText()));
    }
  }

  // ---------------------------------------------------------------- cells

  private void cells() {
    out.append("<section id=\"cells\">\n<h2>Cells and timings</h2>\n");
    List<RunData.CellStatus> cells = run.cells();
    if (cells.isEmpty()) {
      out.append("<p>No cells recorded.</p>\n</section>\n");
      return;
    }
    Map<Cell, JsonNode> manifestCells = new HashMap<>();
    run.manifest().path("cells").forEach(c -> manifestCells.put(new Cell(c.path("width").asInt(),
        c.path("seed").asLong()), c));
    out.append("<div class=\"scroll\"><table class=\"summary\"><thead><tr><th>k</th><th>seed</th>"
        + "<th>state</th><th>measurement steps</th><th>last step</th><th>final test accuracy</th>"
        + "<th>training [s]</th><th>evaluation [s]</th><th>estimators [s]</th></tr></thead><tbody>\n");
    for (RunData.CellStatus c : cells) {
      JsonNode mc = manifestCells.get(new Cell(c.width(), c.seed()));
      String state = c.finished() ? "finished" : c.measuredSteps() > 0 ? "unfinished" : "not started";
      out.append("<tr><td>").append(c.width()).append("</td><td>").append(c.seed()).append("</td><td>")
          .append(state).append("</td><td>").append(c.measuredSteps()).append("</td><td>")
          .append(c.lastStep() < 0 ? "\u2013" : Integer.toString(c.lastStep())).append("</td><td>")
          .append(mc == null ? "\u2013" : fmt(mc.path("final_test_accuracy").asDouble(Double.NaN), 4))
          .append("</td><td>").append(mc == null ? "\u2013" : fmt(mc.path("training_seconds").asDouble(Double.NaN), 2))
          .append("</td><td>").append(mc == null ? "\u2013" : fmt(mc.path("evaluation_seconds").asDouble(Double.NaN), 2))
          .append("</td><td class=\"wrap\">");
      if (mc != null && mc.path("estimator_seconds").isObject()) {
        List<String> parts = new ArrayList<>();
        mc.path("estimator_seconds").properties().forEach(f -> parts.add(f.getKey() + ": "
            + fmt(f.getValue().asDouble(Double.NaN), 2)));
        out.append(escape(String.join("; ", parts)));
      } else {
        out.append("\u2013");
      }
      out.append("</td></tr>\n");
    }
    out.append("</tbody></table></div>\n</section>\n");
  }

  // ---------------------------------------------------------------- notes

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
    if (run.estimators().stream().anyMatch(e -> e.startsWith("per-unit"))) {
      out.append("<li><code>per-unit</code> reproduces the original notebook: it averages MI of single"
          + " units with single pixels and is not a whole-layer estimate; its I(X;T) is about 0 because the"
          + " pixels it pairs with units are blank border pixels.</li>\n");
    }
    out.append("<li>Short runs show mostly the fitting phase; compression phases reported in the"
        + " literature took thousands of epochs. Runs vary with the seed: look at the spread.</li>\n")
        .append("</ul>\n</section>\n");
  }

  // ---------------------------------------------------------------- helpers

  private static String duration(String start, String end) {
    try {
      Duration d = Duration.between(Instant.parse(start), Instant.parse(end));
      long s = d.getSeconds();
      return s >= 3600 ? String.format(Locale.ROOT, "%dh %02dm %02ds", s / 3600, (s / 60) % 60, s % 60)
          : s >= 60 ? String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60)
          : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** A time as the report shows it, to the second in UTC, e.g. {@code 2026-12-03 09:31:15 UTC}. */
  static String time(Instant t) {
    return TIME.format(t);
  }

  /**
   * {@link #time(Instant)} of an ISO-8601 instant as the manifest writes it
   * ({@code 2026-12-03T09:31:15.123456789Z}); other text unchanged.
   */
  static String time(String text) {
    if (!ISO_INSTANT.matcher(text).matches()) {
      return text;
    }
    try {
      return time(Instant.parse(text));
    } catch (DateTimeParseException e) {
      return text;
    }
  }

  private static String fmt(double v, int decimals) {
    return Double.isNaN(v) ? "\u2013" : String.format(Locale.ROOT, "%." + decimals + "f", v);
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
