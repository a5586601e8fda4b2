package io.ib.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ib.run.MeasurementRow;
import io.ib.run.MeasurementsCsv;
import io.ib.run.RunDirectory;
import io.ib.run.SweepJson;
import io.ib.sweep.Cell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
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
   * (the writer's current format is {@code io.ib.run.SweepJson.FORMAT}).
   */
  static final List<String> FORMATS = SweepJson.READABLE_FORMATS;

  private final Path directory;
  private final JsonNode manifest;
  private final List<MeasurementRow> rows;
  private final List<Integer> widths;
  private final List<Long> seeds;
  private final Set<Integer> measuredWidths;
  private final int measuredSeeds;
  private final List<String> estimators;
  private final List<String> layers;
  private final Map<String, Set<Integer>> layerSizes;
  private final String bottleneck;
  private final List<CellStatus> cells;

  private RunData(Path directory, JsonNode manifest, List<MeasurementRow> rows) {
    this.directory = directory;
    this.manifest = manifest;
    this.rows = List.copyOf(rows);
    TreeSet<Integer> w = new TreeSet<>();
    LinkedHashSet<Long> s = new LinkedHashSet<>();
    JsonNode config = manifest.path("config");
    config.path("widths").forEach(v -> w.add(v.asInt()));
    config.path("seeds").forEach(v -> s.add(v.asLong()));
    TreeSet<Integer> measuredW = new TreeSet<>();
    Set<Long> measuredS = new HashSet<>();
    LinkedHashSet<String> est = new LinkedHashSet<>();
    Map<String, Set<Integer>> sizes = new LinkedHashMap<>();
    // Layers whose width is the cell's width in every row so far: the bottleneck's candidates.
    Map<String, Boolean> widthIsK = new HashMap<>();
    Map<Cell, TreeSet<Integer>> steps = new HashMap<>();
    for (MeasurementRow r : this.rows) {
      measuredW.add(r.width());
      measuredS.add(r.seed());
      s.add(r.seed());
      steps.computeIfAbsent(new Cell(r.width(), r.seed()), k -> new TreeSet<>()).add(r.step());
      if (hasEstimate(r)) {
        est.add(r.estimator());
        sizes.computeIfAbsent(r.layer(), k -> new TreeSet<>()).add(r.layerWidth());
        widthIsK.merge(r.layer(), r.layerWidth() == r.width(), Boolean::logicalAnd);
      }
    }
    w.addAll(measuredW);
    this.widths = List.copyOf(w);
    this.seeds = List.copyOf(s);
    this.measuredWidths = Collections.unmodifiableSet(measuredW);
    this.measuredSeeds = measuredS.size();
    this.estimators = List.copyOf(Specs.order(new ArrayList<>(est)));
    this.layerSizes = sizes;
    this.bottleneck = findBottleneck(widthIsK);
    List<String> ordered = new ArrayList<>(sizes.keySet());
    ordered.sort(Comparator.comparingInt(RunData::depth).thenComparing(Comparator.naturalOrder()));
    this.layers = List.copyOf(ordered);
    this.cells = cells(manifest, widths, seeds, steps);
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

  /** The hidden layers' activation from the configuration ({@code relu}, {@code tanh}, ...), or "". */
  String activation() {
    return manifest.path("config").path("activation").asText("");
  }

  /** Whether the hidden layers' activation is unbounded, so a fixed binning range can clip them. */
  boolean unboundedActivation() {
    return activation().equals("relu") || activation().equals("linear");
  }

  /** Every row, including rows without estimates (runs with no estimator). */
  List<MeasurementRow> rows() {
    return rows;
  }

  /** Whether a row carries an estimate (rows of runs without estimators carry only the metrics). */
  static boolean hasEstimate(MeasurementRow r) {
    return !r.estimator().isEmpty() && !r.layer().isEmpty();
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

  /** Widths for which the measurements hold at least one row, ascending. */
  Set<Integer> measuredWidths() {
    return measuredWidths;
  }

  /** The number of seeds with at least one row, at least 1: how many seeds a mean is over at most. */
  int measuredSeeds() {
    return Math.max(1, measuredSeeds);
  }

  /** A human-readable name of a layer, e.g. {@code hidden2 (bottleneck, k units)}. */
  String layerLabel(String layer) {
    if (layer.equals(bottleneck)) {
      return layer + " (bottleneck, k units)";
    }
    Set<Integer> sizes = layerSizes.getOrDefault(layer, Set.of());
    if (sizes.size() == 1) {
      return layer + " (" + sizes.iterator().next() + " units)";
    }
    return layer;
  }

  /**
   * The cells (width, seed) the configuration promises or the measurements or the manifest's
   * finished cells hold, and for each whether the manifest lists it as finished and how many
   * measurement steps the CSV holds.
   */
  List<CellStatus> cells() {
    return cells;
  }

  private static List<CellStatus> cells(JsonNode manifest, List<Integer> widths, List<Long> seeds,
      Map<Cell, TreeSet<Integer>> steps) {
    Set<Cell> finished = new HashSet<>();
    manifest.path("cells").forEach(c -> finished.add(new Cell(c.path("width").asInt(),
        c.path("seed").asLong())));
    Set<Integer> configWidths = new HashSet<>();
    manifest.path("config").path("widths").forEach(v -> configWidths.add(v.asInt()));
    Set<Long> configSeeds = new HashSet<>();
    manifest.path("config").path("seeds").forEach(v -> configSeeds.add(v.asLong()));
    List<CellStatus> result = new ArrayList<>();
    for (int w : widths) {
      for (long s : seeds) {
        Cell key = new Cell(w, s);
        boolean promised = configWidths.contains(w) && configSeeds.contains(s);
        TreeSet<Integer> st = steps.get(key);
        if (!promised && st == null && !finished.contains(key)) {
          continue;
        }
        result.add(new CellStatus(w, s, finished.contains(key), st == null ? 0 : st.size(),
            st == null ? -1 : st.last()));
      }
    }
    return List.copyOf(result);
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

  /** The deepest hidden layer whose width was the cell's width in every row, or null. */
  private static String findBottleneck(Map<String, Boolean> widthIsK) {
    String best = null;
    for (Map.Entry<String, Boolean> e : widthIsK.entrySet()) {
      int index = hiddenIndex(e.getKey());
      if (e.getValue() && index >= 0 && (best == null || index > hiddenIndex(best))) {
        best = e.getKey();
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
