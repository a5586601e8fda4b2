package io.ib.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ib.data.DataFile;
import io.ib.provenance.Provenance;
import io.ib.run.ConfigJson;
import io.ib.run.RunManifest;
import io.ib.run.RunStatus;
import io.ib.sweep.Cell;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;


/**
 * The sections of {@code report.html} that show the run's manifest ({@link RunManifest}): the
 * status (times, error, partial cells), the configuration and provenance, and the cells with their
 * timings.
 */
final class RunMetadataSections {
  private final RunData run;
  private final StringBuilder out;

  RunMetadataSections(RunData run, StringBuilder out) {
    this.run = run;
    this.out = out;
  }

  /** Status, times, the failure's reason and which cells are missing or unfinished. */
  void status() {
    String status = run.status();
    RunManifest m = run.manifest();
    List<RunData.CellStatus> cells = run.cells();
    long finished = cells.stream().filter(RunData.CellStatus::finished).count();
    out.append("<section id=\"status\">\n<h2>Status</h2>\n");
    out.append("<p class=\"status status-").append(HtmlText.escape(status.replaceAll("[^a-z]", "")))
        .append("\">Status: <strong>").append(HtmlText.escape(status)).append("</strong>; ")
        .append(finished).append(" of ").append(cells.size()).append(" cells finished");
    String started = m.started().toString();
    String ended = m.finished().map(Instant::toString).orElse("");
    out.append("; started ").append(HtmlText.escape(HtmlText.time(started)));
    if (!ended.isEmpty()) {
      out.append(", ended ").append(HtmlText.escape(HtmlText.time(ended)));
      String d = HtmlText.duration(started, ended);
      if (d != null) {
        out.append(" (").append(HtmlText.escape(d)).append(")");
      }
    }
    out.append(".</p>\n");
    if (m.status() == RunStatus.FAILED) {
      out.append("<p class=\"warn\">The run failed: ")
          .append(HtmlText.escape(m.error().orElse("(no reason recorded)"))).append("</p>\n");
    }
    if (run.partial()) {
      List<String> missing = new ArrayList<>();
      List<String> unfinished = new ArrayList<>();
      for (RunData.CellStatus c : cells) {
        String label = run.capacity().is(c.width()) + ", seed " + c.seed();
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
    RunManifest m = run.manifest();
    out.append("<section id=\"configuration\">\n<h2>Configuration and provenance</h2>\n");
    Map<String, String> runRows = new LinkedHashMap<>();
    runRows.put("format", m.format());
    runRows.put("status", m.status().id());
    runRows.put("started", HtmlText.time(m.started().toString()));
    m.finished().ifPresent(t -> runRows.put("finished", HtmlText.time(t.toString())));
    m.error().ifPresent(e -> runRows.put("error", e));
    runRows.put("config_sha256", ConfigJson.sha256(m));
    runRows.put("snapshots", String.valueOf(m.keepsSnapshots()));
    runRows.put("evaluation", m.evaluation().samples().id() + ", " + m.evaluation().size()
        + " samples, majority class " + HtmlText.fmt(m.evaluation().majorityRate(), 4));
    for (int i = 0; i < m.resumptions().size(); i++) {
      RunManifest.Resumption r = m.resumptions().get(i);
      runRows.put("resumed[" + i + "]", HtmlText.time(r.time().toString()) + commandLine(r.commandLine()));
    }
    for (int i = 0; i < m.analyses().size(); i++) {
      RunManifest.AnalysisRecord a = m.analyses().get(i);
      runRows.put("analyses[" + i + "]", HtmlText.time(a.time().toString()) + ": "
          + String.join(", ", a.estimators().stream().map(Object::toString).toList())
          + commandLine(a.commandLine()));
    }
    m.globalRanges().forEach((spec, perLayer) -> perLayer.forEach((layer, range) ->
        runRows.put("global_ranges." + spec + "." + layer, "[" + range.min() + ", "
            + range.max() + "]")));
    keyValues("Run", runRows);
    Map<String, String> config = new LinkedHashMap<>();
    try {
      flatten(config, "", new ObjectMapper().readTree(ConfigJson.toJson(m)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the configuration's own JSON does not parse", e);
    }
    // A recorded run's config says only that its output layer is measured: show what was recorded.
    m.recording().flatMap(RecordedNetworksSection::outputLayer)
        .ifPresent(o -> config.replace("output_layer", o));
    keyValues("Configuration", config);
    m.recording().ifPresent(r -> RecordedNetworksSection.append(r, out));
    RunManifest.DataRecord dataset = m.dataset();
    Map<String, String> data = new LinkedHashMap<>();
    data.put("name", dataset.name());
    data.put("train_size", String.valueOf(dataset.trainSize()));
    data.put("test_size", String.valueOf(dataset.testSize()));
    data.put("features", String.valueOf(dataset.features()));
    data.put("classes", String.valueOf(dataset.classes()));
    keyValues("Dataset", data);
    if (!dataset.files().isEmpty()) {
      out.append("<div class=\"scroll\"><table class=\"kv\"><thead><tr><th>file</th><th>bytes</th>"
          + "<th>SHA-256</th></tr></thead><tbody>\n");
      for (DataFile f : dataset.files()) {
        out.append("<tr><td><code>").append(HtmlText.escape(f.name()))
            .append("</code></td><td>")
            .append(f.bytes()).append("</td><td><code>")
            .append(HtmlText.escape(f.sha256())).append("</code></td></tr>\n");
      }
      out.append("</tbody></table></div>\n");
    }
    Provenance p = m.provenance();
    Map<String, String> prov = new LinkedHashMap<>();
    prov.put("library_version", p.libraryVersion());
    prov.put("nd4j_version", p.nd4jVersion());
    prov.put("backend", p.backend());
    prov.put("blas_vendor", p.blasVendor());
    prov.put("omp_threads", String.valueOf(p.ompThreads()));
    prov.put("blas_threads", String.valueOf(p.blasThreads()));
    prov.put("available_processors", String.valueOf(p.availableProcessors()));
    prov.put("java_version", p.javaVersion());
    prov.put("java_vendor", p.javaVendor());
    prov.put("os", p.os());
    prov.put("command_line", String.join(" ", p.commandLine()));
    keyValues("Provenance", prov);
    out.append("</section>\n");
  }

  private static String commandLine(List<String> words) {
    return words.isEmpty() ? "" : " (" + String.join(" ", words) + ")";
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
    Map<Cell, RunManifest.CellRecord> manifestCells = new HashMap<>();
    run.manifest().cells().forEach(c -> manifestCells.put(c.cell(), c));
    out.append("<div class=\"scroll\"><table class=\"summary\"><thead><tr><th>")
        .append(HtmlText.escape(run.capacity().symbol())).append("</th><th>seed</th>"
            + "<th>state</th><th>measurement steps</th><th>last step</th><th>final test accuracy</th>"
            + "<th>training [s]</th><th>evaluation [s]</th><th>estimators [s]</th></tr></thead>"
            + "<tbody>\n");
    for (RunData.CellStatus c : cells) {
      RunManifest.CellRecord mc = manifestCells.get(new Cell(c.width(), c.seed()));
      String state = c.finished() ? "finished" : c.measuredSteps() > 0 ? "unfinished" : "not started";
      out.append("<tr><td>").append(c.width()).append("</td><td>").append(c.seed()).append("</td><td>")
          .append(state).append("</td><td>").append(c.measuredSteps()).append("</td><td>")
          .append(c.lastStep() < 0 ? "\u2013" : Integer.toString(c.lastStep())).append("</td><td>")
          .append(mc == null ? "\u2013" : HtmlText.fmt(mc.finalTestAccuracy(), 4))
          .append("</td><td>").append(mc == null ? "\u2013" : HtmlText.fmt(mc.trainingSeconds(), 2))
          .append("</td><td>").append(mc == null ? "\u2013"
              : HtmlText.fmt(mc.evaluationSeconds(), 2))
          .append("</td><td class=\"wrap\">");
      if (mc != null && !mc.estimatorSeconds().isEmpty()) {
        List<String> parts = new ArrayList<>();
        new TreeMap<>(mc.estimatorSeconds().entrySet().stream().collect(java.util.stream.Collectors
            .toMap(e -> e.getKey().toString(), Map.Entry::getValue))).forEach((k, v) ->
            parts.add(k + ": " + HtmlText.fmt(v, 2)));
        out.append(HtmlText.escape(String.join("; ", parts)));
      } else {
        out.append("\u2013");
      }
      out.append("</td></tr>\n");
    }
    out.append("</tbody></table></div>\n</section>\n");
  }
}
