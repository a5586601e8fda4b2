package io.ib.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ib.data.Dataset;
import io.ib.provenance.Provenance;
import io.ib.info.EstimatorSpec;
import io.ib.info.InformationEstimate;
import io.ib.sweep.Cell;
import io.ib.sweep.CellResult;
import io.ib.sweep.LayerEstimate;
import io.ib.sweep.Measurement;
import io.ib.sweep.SweepConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A run directory being written: {@code sweep.json} and {@code measurements.csv}.
 *
 * <p>{@code sweep.json} is rewritten whole (to a temporary file, then atomically renamed) at the start,
 * after every cell and at the end, so it is always complete, valid JSON whose {@code status} says
 * {@code running}, {@code complete} or {@code failed}.
 */
public final class RunDirectory implements AutoCloseable {
  /** Name of the manifest file. */
  public static final String MANIFEST = "sweep.json";
  /** Name of the measurements file. */
  public static final String MEASUREMENTS = "measurements.csv";

  private final Path directory;
  private final ObjectNode manifest;
  private final ArrayNode cells;
  private final MeasurementsCsv csv;
  private final List<CellResult> completed;

  private RunDirectory(Path directory, ObjectNode manifest, MeasurementsCsv csv,
      List<CellResult> completed) {
    this.directory = directory;
    this.manifest = manifest;
    this.cells = manifest.has("cells") ? (ArrayNode) manifest.get("cells") : manifest.putArray("cells");
    this.csv = csv;
    this.completed = List.copyOf(completed);
  }

  /**
   * Creates the directory (and parents) and starts both files.
   *
   * @throws IOException if the directory already holds a run, or cannot be written
   */
  public static RunDirectory create(Path directory, SweepConfig config, Dataset data,
      Provenance provenance, Instant started, boolean snapshots) throws IOException {
    Files.createDirectories(directory);
    for (String name : new String[] {MANIFEST, MEASUREMENTS}) {
      if (Files.exists(directory.resolve(name))) {
        throw new IOException(directory + " already holds a run (" + name
            + " exists): choose another output directory");
      }
    }
    ObjectNode m = SweepJson.MAPPER.createObjectNode();
    m.put("format", SweepJson.FORMAT);
    m.put("status", "running");
    m.put("started", started.toString());
    m.putNull("finished");
    m.set("config", SweepJson.config(config));
    m.put("config_sha256", SweepJson.configSha256(config));
    m.put("seed_derivation", "init = Seeds.mix(seed, 1, width); batch order = Seeds.mix(seed, 2);"
        + " epoch e permutation = Seeds.mix(order seed, e) (SplitMix64 finaliser, io.ib.train.Seeds)");
    m.put("snapshots", snapshots);
    m.set("dataset", SweepJson.dataset(data));
    m.set("provenance", SweepJson.provenance(provenance));
    RunDirectory run = new RunDirectory(directory, m,
        MeasurementsCsv.create(directory.resolve(MEASUREMENTS)), List.of());
    run.writeManifest();
    return run;
  }

  /**
   * Reads the configuration stored in a run directory.
   *
   * @throws IOException if the directory holds no readable {@code sweep.json}
   */
  public static SweepConfig readConfig(Path directory) throws IOException {
    return SweepJson.readConfig(readManifest(directory).get("config"));
  }

  /** The manifest of a run directory as JSON. */
  public static ObjectNode readManifest(Path directory) throws IOException {
    Path file = directory.resolve(MANIFEST);
    if (!Files.isRegularFile(file)) {
      throw new IOException(directory + " is not a run directory: " + MANIFEST + " is missing");
    }
    JsonNode node;
    try {
      node = SweepJson.MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw new IOException(file + " is not valid JSON: " + e.getMessage(), e);
    }
    if (!(node instanceof ObjectNode o) || !SweepJson.FORMAT.equals(o.path("format").asText())) {
      throw new IOException(file + " is not an ib sweep manifest (format " + SweepJson.FORMAT
          + " expected)");
    }
    return o;
  }

