package io.ib.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ib.io.MeasurementRow;
import io.ib.io.MeasurementsCsv;
import io.ib.io.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A run directory read back: the manifest ({@code sweep.json}) as a JSON tree and the typed rows of
 * {@code measurements.csv}, with the groupings the plots need. Immutable once read.
 *
 * <p>The manifest must name one of the {@link #FORMATS} and hold the sweep's {@code config} object;
 * everything else in it is treated as optional, so that a manifest of a run that is still running or
 * that failed still gives a report.
 */
final class RunData {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern HIDDEN = Pattern.compile("hidden([0-9]{1,9})");
  private static final String OUTPUT = "output";
  /**
   * Manifest formats the report reads: format 2 only adds fields to format 1, so both are accepted
   * (the writer's current format is {@code io.ib.io.SweepJson.FORMAT}).
   */
  static final List<String> FORMATS = List.of("ib-sweep/1", "ib-sweep/2");

  private final Path directory;
  private final JsonNode manifest;
  private final List<MeasurementRow> rows;
  private final List<MeasurementRow> estimateRows;
  private final List<Integer> widths;
  private final List<Long> seeds;
  private final List<String> estimators;
  private final List<String> layers;
  private final String bottleneck;

  private RunData(Path directory, JsonNode manifest, List<MeasurementRow> rows) {
    this.directory = directory;
    this.manifest = manifest;
    this.rows = List.copyOf(rows);
    this.estimateRows = rows.stream().filter(r -> !r.estimator().isEmpty() && !r.layer().isEmpty())
        .toList();
    TreeSet<Integer> w = new TreeSet<>();
    LinkedHashSet<Long> s = new LinkedHashSet<>();
    JsonNode config = manifest.path("config");
    config.path("widths").forEach(v -> w.add(v.asInt()));
    config.path("seeds").forEach(v -> s.add(v.asLong()));
    LinkedHashSet<String> est = new LinkedHashSet<>();
    LinkedHashSet<String> lay = new LinkedHashSet<>();
    for (MeasurementRow r : rows) {
      w.add(r.width());
      s.add(r.seed());
    }
    for (MeasurementRow r : estimateRows) {
      est.add(r.estimator());
      lay.add(r.layer());
    }
    this.widths = List.copyOf(w);
    this.seeds = List.copyOf(s);
    this.estimators = List.copyOf(Specs.order(new ArrayList<>(est)));
    this.bottleneck = findBottleneck(estimateRows, lay);
    List<String> ordered = new ArrayList<>(lay);
    ordered.sort(Comparator.comparingInt(RunData::depth).thenComparing(Comparator.naturalOrder()));
    this.layers = List.copyOf(ordered);
  }

  /**
   * Reads a run directory.
   *
   * @throws IOException naming the path and what is missing or malformed, if {@code directory} is
   *     not a directory holding {@code sweep.json} and {@code measurements.csv}, if either is
   *     unreadable, or if the manifest is of another format or has no {@code config} object
   */
  static RunData read(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      throw new NoSuchFileException(directory.toString(), null,
          "run directory does not exist (expected a directory written by 'ib sweep')");
    }
    if (!Files.isDirectory(directory)) {
      throw new IOException(directory + " is not a directory (expected a run directory written by"
          + " 'ib sweep', holding " + RunDirectory.MANIFEST + " and " + RunDirectory.MEASUREMENTS + ")");
    }
    Path manifestFile = directory.resolve(RunDirectory.MANIFEST);
    Path csvFile = directory.resolve(RunDirectory.MEASUREMENTS);
    List<String> missing = new ArrayList<>();
    if (!Files.isRegularFile(manifestFile)) {
      missing.add(RunDirectory.MANIFEST);
    }
    if (!Files.isRegularFile(csvFile)) {
      missing.add(RunDirectory.MEASUREMENTS);
    }
    if (!missing.isEmpty()) {
      throw new IOException(directory + " is not an ib run directory: " + String.join(" and ", missing)
          + (missing.size() == 1 ? " is" : " are") + " missing (a run directory written by 'ib sweep'"
          + " holds " + RunDirectory.MANIFEST + " and " + RunDirectory.MEASUREMENTS + ")");
    }
    JsonNode manifest;
    try {
      manifest = MAPPER.readTree(manifestFile.toFile());
    } catch (JsonProcessingException e) {
      throw new IOException(manifestFile + ": not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (manifest == null || !manifest.isObject()) {
      throw new IOException(manifestFile + ": expected a JSON object (the sweep manifest), found "
          + (manifest == null || manifest.isMissingNode() ? "nothing" : manifest.getNodeType()));
    }
    JsonNode format = manifest.path("format");
    if (!format.isTextual() || !FORMATS.contains(format.asText())) {
      throw new IOException(manifestFile + ": " + (format.isMissingNode() ? "no \"format\" field"
          : "format " + format + " is not an ib sweep format") + " (expected one of "
          + String.join(", ", FORMATS) + ")");
    }
    if (!manifest.path("config").isObject()) {
      throw new IOException(manifestFile + ": no \"config\" object (the sweep's configuration,"
          + " which every sweep.json written by 'ib sweep' holds)");
    }
    return new RunData(directory, manifest, MeasurementsCsv.read(csvFile));
  }

  Path directory() {
    return directory;
  }

  JsonNode manifest() {
    return manifest;
  }

  /** Every row, including rows without estimates (runs with no estimator). */
  List<MeasurementRow> rows() {
    return rows;
  }

  /** Rows that carry an estimate. */
  List<MeasurementRow> estimateRows() {
    return estimateRows;
  }

  /** {@code running}, {@code complete}, {@code failed}, or {@code unknown} when the manifest has none. */
  String status() {
    String s = manifest.path("status").asText("");
    return s.isEmpty() ? "unknown" : s;
  }

  /** Widths of the configuration and of the measurements, ascending. */
  List<Integer> widths() {
    return widths;
  }

  /** Seeds of the configuration, then any others found in the measurements. */
  List<Long> seeds() {
    return seeds;
  }

  /** Estimator spec strings, ordered by {@link Specs#order}. */
  List<String> estimators() {
    return estimators;
  }

  /**
   * Layers with estimates in the network's order, from the input side: hidden1, hidden2, ... (by
   * number), then output, then any other layer by name.
   */
  List<String> layers() {
    return layers;
  }

  /**
   * The bottleneck: the last hidden layer whose width is the cell's width in every row, or null when
   * no hidden layer has. The output layer is never the bottleneck, whatever its width.
   */
  String bottleneck() {
    return bottleneck;
  }

  /** Widths for which the measurements hold at least one row. */
  Set<Integer> measuredWidths() {
    TreeSet<Integer> result = new TreeSet<>();
    rows.forEach(r -> result.add(r.width()));
    return result;
  }

  /** A human-readable name of a layer, e.g. {@code hidden2 (bottleneck, k units)}. */
  String layerLabel(String layer) {
    if (layer.equals(bottleneck)) {
      return layer + " (bottleneck, k units)";
    }
    TreeSet<Integer> sizes = new TreeSet<>();
    estimateRows.stream().filter(r -> r.layer().equals(layer)).forEach(r -> sizes.add(r.layerWidth()));
    if (sizes.size() == 1) {
      return layer + " (" + sizes.first() + " units)";
    }
    return layer;
  }

  /**
   * The cells (width, seed) the configuration promises, and for each whether the manifest lists it as
   * finished and how many measurement steps the CSV holds.
   */
  List<CellStatus> cells() {
    Map<List<Long>, CellStatus> map = new LinkedHashMap<>();
    Map<List<Long>, TreeSet<Integer>> steps = new java.util.HashMap<>();
    for (MeasurementRow r : rows) {
      steps.computeIfAbsent(List.of((long) r.width(), r.seed()), k -> new TreeSet<>()).add(r.step());
    }
    Set<List<Long>> finished = new LinkedHashSet<>();
    manifest.path("cells").forEach(c -> finished.add(List.of(c.path("width").asLong(), c.path("seed").asLong())));
    List<Integer> configWidths = new ArrayList<>();
    manifest.path("config").path("widths").forEach(v -> configWidths.add(v.asInt()));
    List<Long> configSeeds = new ArrayList<>();
    manifest.path("config").path("seeds").forEach(v -> configSeeds.add(v.asLong()));
    for (int w : widths) {
      for (long s : seeds) {
        List<Long> key = List.of((long) w, s);
        boolean promised = configWidths.contains(w) && configSeeds.contains(s);
        TreeSet<Integer> st = steps.get(key);
        if (!promised && st == null && !finished.contains(key)) {
          continue;
        }
        int last = st == null ? -1 : st.last();
        map.put(key, new CellStatus(w, s, finished.contains(key), st == null ? 0 : st.size(), last));
      }
    }
    return List.copyOf(map.values());
  }

  /**
   * Whether the run is partial: not complete, or a promised cell is unfinished or unmeasured.
   */
  boolean partial() {
    if (!"complete".equals(status())) {
      return true;
    }
    return cells().stream().anyMatch(c -> !c.finished() || c.measuredSteps() == 0);
  }

  /**
   * One cell's state.
   *
   * @param width bottleneck width
   * @param seed replicate seed
   * @param finished whether {@code sweep.json} lists the cell as finished
   * @param measuredSteps distinct measurement steps in the CSV
   * @param lastStep the last measured step, -1 if none
   */
  record CellStatus(int width, long seed, boolean finished, int measuredSteps, int lastStep) {}

  private static String findBottleneck(List<MeasurementRow> rows, Set<String> layers) {
    String best = null;
    for (String layer : layers) {
      if (hiddenIndex(layer) < 0 || (best != null && hiddenIndex(layer) < hiddenIndex(best))) {
        continue;
      }
      if (rows.stream().filter(r -> r.layer().equals(layer)).allMatch(r -> r.layerWidth() == r.width())) {
        best = layer;
      }
    }
    return best;
  }

  private static int hiddenIndex(String layer) {
    Matcher m = HIDDEN.matcher(layer);
    return m.matches() ? Integer.parseInt(m.group(1)) : -1;
  }

  /** Position from the input side: hidden layers by number, then output, then the rest. */
  private static int depth(String layer) {
    int index = hiddenIndex(layer);
    return index >= 0 ? index : OUTPUT.equals(layer) ? Integer.MAX_VALUE - 1 : Integer.MAX_VALUE;
  }
}
