package io.ib.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ib.data.Dataset;
import io.ib.data.LabelledData;
import io.ib.info.EstimatorSpec;
import io.ib.info.InformationEstimate;
import io.ib.info.LayerSample;
import io.ib.info.MutualInformationEstimator;
import io.ib.provenance.Provenance;
import io.ib.sweep.ActivationMatrix;
import io.ib.sweep.Cell;
import io.ib.sweep.CellResult;
import io.ib.sweep.CompressionSummary;
import io.ib.sweep.LayerEstimate;
import io.ib.sweep.Measurement;
import io.ib.sweep.RunStore;
import io.ib.sweep.SnapshotEntry;
import io.ib.sweep.SnapshotSource;
import io.ib.sweep.SweepConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A run directory: {@code sweep.json} (the manifest: configuration, provenance, dataset checksums,
 * status, finished cells), {@code measurements.csv}, and the activation snapshots; the sweep's
 * {@link RunStore}.
 *
 * <p>What it promises:
 * <ul>
 *   <li>It writes only into a new or empty directory, or over its own run when asked to
 *       ({@code overwrite}); it never changes or deletes a file it did not write.
 *   <li>One process at a time: a lock ({@link RunLock}) is held while it is open.
 *   <li>Any stop (a kill, a crash, a full disk) leaves a directory that {@link #resume} finishes to
 *       the bytes an uninterrupted run writes: the manifest is replaced whole, rows are appended a
 *       measurement at a time, and every change of several files at once (finishing, resuming, an
 *       analysis) goes through a redo log ({@link Journal}).
 *   <li>Damaged or edited files are refused with a {@link DamagedFileException} naming the file and
 *       the problem, never repaired silently.
 * </ul>
 */
public final class RunDirectory implements RunStore {
  /** Name of the manifest file. */
  public static final String MANIFEST = "sweep.json";
  /** Name of the measurements file. */
  public static final String MEASUREMENTS = "measurements.csv";
  /** Name of the HTML report ({@code ib-report} writes it). */
  public static final String REPORT = "report.html";
  /** Name of the compression summary ({@code ib-report} writes it). */
  public static final String COMPRESSION = "compression.csv";
  /** Name of the plot directory ({@code ib-report} writes it). */
  public static final String PLOTS = "plots";
  /** The names of the plot files ib writes into {@link #PLOTS}. */
  public static final Pattern PLOT_FILE =
      Pattern.compile("(infoplane-.*|progress-.*|capacity|resolution-.*)\\.(png|svg)");
  private static final String INDEX = Snapshots.DIRECTORY + "/" + Snapshots.INDEX;

  private static final String SEED_DERIVATION = "init = Seeds.mix(seed, 1, width); batch order ="
      + " Seeds.mix(seed, 2); epoch e permutation = Seeds.mix(order seed, e) (SplitMix64 finaliser,"
      + " io.ib.train.Seeds)";

  private final Path directory;
  private final RunLock lock;
  private final ObjectNode manifest;
  private final SweepConfig config;
  private final boolean keepSnapshots;
  private List<CellResult> finished;
  private final Map<Cell, Long> rows = new HashMap<>();
  private MeasurementsCsv csv;
  private Snapshots snapshots;

  private RunDirectory(Path directory, RunLock lock, ObjectNode manifest, SweepConfig config,
      boolean keepSnapshots, List<CellResult> finished) {
    this.directory = directory;
    this.lock = lock;
    this.manifest = manifest;
    this.config = config;
    this.keepSnapshots = keepSnapshots;
    this.finished = List.copyOf(finished);
  }

  // ------------------------------------------------------------------ opening

  /** What to do with a directory once it is locked; the lock is released if this fails. */
  private interface WithLock<T> {
    T open(RunLock lock) throws IOException;
  }

  private static <T> T locked(Path directory, String purpose, WithLock<T> body) throws IOException {
    RunLock lock = RunLock.acquire(directory, purpose);
    try {
      return body.open(lock);
    } catch (IOException | RuntimeException | Error e) {
      lock.close();
      throw e;
    }
  }

  /**
   * Starts a new run in {@code directory}: a new or empty directory (created with its parents if
   * needed), or, with {@code overwrite}, a directory holding an earlier ib run, whose files are
   * deleted first (files ib did not write stay).
   *
   * @param keepSnapshots keep every measured layer's activations after the run
   * @throws IOException if the directory holds files ib did not write, holds a run and
   *     {@code overwrite} is false, is in use by another process, or cannot be written
   */
  public static RunDirectory create(Path directory, SweepConfig config, Dataset data,
      Provenance provenance, Instant started, boolean keepSnapshots, boolean overwrite)
      throws IOException {
    if (directory.toString().isBlank()) {
      throw new IllegalArgumentException("the output directory is empty: give a directory name");
    }
    if (Files.exists(directory) && !Files.isDirectory(directory)) {
      throw new IOException(directory + " exists and is not a directory");
    }
    try {
      Files.createDirectories(directory);
    } catch (FileAlreadyExistsException e) {
      throw new IOException(directory + " exists and is not a directory", e);
    }
    return locked(directory, "ib sweep", lock -> {
      RunLayout.prepareForNewRun(directory, overwrite);
      ObjectNode m = SweepJson.MAPPER.createObjectNode();
      m.put("format", SweepJson.FORMAT);
      m.put("status", Manifest.RUNNING);
      m.put("started", started.toString());
      m.putNull("finished");
      m.set("config", SweepJson.config(config));
      m.put("config_sha256", SweepJson.configSha256(config));
      m.put("seed_derivation", SEED_DERIVATION);
      m.put("snapshots", keepSnapshots);
      m.set("dataset", SweepJson.dataset(data));
      int[] evaluatedLabels = config.evaluateOn().labels(data);
      ObjectNode evaluation = m.putObject("evaluation");
      evaluation.put("samples", config.evaluateOn().id());
      evaluation.put("size", evaluatedLabels.length);
      evaluation.put("majority_rate", CompressionSummary.majorityRate(evaluatedLabels,
          data.numClasses()));
      m.set("provenance", SweepJson.provenance(provenance));
      m.putArray("cells");
      RunDirectory run = new RunDirectory(directory, lock, m, config, keepSnapshots, List.of());
      run.writeManifest(); // first: from here on the directory is recognisably an ib run
      run.csv = MeasurementsCsv.create(directory.resolve(MEASUREMENTS));
      if (keepSnapshots || !config.deferredEstimators().isEmpty()) {
        run.snapshots = startSnapshots(directory, config, data);
      }
      return run;
    });
  }

  /** A new snapshot directory with the labels and inputs of the samples the sweep measures on. */
  private static Snapshots startSnapshots(Path directory, SweepConfig config, Dataset data)
      throws IOException {
    LabelledData evaluated = config.evaluateOn().of(data);
    return Snapshots.create(directory, evaluated.labels(),
        LayerSample.rowMajorFloats(evaluated.features()), evaluated.numFeatures());
  }

  /**
   * Reopens an interrupted run to finish it: keeps the measurements (and snapshots) of the cells that
   * finished, drops those of cells that were running when the run stopped (and those of estimators
   * that run after the last cell, which are recomputed), and appends from there.
   *
   * @throws IOException if the directory is not a run, is in use, the run is complete, or the data
   *     differs from the data the run started with (the message says what differs)
   * @throws DamagedFileException if a file of the run is damaged or inconsistent
   */
  public static RunDirectory resume(Path directory, Dataset data, Provenance provenance,
      Instant time) throws IOException {
    requireRunDirectory(directory);
    return locked(directory, "ib sweep --resume", lock -> {
      RunLayout.recoverLocked(directory);
      Manifest m = Manifest.read(directory);
      if (m.format.equals(SweepJson.FORMAT_1)) {
        throw new IOException(directory + " was written by an earlier ib (format "
            + SweepJson.FORMAT_1 + "), which this version cannot resume: run the sweep again");
      }
      if (m.status.equals(Manifest.COMPLETE)) {
        throw new IOException(directory + " holds a complete run: there is nothing to resume");
      }
      requireSameData(directory, m, data);
      Set<String> deferred = deferredSpecs(m.config);
      Map<Cell, Manifest.CellEntry> done = new LinkedHashMap<>();
      m.cells.forEach(c -> done.put(c.cell(), c));

      // Keep complete lines of finished cells, byte for byte; drop the rest and a torn last line.
      Path csvFile = directory.resolve(MEASUREMENTS);
      StringBuilder kept = new StringBuilder(MeasurementsCsv.HEADER).append('\n');
      List<MeasurementRow> keptRows = new ArrayList<>();
      if (Files.exists(csvFile)) {
        Set<Cell> planned = new HashSet<>(m.config.cells());
        Set<String> online = onlineSpecs(m.config);
        MeasurementsCsv.scan(csvFile, (lineNumber, line, row) -> {
          Cell cell = new Cell(row.width(), row.seed());
          if (!planned.contains(cell)) {
            throw new DamagedFileException(csvFile, "line " + lineNumber + " belongs to " + cell
                + ", which the run's configuration does not have");
          }
          if (!online.contains(row.estimator()) && !deferred.contains(row.estimator())) {
            throw new DamagedFileException(csvFile, "line " + lineNumber + " holds estimator "
                + row.estimator() + ", which the run's configuration does not have");
          }
          if (done.containsKey(cell) && online.contains(row.estimator())) {
            kept.append(line).append('\n');
            keptRows.add(row);
          }
        });
      } else if (!done.isEmpty()) {
        throw new DamagedFileException(csvFile, "it is missing, but " + MANIFEST + " lists "
            + done.size() + " finished cells");
      }
      List<CellResult> finished = cellResults(m, keptRows, csvFile);

      boolean needSnapshots = m.snapshots || !deferred.isEmpty();
      List<Snapshots.Entry> keptEntries = new ArrayList<>();
      List<Snapshots.Entry> dropped = new ArrayList<>();
      boolean haveIndex = Snapshots.exist(directory);
      if (needSnapshots && haveIndex) {
        for (Snapshots.Entry e : Snapshots.read(directory)) {
          Cell cell = new Cell(e.width(), e.seed());
          if (!m.config.cells().contains(cell)) {
            throw new DamagedFileException(directory.resolve(INDEX), "it lists a snapshot of "
                + cell + ", which the run's configuration does not have");
          }
          if (done.containsKey(cell)) {
            if (!Files.isRegularFile(Snapshots.path(directory, e))) {
              throw new DamagedFileException(Snapshots.path(directory, e), "it is missing, but"
                  + " the snapshot index lists it");
            }
            keptEntries.add(e);
          } else {
            dropped.add(e);
          }
        }
      } else if (needSnapshots && !done.isEmpty()) {
        throw new DamagedFileException(directory.resolve(INDEX), "it is missing, but the run saves"
            + " activations and " + done.size() + " cells finished");
      }

      ObjectNode node = m.node;
      node.put("status", Manifest.RUNNING);
      node.putNull("finished");
      node.remove("error");
      ObjectNode r = node.withArray("resumed").addObject();
      r.put("time", time.toString());
      ArrayNode cmd = r.putArray("command_line");
      provenance.commandLine().forEach(cmd::add);
      Map<String, byte[]> files = Journal.files();
      files.put(MEASUREMENTS, kept.toString().getBytes(StandardCharsets.UTF_8));
      if (needSnapshots && haveIndex) {
        files.put(INDEX, Snapshots.indexBytes(keptEntries));
      }
      files.put(MANIFEST, SweepJson.bytes(node));
      Journal.commit(directory, files);
      Snapshots.delete(directory, dropped);

      RunDirectory run = new RunDirectory(directory, lock, node, m.config, m.snapshots, finished);
      for (Manifest.CellEntry c : m.cells) {
        run.rows.put(c.cell(), c.rows());
      }
      run.csv = MeasurementsCsv.append(csvFile);
      if (needSnapshots) {
        run.snapshots = haveIndex ? Snapshots.append(directory)
            : startSnapshots(directory, m.config, data);
      }
      return run;
    });
  }

  /**
   * Opens a complete run to add the estimates of a re-analysis ({@code ib analyze}).
   *
   * @throws IOException if the directory is not a run, is in use, or the run is not complete
   * @throws DamagedFileException if a file of the run is damaged or inconsistent
   */
  public static RunDirectory openForAnalysis(Path directory) throws IOException {
    requireRunDirectory(directory);
    return locked(directory, "ib analyze", lock -> {
      RunLayout.recoverLocked(directory);
      Manifest m = Manifest.read(directory);
      if (!m.status.equals(Manifest.COMPLETE)) {
        throw new IOException(directory + " holds a run with status '" + m.status
            + "': finish it first (ib sweep --resume " + directory + ")");
      }
      Path csvFile = directory.resolve(MEASUREMENTS);
      List<CellResult> cells = cellResults(m, MeasurementsCsv.read(csvFile), csvFile);
      return new RunDirectory(directory, lock, m.node, m.config, m.snapshots, cells);
    });
  }

  /**
   * Locks a run directory for writing its report, first finishing or discarding a change that a
   * stop interrupted. Close the lock when the report is written.
   *
   * @throws IOException if the directory is in use or cannot be recovered
   */
  public static RunLock lockForReport(Path directory) throws IOException {
    return locked(directory, "ib report", lock -> {
      if (Files.isRegularFile(directory.resolve(MANIFEST))) {
        RunLayout.recoverLocked(directory);
      }
      return lock;
    });
  }

  /**
   * Reads the configuration stored in a run directory.
   *
   * @throws IOException if the directory holds no manifest, or a damaged one
   */
  public static SweepConfig readConfig(Path directory) throws IOException {
    requireRunDirectory(directory);
    return Manifest.read(directory).config;
  }

  /**
   * The cells a run directory's manifest lists as finished (merged), in its order; reads the manifest
   * only, so it works at any stage of a run.
   *
   * @throws IOException if the directory holds no manifest, or a damaged one
   */
  public static List<Cell> finishedCells(Path directory) throws IOException {
    requireRunDirectory(directory);
    return Manifest.read(directory).cells.stream().map(Manifest.CellEntry::cell).toList();
  }

  /**
   * The results stored in a run directory, one per finished cell in the manifest's order, rebuilt
   * from {@code sweep.json} and {@code measurements.csv}.
   */
  public static List<CellResult> readResults(Path directory) throws IOException {
    requireRunDirectory(directory);
    Manifest m = Manifest.read(directory);
    Path csvFile = directory.resolve(MEASUREMENTS);
    return cellResults(m, MeasurementsCsv.read(csvFile), csvFile);
  }

  private static void requireRunDirectory(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      throw new IOException(directory + " is not a directory");
    }
    if (!Files.isRegularFile(directory.resolve(MANIFEST))) {
      throw new IOException(directory + " is not an ib run directory: " + MANIFEST + " is missing");
    }
  }

  /**
   * Checks that the data is the data the run in {@code directory} started with (same files and
   * checksums, same split).
   *
   * @throws IOException if it differs (the message says how) or the directory holds no run
   */
  public static void requireSameData(Path directory, Dataset data) throws IOException {
    requireRunDirectory(directory);
    requireSameData(directory, Manifest.read(directory), data);
  }

  private static void requireSameData(Path directory, Manifest m, Dataset data)
      throws IOException {
    // Compared as text: numbers read back from a file may be other node types than those written.
    JsonNode stored = m.node.get("dataset");
    JsonNode given = SweepJson.dataset(data);
    List<String> differences = new ArrayList<>();
    given.fieldNames().forEachRemaining(f -> {
      if (!given.get(f).toString().equals(String.valueOf(stored.get(f)))) {
        differences.add(f + " " + given.get(f) + " (the run has " + stored.get(f) + ")");
      }
    });
    if (!differences.isEmpty()) {
      throw new IOException("the data differs from the data the run in " + directory
          + " started with: " + String.join("; ", differences) + " (resume with the same data and"
          + " the same split)");
    }
  }
  /** The member specs of the estimators that run after the last cell. */
  private static Set<String> deferredSpecs(SweepConfig config) {
    return specs(config.deferredEstimators());
  }

  /** The member specs of the estimators that run while the cells train, and "" (no estimator). */
  private static Set<String> onlineSpecs(SweepConfig config) {
    Set<String> specs = specs(config.onlineEstimators());
    specs.add("");
    return specs;
  }

  private static Set<String> specs(List<MutualInformationEstimator> estimators) {
    Set<String> specs = new HashSet<>();
    for (MutualInformationEstimator e : estimators) {
      e.memberSpecs().forEach(s -> specs.add(s.toString()));
    }
    return specs;
  }

  /**
   * Rebuilds the results of the manifest's finished cells from their rows, checking that each has
   * the measurements and rows the manifest records.
   */
  private static List<CellResult> cellResults(Manifest m, List<MeasurementRow> all, Path csvFile)
      throws DamagedFileException {
    Map<Cell, TreeMap<Integer, List<MeasurementRow>>> byCell = new HashMap<>();
    Map<Cell, Long> rowCounts = new HashMap<>();
    Set<String> online = onlineSpecs(m.config);
    for (MeasurementRow row : all) {
      Cell cell = new Cell(row.width(), row.seed());
      byCell.computeIfAbsent(cell, c -> new TreeMap<>())
          .computeIfAbsent(row.step(), s -> new ArrayList<>()).add(row);
      if (online.contains(row.estimator())) {
        rowCounts.merge(cell, 1L, Long::sum); // the rows written while the cell trained
      }
    }
    List<CellResult> result = new ArrayList<>();
    for (Manifest.CellEntry c : m.cells) {
      TreeMap<Integer, List<MeasurementRow>> bySteps = byCell.getOrDefault(c.cell(), new TreeMap<>());
      long rowCount = rowCounts.getOrDefault(c.cell(), 0L);
      if (bySteps.size() != c.measurements() || (c.rows() >= 0 && rowCount != c.rows())) {
        throw new DamagedFileException(csvFile, "it holds " + bySteps.size() + " measurements in "
            + rowCount + " rows of " + c.cell() + ", but " + MANIFEST + " records "
            + c.measurements() + " measurements" + (c.rows() >= 0 ? " in " + c.rows() + " rows" : ""));
      }
      List<Measurement> measurements = new ArrayList<>();
      for (List<MeasurementRow> point : bySteps.values()) {
        MeasurementRow first = point.get(0);
        List<LayerEstimate> estimates = new ArrayList<>();
        for (MeasurementRow row : point) {
          if (!row.estimator().isEmpty()) {
            try {
              estimates.add(new LayerEstimate(row.layer(), row.layerWidth(),
                  new InformationEstimate(EstimatorSpec.parse(row.estimator()), row.ixtBits(),
                      row.ityBits(), row.htBits(), row.n(), row.hyBits())));
            } catch (IllegalArgumentException e) {
              throw new DamagedFileException(csvFile, "a row of " + c.cell() + " at step "
                  + row.step() + ": " + e.getMessage());
            }
          }
        }
        measurements.add(new Measurement(c.cell(), first.step(), first.epoch(), first.trainLoss(),
            first.testLoss(), first.testAccuracy(), estimates));
      }
      Map<String, Double> seconds = new TreeMap<>();
      c.node().path("estimator_seconds").fields().forEachRemaining(e -> seconds.put(e.getKey(),
          e.getValue().asDouble()));
      result.add(new CellResult(c.cell(), measurements, c.node().path("training_seconds").asDouble(),
          c.node().path("evaluation_seconds").asDouble(), seconds));
    }
    return result;
  }

  // ------------------------------------------------------------------ the store

  /** The directory. */
  @Override
  public Optional<Path> directory() {
    return Optional.of(directory);
  }

  /**
   * Whether the run in the directory finished every cell (its manifest says complete).
   *
   * @throws IOException if the directory holds no manifest
   * @throws DamagedFileException if the manifest is damaged
   */
  public static boolean isComplete(Path directory) throws IOException {
    requireRunDirectory(directory);
    return Manifest.read(directory).status.equals(Manifest.COMPLETE);
  }

  /**
   * The share of the most frequent class among the samples a run is measured on, as recorded when it
   * started (NaN for runs that did not record it).
   */
  public static double majorityRate(Path directory) throws IOException {
    requireRunDirectory(directory);
    return Manifest.read(directory).node.path("evaluation").path("majority_rate")
        .asDouble(Double.NaN);
  }

  /** The configuration of the run. */
  public SweepConfig config() {
    return config;
  }

  @Override
  public List<CellResult> finishedCells() {
    return finished;
  }

  @Override
  public boolean keepsSnapshots() {
    return keepSnapshots;
  }

  @Override
  public void snapshot(Cell cell, int step, double epoch, String layer, float[] values, int rows,
      int columns) throws IOException {
    if (snapshots == null) {
      throw new UnsupportedOperationException("this run saves no activations");
    }
    snapshots.write(cell.width(), cell.seed(), step, epoch, layer, values, rows, columns);
  }

  /** Appends a measurement's rows to the CSV. Safe to call from several threads. */
  @Override
  public synchronized void measured(Measurement measurement) throws IOException {
    csv.append(measurement);
    rows.merge(measurement.cell(), (long) MeasurementsCsv.rowCount(measurement), Long::sum);
  }

  /** Records a finished cell in the manifest. Safe to call from several threads. */
  @Override
  public synchronized void cellFinished(CellResult result) throws IOException {
    manifestCells().add(cellEntry(result, rows.getOrDefault(result.cell(), 0L)));
    writeManifest();
  }

  /** A finished cell's entry in the manifest's {@code cells}, with its row count. */
  static ObjectNode cellEntry(CellResult result, long rowCount) {
    ObjectNode c = SweepJson.MAPPER.createObjectNode();
    c.put("width", result.cell().width());
    c.put("seed", result.cell().seed());
    c.put("init_seed", result.cell().initSeed());
    c.put("order_seed", result.cell().orderSeed());
    c.put("measurements", result.measurements().size());
    c.put("rows", rowCount);
    c.put("final_test_accuracy", result.last().testAccuracy());
    c.put("training_seconds", result.trainingSeconds());
    c.put("evaluation_seconds", result.evaluationSeconds());
    ObjectNode est = c.putObject("estimator_seconds");
    new TreeMap<>(result.estimatorSeconds()).forEach(est::put);
    return c;
  }

  @Override
  public SnapshotSource snapshots() {
    return new SnapshotSource() {
      private final Map<SnapshotEntry, Snapshots.Entry> files = new HashMap<>();

      @Override
      public List<SnapshotEntry> entries() throws IOException {
        List<SnapshotEntry> result = new ArrayList<>();
        for (Snapshots.Entry e : Snapshots.read(directory)) {
          SnapshotEntry entry = new SnapshotEntry(new Cell(e.width(), e.seed()), e.step(),
              e.epoch(), e.layer(), e.layerWidth());
          files.put(entry, e);
          result.add(entry);
        }
        return result;
      }

      @Override
      public ActivationMatrix read(SnapshotEntry entry) throws IOException {
        Snapshots.Entry e = files.get(entry);
        if (e == null) {
          throw new IllegalArgumentException("not an entry of this run's snapshots: " + entry);
        }
        Npy.FloatMatrix m = Npy.readFloats(Snapshots.path(directory, e));
        if (m.columns() != e.layerWidth()) {
          throw new DamagedFileException(Snapshots.path(directory, e), "it has " + m.columns()
              + " columns, the index says " + e.layerWidth());
        }
        return new ActivationMatrix(m.values(), m.rows(), m.columns());
      }

      @Override
      public int[] labels() throws IOException {
        return Snapshots.labels(directory);
      }

      @Override
      public ActivationMatrix inputs() throws IOException {
        Npy.FloatMatrix m = Snapshots.inputs(directory);
        return new ActivationMatrix(m.values(), m.rows(), m.columns());
      }
    };
  }

  /**
   * Completes the run in one step (see {@link Journal}): the deferred rows after all others, rows,
   * cells and snapshots in the order of {@code cells}, status complete. A resumed run or one whose
   * cells ran in parallel thus ends with the same files as one uninterrupted sequential run.
   */
  @Override
  public synchronized void finished(Instant time, List<Cell> cells, List<Measurement> deferred,
      Map<String, Map<String, double[]>> ranges) throws IOException {
    closeWriters();
    Map<Cell, Integer> rank = new HashMap<>();
    for (int i = 0; i < cells.size(); i++) {
      rank.put(cells.get(i), i);
    }
    Comparator<Cell> byRank = Comparator.<Cell>comparingInt(c -> rank.getOrDefault(c, cells.size()))
        .thenComparingInt(Cell::width).thenComparingLong(Cell::seed);
    // Each cell's rows in the order written (a stable sort), then the deferred rows, by cell too.
    Map<Cell, StringBuilder> byCell = new TreeMap<>(byRank);
    MeasurementsCsv.scan(directory.resolve(MEASUREMENTS), (lineNumber, line, row) ->
        byCell.computeIfAbsent(new Cell(row.width(), row.seed()), c -> new StringBuilder())
            .append(line).append('\n'));
    StringBuilder text = new StringBuilder(MeasurementsCsv.HEADER).append('\n');
    byCell.values().forEach(text::append);
    List<Measurement> later = new ArrayList<>(deferred);
    later.sort(Comparator.comparing(Measurement::cell, byRank));
    later.forEach(m -> text.append(MeasurementsCsv.rows(m)));

    List<JsonNode> cellNodes = new ArrayList<>();
    manifestCells().forEach(cellNodes::add);
    cellNodes.sort(Comparator.comparing(
        c -> new Cell(c.get("width").asInt(), c.get("seed").asLong()), byRank));
    manifestCells().removeAll();
    cellNodes.forEach(manifestCells()::add);
    recordRanges(ranges);
    manifest.put("status", Manifest.COMPLETE);
    manifest.put("finished", time.toString());

    Map<String, byte[]> files = Journal.files();
    files.put(MEASUREMENTS, text.toString().getBytes(StandardCharsets.UTF_8));
    if (keepSnapshots) {
      List<Snapshots.Entry> entries = new ArrayList<>(Snapshots.read(directory));
      entries.sort(Comparator.comparing(e -> new Cell(e.width(), e.seed()), byRank));
      files.put(INDEX, Snapshots.indexBytes(entries));
    }
    files.put(MANIFEST, SweepJson.bytes(manifest));
    Journal.commit(directory, files);
    if (!keepSnapshots) {
      Snapshots.deleteAll(directory);
    }
    RunLayout.deleteCommittedCells(directory); // late duplicates of adopted cells, the empty folder
  }

  // ------------------------------------------------------------------ cells committed elsewhere

  /**
   * The folder where cells that run outside this process (Spark tasks, job-array tasks) commit
   * their results when the run directory is local: {@code RUN_DIR/}{@value CellCommits#DIRECTORY}.
   */
  public CellStorage cellStorage() {
    return CellStorage.local(directory.resolve(CellCommits.DIRECTORY));
  }

  /**
   * Adopts the cells committed in {@code storage} (see {@link CellCommits}) that the run does not
   * hold yet: their activations, if the run saves any, are saved as a cell running here saves them,
   * then their rows are appended to {@code measurements.csv} and their entries to the manifest in one
   * step (see {@link Journal}), exactly as if they had run here; then the storage's files are
   * deleted. A stop at any moment leaves the run as before or with every adopted cell, and the
   * committed files are adopted once only.
   *
   * @return the cells adopted
   * @throws IOException if a committed file is damaged or the run cannot be written
   */
  public synchronized List<Cell> adoptCommittedCells(CellStorage storage) throws IOException {
    Map<Cell, CellCommits.Committed> committed = CellCommits.read(storage, config);
    if (committed.isEmpty()) {
      CellCommits.clear(storage, Set.of()); // temporary files of killed attempts
      return List.of();
    }
    Set<Cell> have = new HashSet<>();
    finished.forEach(r -> have.add(r.cell()));
    manifestCells().forEach(c -> have.add(new Cell(c.get("width").asInt(), c.get("seed").asLong())));
    List<Cell> adopted = new ArrayList<>();
    for (CellCommits.Committed c : committed.values()) {
      if (!have.contains(c.cell())) {
        adopted.add(c.cell());
      }
    }
    if (!adopted.isEmpty()) {
      // Activations first, as a cell running here saves them: a stop before the step below leaves
      // snapshots of cells the run does not hold, which resuming deletes.
      if (snapshots != null) {
        for (Cell cell : adopted) {
          for (CellCommits.SnapshotFile f : committed.get(cell).snapshots()) {
            Npy.FloatMatrix m = Npy.parseFloats(CellCommits.readSnapshot(storage, f),
                Path.of(storage.describe(), f.name()));
            snapshots.write(cell.width(), cell.seed(), f.step(), f.epoch(), f.layer(), m.values(),
                m.rows(), m.columns());
          }
        }
      }
      boolean savingSnapshots = snapshots != null;
      closeWriters();
      Path csvFile = directory.resolve(MEASUREMENTS);
      StringBuilder text = new StringBuilder(Files.readString(csvFile, StandardCharsets.UTF_8));
      for (Cell cell : adopted) {
        text.append(new String(committed.get(cell).rows(), StandardCharsets.UTF_8));
        manifestCells().add(committed.get(cell).entry());
      }
      Map<String, byte[]> files = Journal.files();
      files.put(MEASUREMENTS, text.toString().getBytes(StandardCharsets.UTF_8));
      files.put(MANIFEST, SweepJson.bytes(manifest));
      Journal.commit(directory, files);
      csv = MeasurementsCsv.append(csvFile);
      if (savingSnapshots) {
        snapshots = Snapshots.append(directory);
      }
      Manifest m = Manifest.read(directory);
      List<CellResult> all = cellResults(m, MeasurementsCsv.read(csvFile), csvFile);
      Set<Cell> before = new HashSet<>();
      finished.forEach(r -> before.add(r.cell()));
      List<CellResult> now = new ArrayList<>(finished);
      all.stream().filter(r -> !before.contains(r.cell())).forEach(now::add);
      finished = List.copyOf(now);
    }
    CellCommits.clear(storage, committed.keySet());
    return adopted;
  }

  /** Whether the run in a directory keeps its activations (its manifest says). */
  public static boolean keepsSnapshots(Path directory) throws IOException {
    return Manifest.read(directory).snapshots;
  }

  /** Marks the run failed, with the reason. */
  @Override
  public synchronized void failed(Instant time, String reason) throws IOException {
    manifest.put("status", Manifest.FAILED);
    manifest.put("finished", time.toString());
    manifest.put("error", reason);
    writeManifest();
  }

  // ------------------------------------------------------------------ analysis

  /** The estimator specs that have rows in the run (to refuse analysing the same twice). */
  public Set<String> estimatorsWithResults() {
    Set<String> specs = new TreeSet<>();
    for (CellResult c : finished) {
      for (Measurement m : c.measurements()) {
        m.estimates().forEach(e -> specs.add(e.estimate().estimator().toString()));
      }
    }
    return specs;
  }

  /**
   * Adds the rows of a re-analysis and records it in the manifest, in one step (see
   * {@link Journal}): a stop at any moment leaves the run as it was before, or with the whole
   * analysis.
   *
   * @param added the new estimates, one measurement per snapshot point
   * @param ranges per range-based estimator, the per-layer ranges it used
   * @param estimators the estimators' specs as given
   */
  public synchronized void analysisFinished(List<Measurement> added,
      Map<String, Map<String, double[]>> ranges, List<String> estimators, Instant time,
      List<String> commandLine) throws IOException {
    StringBuilder text = new StringBuilder(Files.readString(directory.resolve(MEASUREMENTS),
        StandardCharsets.UTF_8));
    added.forEach(m -> text.append(MeasurementsCsv.rows(m)));
    ObjectNode a = manifest.withArray("analyses").addObject();
    a.put("time", time.toString());
    ArrayNode est = a.putArray("estimators");
    estimators.forEach(est::add);
    ArrayNode cmd = a.putArray("command_line");
    commandLine.forEach(cmd::add);
    recordRanges(ranges);
    Map<String, byte[]> files = Journal.files();
    files.put(MEASUREMENTS, text.toString().getBytes(StandardCharsets.UTF_8));
    files.put(MANIFEST, SweepJson.bytes(manifest));
    Journal.commit(directory, files);
  }

  // ------------------------------------------------------------------ helpers

  /** Records the per-layer ranges that range-based estimators used, by estimator spec. */
  private void recordRanges(Map<String, Map<String, double[]>> ranges) {
    if (!ranges.isEmpty()) {
      ObjectNode all = manifest.withObject("/global_ranges");
      ranges.forEach((estimator, perLayer) -> {
        ObjectNode o = all.putObject(estimator);
        new TreeMap<>(perLayer).forEach((layer, r) -> o.putArray(layer).add(r[0]).add(r[1]));
      });
    }
  }

  private ArrayNode manifestCells() {
    return (ArrayNode) manifest.get("cells");
  }

  private void writeManifest() throws IOException {
    Disk.writeAtomically(directory.resolve(MANIFEST), SweepJson.bytes(manifest));
  }

  private void closeWriters() throws IOException {
    try {
      if (csv != null) {
        csv.close();
      }
    } finally {
      csv = null;
      if (snapshots != null) {
        snapshots.close();
        snapshots = null;
      }
    }
  }

  @Override
  public synchronized void close() throws IOException {
    try {
      closeWriters();
    } finally {
      lock.close();
    }
  }
}