  /**
   * Reopens an interrupted run to finish it: keeps the measurements (and snapshots) of the cells that
   * finished, drops those of the cell that was running when the run stopped (and of estimators that
   * run after the last cell, which are recomputed), and appends from there.
   *
   * @param deferredEstimators specs of estimators that run after the last cell; their rows are dropped
   * @throws IOException if the directory is not a run, the run is complete, or the data differs from
   *     the data the run started with (the message says what differs)
   */
  public static RunDirectory resume(Path directory, Dataset data, Provenance provenance, Instant time,
      Set<String> deferredEstimators) throws IOException {
    ObjectNode m = readManifest(directory);
    if ("complete".equals(m.path("status").asText())) {
      throw new IOException(directory + " holds a complete run: there is nothing to resume");
    }
    // Compared as text: numbers read back from a file may be other node types than those written.
    JsonNode stored = m.get("dataset");
    JsonNode given = SweepJson.dataset(data);
    List<String> differences = new ArrayList<>();
    given.fieldNames().forEachRemaining(f -> {
      if (!given.get(f).toString().equals(String.valueOf(stored.get(f)))) {
        differences.add(f + " " + given.get(f) + " (the run has " + stored.get(f) + ")");
      }
    });
    if (!differences.isEmpty()) {
      throw new IOException("the data differs from the data the run in " + directory
          + " started with: " + String.join("; ", differences));
    }
    Set<String> finished = new HashSet<>();
    m.withArray("cells").forEach(c -> finished.add(c.get("width").asInt() + "," + c.get("seed").asLong()));

    // Keep complete lines of finished cells, byte for byte; drop the rest and a torn last line.
    Path csvFile = directory.resolve(MEASUREMENTS);
    String text = Files.readString(csvFile, StandardCharsets.UTF_8);
    StringBuilder kept = new StringBuilder();
    int start = 0;
    boolean header = true;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        break;
      }
      String line = text.substring(start, end + 1);
      start = end + 1;
      if (header) {
        kept.append(line);
        header = false;
        continue;
      }
      List<String> f = Csv.split(line.substring(0, line.length() - 1));
      if (finished.contains(f.get(0) + "," + f.get(1)) && !deferredEstimators.contains(f.get(6))) {
        kept.append(line);
      }
    }
    Path tmp = directory.resolve(MEASUREMENTS + ".tmp");
    Files.writeString(tmp, kept.toString(), StandardCharsets.UTF_8);
    Files.move(tmp, csvFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    if (Snapshots.exist(directory)) {
      Snapshots.retain(directory, e -> finished.contains(e.width() + "," + e.seed()));
    }

    List<CellResult> completed = completedCells(m, MeasurementsCsv.read(csvFile));
    m.put("status", "running");
    m.putNull("finished");
    m.remove("error");
    ArrayNode resumed = m.withArray("resumed");
    ObjectNode r = resumed.addObject();
    r.put("time", time.toString());
    ArrayNode cmd = r.putArray("command_line");
    provenance.commandLine().forEach(cmd::add);
    RunDirectory run = new RunDirectory(directory, m, MeasurementsCsv.append(csvFile), completed);
    run.writeManifest();
    return run;
  }

  /**
   * Opens a complete run to append the rows of a re-analysis ({@code ib analyze}).
   *
   * @throws IOException if the directory is not a run or the run is not complete
   */
  public static RunDirectory openForAnalysis(Path directory) throws IOException {
    ObjectNode m = readManifest(directory);
    if (!"complete".equals(m.path("status").asText())) {
      throw new IOException(directory + " holds a run with status '" + m.path("status").asText()
          + "': finish it first (ib sweep --resume " + directory + ")");
    }
    Path csvFile = directory.resolve(MEASUREMENTS);
    return new RunDirectory(directory, m, MeasurementsCsv.append(csvFile),
        completedCells(m, MeasurementsCsv.read(csvFile)));
  }

  /** Records a re-analysis in the manifest. */
  public void recordAnalysis(List<String> estimators, Instant time, List<String> commandLine)
      throws IOException {
    ObjectNode a = manifest.withArray("analyses").addObject();
    a.put("time", time.toString());
    ArrayNode est = a.putArray("estimators");
    estimators.forEach(est::add);
    ArrayNode cmd = a.putArray("command_line");
    commandLine.forEach(cmd::add);
    writeManifest();
  }

  /**
   * The results stored in a run directory, one per finished cell, rebuilt from {@code sweep.json}
   * and {@code measurements.csv}.
   */
  public static List<CellResult> readResults(Path directory) throws IOException {
    return completedCells(readManifest(directory),
        MeasurementsCsv.read(directory.resolve(MEASUREMENTS)));
  }

  /** Rebuilds the results of finished cells from their rows and manifest entries. */
  private static List<CellResult> completedCells(ObjectNode m, List<MeasurementRow> rows) {
    List<CellResult> result = new ArrayList<>();
    for (JsonNode c : m.withArray("cells")) {
      Cell cell = new Cell(c.get("width").asInt(), c.get("seed").asLong());
      Map<Integer, List<MeasurementRow>> bySteps = new TreeMap<>();
      for (MeasurementRow row : rows) {
        if (row.width() == cell.width() && row.seed() == cell.seed()) {
          bySteps.computeIfAbsent(row.step(), s -> new ArrayList<>()).add(row);
        }
      }
      List<Measurement> measurements = new ArrayList<>();
      for (List<MeasurementRow> point : bySteps.values()) {
        MeasurementRow first = point.get(0);
        List<LayerEstimate> estimates = new ArrayList<>();
        for (MeasurementRow row : point) {
          if (!row.estimator().isEmpty()) {
            estimates.add(new LayerEstimate(row.layer(), row.layerWidth(), new InformationEstimate(
                EstimatorSpec.parse(row.estimator()), row.ixtBits(), row.ityBits(), row.htBits(),
                row.n(), row.hyBits())));
          }
        }
        measurements.add(new Measurement(cell, first.step(), first.epoch(), first.trainLoss(),
            first.testLoss(), first.testAccuracy(), estimates));
      }
      Map<String, Double> seconds = new TreeMap<>();
      c.path("estimator_seconds").fields().forEachRemaining(e -> seconds.put(e.getKey(),
          e.getValue().asDouble()));
      result.add(new CellResult(cell, measurements, c.path("training_seconds").asDouble(),
          c.path("evaluation_seconds").asDouble(), seconds));
    }
    return result;
  }

  /** The cells that had finished before this run was resumed (empty for a new run). */
  public List<CellResult> completedCells() {
    return completed;
  }

  /** True if the run saves activation snapshots. */
  public boolean snapshotsEnabled() {
    return manifest.path("snapshots").asBoolean(false);
  }

  /** The directory. */
  public Path directory() {
    return directory;
  }

  /** Appends a measurement's rows to the CSV (flushed). Safe to call from several threads. */
  public synchronized void append(Measurement measurement) throws IOException {
    csv.append(measurement);
  }

  /** Records a finished cell in the manifest. Safe to call from several threads. */
  public synchronized void cellFinished(CellResult result) throws IOException {
    ObjectNode c = cells.addObject();
    c.put("width", result.cell().width());
    c.put("seed", result.cell().seed());
    c.put("init_seed", result.cell().initSeed());
    c.put("order_seed", result.cell().orderSeed());
    c.put("measurements", result.measurements().size());
    c.put("final_test_accuracy", result.last().testAccuracy());
    c.put("training_seconds", result.trainingSeconds());
    c.put("evaluation_seconds", result.evaluationSeconds());
    ObjectNode est = c.putObject("estimator_seconds");
    Map<String, Double> sorted = new TreeMap<>(result.estimatorSeconds());
    sorted.forEach(est::put);
    writeManifest();
  }

  /** Records the per-layer ranges a global-range estimator used. */
  public synchronized void recordRanges(String estimator, Map<String, double[]> ranges) throws IOException {
    ObjectNode all = manifest.with("global_ranges");
    ObjectNode o = all.putObject(estimator);
    ranges.forEach((layer, r) -> o.putArray(layer).add(r[0]).add(r[1]));
    writeManifest();
  }

  /**
   * Marks the run complete, after putting rows, cells and snapshots in canonical order: by cell in
   * {@code order}, rows of estimators run after the last cell at the end, each cell's rows in the
   * order they were written. Cells trained in parallel, or a resumed run, thus end with the same
   * files as one uninterrupted sequential run.
   *
   * @param order the sweep's cells in run order
   * @param deferredEstimators specs of estimators whose rows were written after the last cell
   */
  public synchronized void finished(Instant time, List<Cell> order, Set<String> deferredEstimators)
      throws IOException {
    Map<String, Integer> rank = new java.util.HashMap<>();
    for (int i = 0; i < order.size(); i++) {
      rank.put(order.get(i).width() + "," + order.get(i).seed(), i);
    }
    csv.close();
    Path file = directory.resolve(MEASUREMENTS);
    String[] lines = Files.readString(file, StandardCharsets.UTF_8).split("\n");
    List<String> rows = new ArrayList<>(List.of(lines).subList(1, lines.length));
    java.util.function.ToIntFunction<String> key = line -> {
      List<String> f = Csv.split(line);
      int cell = rank.getOrDefault(f.get(0) + "," + f.get(1), order.size());
      return deferredEstimators.contains(f.get(6)) ? order.size() + 1 + cell : cell;
    };
    List<String> sorted = new ArrayList<>(rows);
    sorted.sort(java.util.Comparator.comparingInt(key)); // stable: keeps each cell's order
    if (!sorted.equals(rows)) {
      Path tmp = directory.resolve(MEASUREMENTS + ".tmp");
      Files.writeString(tmp, lines[0] + "\n" + String.join("\n", sorted) + "\n",
          StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
    List<JsonNode> cellNodes = new ArrayList<>();
    cells.forEach(cellNodes::add);
    cellNodes.sort(java.util.Comparator.comparingInt(
        c -> rank.getOrDefault(c.get("width").asInt() + "," + c.get("seed").asLong(), order.size())));
    cells.removeAll();
    cellNodes.forEach(cells::add);
    if (Snapshots.exist(directory)) {
      Snapshots.sortIndex(directory, e -> rank.getOrDefault(e.width() + "," + e.seed(), order.size()));
    }
    manifest.put("status", "complete");
    manifest.put("finished", time.toString());
    writeManifest();
  }

  /** Marks the run failed, with the reason. */
  public void failed(Instant time, String reason) throws IOException {
    manifest.put("status", "failed");
    manifest.put("finished", time.toString());
    manifest.put("error", reason);
    writeManifest();
  }

  private void writeManifest() throws IOException {
    Path tmp = directory.resolve(MANIFEST + ".tmp");
    Files.write(tmp, SweepJson.bytes(manifest));
    Files.move(tmp, directory.resolve(MANIFEST), StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public void close() throws IOException {
    csv.close();
  }
}
