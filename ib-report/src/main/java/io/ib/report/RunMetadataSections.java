package io.ib.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.ib.sweep.Cell;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sections of {@code report.html} that read the run's manifest ({@code sweep.json}) as it is
 * written: the status (times, error, partial cells), the configuration and provenance, and the cells
 * with their timings. The page reads the manifest here and nowhere else.
 */
final class RunMetadataSections {
  private static final Set<String> RUN_FIELDS = Set.of("format", "status", "started", "finished",
      "error", "config", "config_sha256", "seed_derivation", "dataset", "provenance", "cells");

  private final RunData run;
  private final StringBuilder out;

  RunMetadataSections(RunData run, StringBuilder out) {
    this.run = run;
    this.out = out;
  }

  /** Status, times, the failure's reason and which cells are missing or unfinished. */
  void status() {
    String status = run.status();
    JsonNode m = run.manifest();
    List<RunData.CellStatus> cells = run.cells();
    long finished = cells.stream().filter(RunData.CellStatus::finished).count();
    out.append("<section id=\"status\">\n<h2>Status</h2>\n");
    out.append("<p class=\"status status-").append(HtmlText.escape(status.replaceAll("[^a-z]", "")))
        .append("\">Status: <strong>").append(HtmlText.escape(status)).append("</strong>; ")
        .append(finished).append(" of ").append(cells.size()).append(" cells finished");
    String started = m.path("started").asText("");
    String ended = m.path("finished").asText("");
    if (!started.isEmpty()) {
      out.append("; started ").append(HtmlText.escape(HtmlText.time(started)));
    }
    if (!ended.isEmpty() && !"null".equals(ended)) {
      out.append(", ended ").append(HtmlText.escape(HtmlText.time(ended)));
      String d = HtmlText.duration(started, ended);
      if (d != null) {
        out.append(" (").append(HtmlText.escape(d)).append(")");
      }
    }
    out.append(".</p>\n");
    if ("failed".equals(status)) {
      out.append("<p class=\"warn\">The run failed: ")
          .append(HtmlText.escape(m.path("error").asText("(no reason recorded)"))).append("</p>\n");
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
        out.append("; unfinished cells: ").append(HtmlText.escape(String.join("; ", unfinished)));
      }
      if (!missing.isEmpty()) {
        out.append("; cells without measurements: ").append(HtmlText.escape(String.join("; ", missing)));
      }
      out.append(".</p>\n");
    }
    if (run.rows().isEmpty()) {
      out.append("<p class=\"warn\">No measurements yet: <code>measurements.csv</code> holds only its"
          + " header.</p>\n");
    }
    out.append("</section>\n");
  }

  /** Every field of the manifest, as tables: run, configuration, dataset, provenance. */
  void configuration() {
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
        out.append("<tr><td><code>").append(HtmlText.escape(f.path("name").asText()))
            .append("</code></td><td>")
            .append(HtmlText.escape(f.path("bytes").asText())).append("</td><td><code>")
            .append(HtmlText.escape(f.path("sha256").asText())).append("</code></td></tr>\n");
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
    out.append("<h3>").append(HtmlText.escape(title)).append("</h3>\n");
    if (rows.isEmpty()) {
      out.append("<p class=\"small\">Not recorded in sweep.json.</p>\n");
      return;
    }
    out.append("<table class=\"kv\"><tbody>\n");
    rows.forEach((k, v) -> out.append("<tr><th>").append(HtmlText.escape(k)).append("</th><td>")
        .append(HtmlText.escape(v)).append("</td></tr>\n"));
    out.append("</tbody></table>\n");
  }

  private static void put(Map<String, String> rows, String key, JsonNode v) {
    if (v != null && !v.isNull() && !v.isMissingNode()) {
      flatten(rows, key, v);
    }
  }

  /**
   * Flattens JSON into readable rows: nested keys joined by '.', arrays of scalars by ", ", times (the
   * manifest's started, finished, resumed and analyses entries) as {@link HtmlText#time(String)} shows
   * them.
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
      rows.put(prefix, node.isNull() ? "null" : HtmlText.time(node.asText()));
    }
  }

  /** One row per cell: its state, steps and the timings the manifest records. */
  void cells() {
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
          .append(mc == null ? "\u2013"
              : HtmlText.fmt(mc.path("final_test_accuracy").asDouble(Double.NaN), 4))
          .append("</td><td>").append(mc == null ? "\u2013"
              : HtmlText.fmt(mc.path("training_seconds").asDouble(Double.NaN), 2))
          .append("</td><td>").append(mc == null ? "\u2013"
              : HtmlText.fmt(mc.path("evaluation_seconds").asDouble(Double.NaN), 2))
          .append("</td><td class=\"wrap\">");
      if (mc != null && mc.path("estimator_seconds").isObject()) {
        List<String> parts = new ArrayList<>();
        mc.path("estimator_seconds").properties().forEach(f -> parts.add(f.getKey() + ": "
            + HtmlText.fmt(f.getValue().asDouble(Double.NaN), 2)));
        out.append(HtmlText.escape(String.join("; ", parts)));
      } else {
        out.append("\u2013");
      }
      out.append("</td></tr>\n");
    }
    out.append("</tbody></table></div>\n</section>\n");
  }
}
