package io.ib.run;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ib.data.DataFile;
import io.ib.info.EstimatorSpec;
import io.ib.info.Estimators;
import io.ib.provenance.Provenance;
import io.ib.run.RunManifest.AnalysisRecord;
import io.ib.run.RunManifest.CellRecord;
import io.ib.run.RunManifest.DataRecord;
import io.ib.run.RunManifest.Estimates;
import io.ib.run.RunManifest.Evaluation;
import io.ib.run.RunManifest.Resumption;
import io.ib.sweep.Cell;
import io.ib.sweep.EvaluationSet;
import io.ib.sweep.Layer;
import io.ib.sweep.SweepConfig;
import io.ib.sweep.ValueRange;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The one reader and writer of {@code sweep.json}: {@link RunManifest} to JSON and back. Nothing
 * else spells its keys. Reading checks everything a resume, an analysis or a report relies on (every
 * field present with its type, the configuration the one its hash was taken of, every finished cell
 * one of the configuration's, once, with the seeds it derives) and refuses anything else with a
 * {@link DamagedFileException} naming the field. Writing gives the same bytes for the same manifest.
 */
final class ManifestJson {
  /** The format this version writes and resumes. */
  static final String FORMAT = "ib-sweep/2";
  private static final String SEED_DERIVATION = "init = Seeds.mix(seed, 1, width); batch order ="
      + " Seeds.mix(seed, 2); epoch e permutation = Seeds.mix(order seed, e) (SplitMix64 finaliser,"
      + " io.ib.train.Seeds)";

  private ManifestJson() {}

  // ------------------------------------------------------------------ writing

  /** The file's bytes: UTF-8, indented, ending in a line break. */
  static byte[] bytes(RunManifest m) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("format", m.format());
    o.put("status", m.status().id());
    o.put("started", m.started().toString());
    if (m.finished().isPresent()) {
      o.put("finished", m.finished().get().toString());
    } else {
      o.putNull("finished");
    }
    m.error().ifPresent(e -> o.put("error", e));
    m.recording().ifPresent(r -> o.set("recorded", RecordingJson.node(r)));
    o.set("config", ConfigJson.manifestNode(m));
    o.put("config_sha256", ConfigJson.sha256(m));
    ObjectNode estimates = o.putObject("estimates");
    specs(estimates.putArray("online"), m.estimates().online());
    specs(estimates.putArray("deferred"), m.estimates().deferred());
    if (!m.isRecorded()) {
      o.put("seed_derivation", SEED_DERIVATION);
    }
    o.put("snapshots", m.keepsSnapshots());
    o.set("dataset", dataset(m.dataset()));
    ObjectNode evaluation = o.putObject("evaluation");
    evaluation.put("samples", m.evaluation().samples().id());
    evaluation.put("size", m.evaluation().size());
    evaluation.put("majority_rate", m.evaluation().majorityRate());
    o.set("provenance", provenance(m.provenance()));
    ArrayNode cells = o.putArray("cells");
    m.cells().forEach(c -> cells.add(cell(c)));
    if (!m.resumptions().isEmpty()) {
      ArrayNode resumed = o.putArray("resumed");
      for (Resumption r : m.resumptions()) {
        ObjectNode n = resumed.addObject();
        n.put("time", r.time().toString());
        strings(n.putArray("command_line"), r.commandLine());
      }
    }
    if (!m.analyses().isEmpty()) {
      ArrayNode analyses = o.putArray("analyses");
      for (AnalysisRecord a : m.analyses()) {
        ObjectNode n = analyses.addObject();
        n.put("time", a.time().toString());
        specs(n.putArray("estimators"), a.estimators());
        specs(n.putArray("estimates"), a.estimates());
        strings(n.putArray("command_line"), a.commandLine());
      }
    }
    if (!m.globalRanges().isEmpty()) {
      ObjectNode ranges = o.putObject("global_ranges");
      m.globalRanges().forEach((spec, perLayer) -> {
        ObjectNode e = ranges.putObject(spec.toString());
        perLayer.forEach((layer, r) -> e.putArray(layer.toString()).add(r.min()).add(r.max()));
      });
    }
    return Json.bytes(o);
  }

  /** A cell's JSON, also the body of a committed cell's marker. */
  static ObjectNode cell(CellRecord c) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("width", c.cell().width());
    n.put("seed", c.cell().seed());
    n.put("init_seed", c.cell().initSeed());
    n.put("order_seed", c.cell().orderSeed());
    n.put("measurements", c.measurements());
    n.put("rows", c.rows());
    if (Double.isNaN(c.finalTestAccuracy())) {
      n.putNull("final_test_accuracy"); // not known: a recorded network's accuracy may not be
    } else {
      n.put("final_test_accuracy", c.finalTestAccuracy());
    }
    n.put("training_seconds", c.trainingSeconds());
    n.put("evaluation_seconds", c.evaluationSeconds());
    ObjectNode est = n.putObject("estimator_seconds");
    Map<String, Double> sorted = new TreeMap<>();
    c.estimatorSeconds().forEach((spec, s) -> sorted.put(spec.toString(), s));
    sorted.forEach(est::put);
    return n;
  }

  /** A dataset record as compact JSON text, as the manifest holds it. */
  static String datasetText(DataRecord d) {
    return dataset(d).toString();
  }

  private static ObjectNode dataset(DataRecord d) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("name", d.name());
    o.put("train_size", d.trainSize());
    o.put("test_size", d.testSize());
    o.put("features", d.features());
    o.put("classes", d.classes());
    ArrayNode files = o.putArray("files");
    for (DataFile f : d.files()) {
      ObjectNode file = files.addObject();
      file.put("name", f.name());
      file.put("sha256", f.sha256());
      file.put("bytes", f.bytes());
    }
    return o;
  }

  private static ObjectNode provenance(Provenance p) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("library_version", p.libraryVersion());
    o.put("nd4j_version", p.nd4jVersion());
    o.put("backend", p.backend());
    o.put("blas_vendor", p.blasVendor());
    o.put("omp_threads", p.ompThreads());
    o.put("blas_threads", p.blasThreads());
    o.put("available_processors", p.availableProcessors());
    o.put("java_version", p.javaVersion());
    o.put("java_vendor", p.javaVendor());
    o.put("os", p.os());
    strings(o.putArray("command_line"), p.commandLine());
    return o;
  }

  private static void specs(ArrayNode array, List<EstimatorSpec> specs) {
    specs.forEach(s -> array.add(s.toString()));
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }

  // ------------------------------------------------------------------ reading

  /**
   * Parses and checks a manifest.
   *
   * @param file where the bytes come from, for messages
   * @throws DamagedFileException if they are not a manifest of a readable format, or inconsistent
   */
  static RunManifest parse(byte[] bytes, Path file) throws DamagedFileException {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(bytes);
    } catch (JacksonException e) {
      throw new DamagedFileException(file, "not valid JSON (" + e.getOriginalMessage() + ")");
    } catch (java.io.IOException e) {
      throw new DamagedFileException(file, "not readable as JSON (" + e.getMessage() + ")");
    }
    if (!(root instanceof ObjectNode o)) {
      throw new DamagedFileException(file, "expected a JSON object");
    }
    JsonFields f = new JsonFields(file, "");
    String format = o.path("format").asText("");
    if (!format.equals(FORMAT)) {
      throw new DamagedFileException(file, "its format is '" + format + "', expected " + FORMAT
          + (format.startsWith("ib-sweep/") ? " (it was written by another version of ib)"
              : " (is it an ib run?)"));
    }
    RunStatus status;
    try {
      status = RunStatus.parse(o.path("status").asText(""));
    } catch (IllegalArgumentException e) {
      throw new DamagedFileException(file, "its " + e.getMessage());
    }
    Estimators.providers(); // a broken plug-in is the user's to fix, not a damaged run
    Optional<Recording> recording = o.has("recorded")
        ? Optional.of(RecordingJson.read(o.get("recorded"), f)) : Optional.empty();
    SweepConfig config;
    try {
      config = recording.isPresent() ? ConfigJson.readRecorded(o.get("config"))
          : ConfigJson.read(o.get("config"));
    } catch (IllegalArgumentException e) {
      throw new DamagedFileException(file, "its configuration is invalid: " + e.getMessage());
    }
    String sha256 = ConfigJson.sha256(recording.isPresent() ? ConfigJson.recordedNode(config)
        : ConfigJson.node(config));
    if (!o.path("config_sha256").asText("").equals(sha256)) {
      throw new DamagedFileException(file, "its configuration does not match its config_sha256, so"
          + " it was changed after the run started; ib continues a run only with the configuration it"
          + " started with");
    }
    Estimates estimates = o.has("estimates") ? estimates(f.object(o, "estimates"), f)
        : Estimates.of(config); // runs started before the estimates were recorded
    List<CellRecord> cells = new ArrayList<>();
    Set<Cell> seen = new HashSet<>();
    List<Cell> planned = recording.map(Recording::cells).orElseGet(config::cells);
    JsonNode cellsNode = f.array(o, "cells");
    for (int i = 0; i < cellsNode.size(); i++) {
      CellRecord c = cell(cellsNode.get(i), new JsonFields(file, "cells[" + i + "]."));
      if (!planned.contains(c.cell())) {
        throw new DamagedFileException(file, "cells[" + i + "] is " + c.cell()
            + ", which the " + (recording.isPresent() ? "recording" : "configuration")
            + " does not have");
      }
      if (!seen.add(c.cell())) {
        throw new DamagedFileException(file, "cells[" + i + "] lists " + c.cell() + " a second"
            + " time");
      }
      cells.add(c);
    }
    List<Resumption> resumptions = new ArrayList<>();
    for (JsonNode r : f.optionalArray(o, "resumed")) {
      resumptions.add(new Resumption(f.instant(r, "time"), f.strings(r, "command_line")));
    }
    List<AnalysisRecord> analyses = new ArrayList<>();
    for (JsonNode a : f.optionalArray(o, "analyses")) {
      List<EstimatorSpec> given = f.specs(a, "estimators");
      analyses.add(new AnalysisRecord(f.instant(a, "time"), given,
          a.has("estimates") ? f.specs(a, "estimates") : given, f.strings(a, "command_line")));
    }
    JsonNode finished = o.get("finished");
    return new RunManifest(format, status, f.instant(o, "started"),
        finished == null || finished.isNull() ? Optional.empty()
            : Optional.of(f.instant(o, "finished")),
        o.hasNonNull("error") ? Optional.of(f.text(o, "error")) : Optional.empty(), config,
        estimates, f.bool(o, "snapshots"), dataset(f.object(o, "dataset"), new JsonFields(file,
            "dataset.")),
        evaluation(o, config, f), provenance(o.path("provenance"), new JsonFields(file,
            "provenance.")),
        cells, resumptions, analyses, ranges(o.path("global_ranges"), f), recording);
  }

  /**
   * A cell's record, from the manifest or a committed cell's marker: its seeds must be those its
   * width and seed derive, its counts consistent.
   */
  static CellRecord cell(JsonNode c, JsonFields f) throws DamagedFileException {
    if (c == null || !c.isObject()) {
      throw f.damaged("is not an object");
    }
    Cell cell = new Cell(f.integer(c, "width"), f.longValue(c, "seed"));
    if (f.longValue(c, "init_seed") != cell.initSeed()
        || f.longValue(c, "order_seed") != cell.orderSeed()) {
      throw f.damaged("records seeds that " + cell + " does not derive");
    }
    int measurements = f.integer(c, "measurements");
    long rows = f.longValue(c, "rows");
    if (measurements < 1 || rows < measurements) {
      throw f.damaged("records " + measurements + " measurements in " + rows + " rows");
    }
    Map<EstimatorSpec, Double> seconds = new LinkedHashMap<>();
    JsonNode est = f.object(c, "estimator_seconds");
    for (Map.Entry<String, JsonNode> e : est.properties()) {
      if (!e.getValue().isNumber()) {
        throw f.damaged("estimator_seconds." + e.getKey() + " is not a number");
      }
      seconds.put(f.spec(e.getKey()), e.getValue().asDouble());
    }
    double accuracy = c.has("final_test_accuracy") && c.get("final_test_accuracy").isNull()
        ? Double.NaN : f.number(c, "final_test_accuracy");
    return new CellRecord(cell, measurements, rows, accuracy,
        f.number(c, "training_seconds"), f.number(c, "evaluation_seconds"), seconds);
  }

  private static Estimates estimates(JsonNode e, JsonFields f) throws DamagedFileException {
    return new Estimates(f.specs(e, "online"), f.specs(e, "deferred"));
  }

  private static DataRecord dataset(JsonNode d, JsonFields f) throws DamagedFileException {
    List<DataFile> files = new ArrayList<>();
    for (JsonNode file : f.array(d, "files")) {
      try {
        files.add(new DataFile(f.text(file, "name"), f.text(file, "sha256"),
            f.longValue(file, "bytes")));
      } catch (IllegalArgumentException e) {
        throw f.damaged("files: " + e.getMessage());
      }
    }
    return new DataRecord(f.text(d, "name"), f.integer(d, "train_size"), f.integer(d, "test_size"),
        f.integer(d, "features"), f.integer(d, "classes"), files);
  }

  private static Evaluation evaluation(JsonNode o, SweepConfig config, JsonFields f)
      throws DamagedFileException {
    JsonNode e = o.get("evaluation");
    if (e == null) {
      return new Evaluation(config.evaluateOn(), 0, Double.NaN); // not recorded by early runs
    }
    JsonFields ef = new JsonFields(f.file, "evaluation.");
    EvaluationSet samples;
    try {
      samples = EvaluationSet.parse(ef.text(e, "samples"));
    } catch (IllegalArgumentException ex) {
      throw ef.damaged(ex.getMessage());
    }
    return new Evaluation(samples, ef.integer(e, "size"), ef.number(e, "majority_rate"));
  }

  /** Informational: read leniently, so that a field added later does not make old runs damaged. */
  private static Provenance provenance(JsonNode p, JsonFields f) throws DamagedFileException {
    if (!p.isObject()) {
      throw f.damaged("is missing or not an object");
    }
    List<String> command = p.has("command_line") ? f.strings(p, "command_line") : List.of();
    return new Provenance(p.path("library_version").asText(""), p.path("nd4j_version").asText(""),
        p.path("backend").asText(""), p.path("blas_vendor").asText(""),
        p.path("omp_threads").asInt(0), p.path("blas_threads").asInt(0),
        p.path("available_processors").asInt(0), p.path("java_version").asText(""),
        p.path("java_vendor").asText(""), p.path("os").asText(""), command);
  }

  private static Map<EstimatorSpec, Map<Layer, ValueRange>> ranges(JsonNode r, JsonFields f)
      throws DamagedFileException {
    Map<EstimatorSpec, Map<Layer, ValueRange>> result = new LinkedHashMap<>();
    if (r.isMissingNode()) {
      return result;
    }
    if (!r.isObject()) {
      throw f.damaged("global_ranges is not an object");
    }
    for (Map.Entry<String, JsonNode> e : r.properties()) {
      Map<Layer, ValueRange> perLayer = new TreeMap<>();
      for (Map.Entry<String, JsonNode> l : e.getValue().properties()) {
        JsonNode pair = l.getValue();
        if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isNumber()
            || !pair.get(1).isNumber()) {
          throw f.damaged("global_ranges." + e.getKey() + "." + l.getKey() + " is not [min, max]");
        }
        try {
          perLayer.put(Layer.parse(l.getKey()), new ValueRange(pair.get(0).asDouble(),
              pair.get(1).asDouble()));
        } catch (IllegalArgumentException ex) {
          throw f.damaged("global_ranges." + e.getKey() + ": " + ex.getMessage());
        }
      }
      result.put(f.spec(e.getKey()), perLayer);
    }
    return result;
  }
}
