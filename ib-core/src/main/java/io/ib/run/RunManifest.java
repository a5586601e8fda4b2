package io.ib.run;

import io.ib.data.DataFile;
import io.ib.data.Dataset;
import io.ib.info.EstimatorSpec;
import io.ib.info.MutualInformationEstimator;
import io.ib.provenance.Provenance;
import io.ib.sweep.Cell;
import io.ib.sweep.CellResult;
import io.ib.sweep.CompressionSummary;
import io.ib.sweep.EvaluationSet;
import io.ib.sweep.Layer;
import io.ib.sweep.SweepConfig;
import io.ib.sweep.ValueRange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A run's manifest, {@code sweep.json}, typed: what was run (the configuration, the data, the
 * software), where it stands, and what each finished cell, resumption and analysis recorded. Read it
 * with {@link SavedRun}; only the run directory's writer changes it, by the transitions below, and
 * one codec turns it into JSON and back.
 *
 * @param format the file format, {@value ManifestJson#FORMAT}
 * @param status where the run stands
 * @param started when it started
 * @param finished when it completed or failed; empty while it runs
 * @param error why it failed; empty unless {@link RunStatus#FAILED}
 * @param config the configuration; estimators whose class is not on the class path are stand-ins
 *     that keep their spec ({@link io.ib.info.Estimators#isAvailable})
 * @param estimates the specs of every estimate the configuration's estimators write
 * @param keepsSnapshots whether the run keeps every measured layer's activations
 * @param dataset the data it trains and measures on
 * @param evaluation the samples it measures on
 * @param provenance the software and machine that started it
 * @param cells the finished cells, in the order they were recorded (cell order once complete)
 * @param resumptions each time the run was resumed (or its committed cells merged)
 * @param analyses each re-analysis of its saved activations
 * @param globalRanges per range-based estimator, the per-layer range it used
 * @param recording for a run of networks trained outside ib ({@link RecordedRunWriter}): where its
 *     activations come from and each cell's network; its {@code config} then holds only the cells,
 *     estimators, output layer and evaluation set, its training fields are stand-ins (see
 *     {@link Recording}); empty for a sweep
 */
public record RunManifest(String format, RunStatus status, Instant started,
    Optional<Instant> finished, Optional<String> error, SweepConfig config, Estimates estimates,
    boolean keepsSnapshots, DataRecord dataset, Evaluation evaluation, Provenance provenance,
    List<CellRecord> cells, List<Resumption> resumptions, List<AnalysisRecord> analyses,
    Map<EstimatorSpec, Map<Layer, ValueRange>> globalRanges, Optional<Recording> recording) {

  public RunManifest {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(started, "started");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(estimates, "estimates");
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(evaluation, "evaluation");
    Objects.requireNonNull(provenance, "provenance");
    cells = List.copyOf(cells);
    resumptions = List.copyOf(resumptions);
    analyses = List.copyOf(analyses);
    globalRanges = copy(globalRanges);
    Objects.requireNonNull(recording, "recording");
  }

  /** A sweep's manifest (no recording). */
  public RunManifest(String format, RunStatus status, Instant started,
      Optional<Instant> finished, Optional<String> error, SweepConfig config, Estimates estimates,
      boolean keepsSnapshots, DataRecord dataset, Evaluation evaluation, Provenance provenance,
      List<CellRecord> cells, List<Resumption> resumptions, List<AnalysisRecord> analyses,
      Map<EstimatorSpec, Map<Layer, ValueRange>> globalRanges) {
    this(format, status, started, finished, error, config, estimates, keepsSnapshots, dataset,
        evaluation, provenance, cells, resumptions, analyses, globalRanges, Optional.empty());
  }

  /**
   * The specs of the estimates a run writes: those of the estimators that run while the cells train,
   * and of those that run over every cell's activations after the last cell. Recorded so that a run
   * can be read without the estimators' classes.
   */
  public record Estimates(List<EstimatorSpec> online, List<EstimatorSpec> deferred) {
    public Estimates {
      online = List.copyOf(online);
      deferred = List.copyOf(deferred);
    }

    /** The estimates of a configuration's estimators. */
    public static Estimates of(SweepConfig config) {
      return new Estimates(members(config.onlineEstimators()),
          members(config.deferredEstimators()));
    }

    static List<EstimatorSpec> members(List<MutualInformationEstimator> estimators) {
      List<EstimatorSpec> specs = new ArrayList<>();
      estimators.forEach(e -> specs.addAll(e.memberSpecs()));
      return specs;
    }
  }

  /**
   * A finished cell.
   *
   * @param measurements its measurement points
   * @param rows its rows in {@code measurements.csv} written while it trained
   * @param finalTestAccuracy accuracy at its last measurement
   * @param trainingSeconds wall time of its optimisation steps
   * @param evaluationSeconds wall time of its evaluation passes
   * @param estimatorSeconds wall time per estimator
   */
  public record CellRecord(Cell cell, int measurements, long rows, double finalTestAccuracy,
      double trainingSeconds, double evaluationSeconds, Map<EstimatorSpec, Double> estimatorSeconds) {
    public CellRecord {
      Objects.requireNonNull(cell, "cell");
      estimatorSeconds = Map.copyOf(estimatorSeconds);
    }

    /** The record of a cell's result that wrote {@code rows} rows. */
    public static CellRecord of(CellResult result, long rows) {
      return new CellRecord(result.cell(), result.measurements().size(), rows,
          result.last().testAccuracy(), result.trainingSeconds(), result.evaluationSeconds(),
          result.estimatorSeconds());
    }
  }

  /**
   * The data a run trains and measures on: its shape and files.
   *
   * @param files every file read, with its checksum
   */
  public record DataRecord(String name, int trainSize, int testSize, int features, int classes,
      List<DataFile> files) {
    public DataRecord {
      Objects.requireNonNull(name, "name");
      files = List.copyOf(files);
    }

    /** The record of a dataset. */
    public static DataRecord of(Dataset d) {
      return new DataRecord(d.name(), d.train().size(), d.test().size(), d.numFeatures(),
          d.numClasses(), d.files());
    }

    /** How another record differs from this one, field by field ("name x (the run has y)"). */
    public List<String> differencesFrom(DataRecord other) {
      List<String> d = new ArrayList<>();
      difference(d, "name", other.name, name);
      difference(d, "train_size", other.trainSize, trainSize);
      difference(d, "test_size", other.testSize, testSize);
      difference(d, "features", other.features, features);
      difference(d, "classes", other.classes, classes);
      difference(d, "files", other.files, files);
      return d;
    }

    private static void difference(List<String> out, String field, Object given, Object stored) {
      if (!given.equals(stored)) {
        out.add(field + " " + given + " (the run has " + stored + ")");
      }
    }
  }

  /**
   * The samples a run measures on.
   *
   * @param samples which of the dataset's samples
   * @param size how many
   * @param majorityRate the share of the most frequent class among them
   */
  public record Evaluation(EvaluationSet samples, int size, double majorityRate) {
    public Evaluation {
      Objects.requireNonNull(samples, "samples");
    }

    /** The evaluation samples of a configuration on a dataset. */
    public static Evaluation of(SweepConfig config, Dataset data) {
      int[] labels = config.evaluateOn().labels(data);
      return new Evaluation(config.evaluateOn(), labels.length,
          CompressionSummary.majorityRate(labels, data.numClasses()));
    }
  }

  /** A resumption: when, and the command line that did it (empty from code). */
  public record Resumption(Instant time, List<String> commandLine) {
    public Resumption {
      Objects.requireNonNull(time, "time");
      commandLine = List.copyOf(commandLine);
    }
  }

  /**
   * A re-analysis of the saved activations.
   *
   * @param estimators the estimators as given
   * @param estimates the specs of the estimates they added
   */
  public record AnalysisRecord(Instant time, List<EstimatorSpec> estimators,
      List<EstimatorSpec> estimates, List<String> commandLine) {
    public AnalysisRecord {
      Objects.requireNonNull(time, "time");
      estimators = List.copyOf(estimators);
      estimates = List.copyOf(estimates);
      commandLine = List.copyOf(commandLine);
    }
  }

  // ------------------------------------------------------------------ derived

  /** The finished cells. */
  public List<Cell> finishedCells() {
    return cells.stream().map(CellRecord::cell).toList();
  }

  /** Whether the run records networks trained outside ib ({@link #recording()} is present). */
  public boolean isRecorded() {
    return recording.isPresent();
  }

  /**
   * The run's cells in run order: the configuration's, or for a recorded run those that started
   * recording.
   */
  public List<Cell> plannedCells() {
    return recording.map(Recording::cells).orElseGet(config::cells);
  }

  /** Whether the run completed. */
  public boolean isComplete() {
    return status == RunStatus.COMPLETE;
  }

  /** The specs of every estimate the run holds: the configuration's, then every analysis's. */
  public List<EstimatorSpec> allEstimates() {
    List<EstimatorSpec> all = new ArrayList<>(estimates.online());
    all.addAll(estimates.deferred());
    analyses.forEach(a -> all.addAll(a.estimates()));
    return all;
  }

  // ------------------------------------------------------------------ transitions (the writer's)

  /** The manifest of a new run. */
  static RunManifest start(SweepConfig config, Dataset data, Provenance provenance, Instant time,
      boolean keepsSnapshots) {
    return new RunManifest(ManifestJson.FORMAT, RunStatus.RUNNING, time, Optional.empty(),
        Optional.empty(), config, Estimates.of(config), keepsSnapshots, DataRecord.of(data),
        Evaluation.of(config, data), provenance, List.of(), List.of(), List.of(), Map.of());
  }

  /** Running again after a stop, with the resumption recorded. */
  RunManifest resumed(Instant time, List<String> commandLine) {
    List<Resumption> r = new ArrayList<>(resumptions);
    r.add(new Resumption(time, commandLine));
    return new RunManifest(ManifestJson.FORMAT, RunStatus.RUNNING, started, Optional.empty(),
        Optional.empty(), config, estimates, keepsSnapshots, dataset, evaluation, provenance, cells,
        r, analyses, globalRanges, recording);
  }

  /** With more finished cells. */
  RunManifest withCells(List<CellRecord> more) {
    List<CellRecord> all = new ArrayList<>(cells);
    all.addAll(more);
    return withCellList(all);
  }

  /** Complete: the cells in the given order, and the ranges estimators used. */
  RunManifest complete(Instant time, Comparator<Cell> order,
      Map<EstimatorSpec, Map<Layer, ValueRange>> ranges) {
    List<CellRecord> sorted = new ArrayList<>(cells);
    sorted.sort(Comparator.comparing(CellRecord::cell, order));
    return new RunManifest(format, RunStatus.COMPLETE, started, Optional.of(time), Optional.empty(),
        config, estimates, keepsSnapshots, dataset, evaluation, provenance, sorted, resumptions,
        analyses, merged(ranges), recording);
  }

  /** Failed, with the reason. */
  RunManifest failed(Instant time, String reason) {
    return new RunManifest(format, RunStatus.FAILED, started, Optional.of(time),
        Optional.of(String.valueOf(reason)), config, estimates, keepsSnapshots, dataset, evaluation,
        provenance, cells, resumptions, analyses, globalRanges, recording);
  }

  /** With an analysis recorded, and the ranges its estimators used. */
  RunManifest withAnalysis(AnalysisRecord analysis,
      Map<EstimatorSpec, Map<Layer, ValueRange>> ranges) {
    List<AnalysisRecord> all = new ArrayList<>(analyses);
    all.add(analysis);
    return new RunManifest(format, status, started, finished, error, config, estimates,
        keepsSnapshots, dataset, evaluation, provenance, cells, resumptions, all, merged(ranges),
        recording);
  }

  private RunManifest withCellList(List<CellRecord> list) {
    return new RunManifest(format, status, started, finished, error, config, estimates,
        keepsSnapshots, dataset, evaluation, provenance, list, resumptions, analyses, globalRanges,
        recording);
  }

  private Map<EstimatorSpec, Map<Layer, ValueRange>> merged(
      Map<EstimatorSpec, Map<Layer, ValueRange>> more) {
    Map<EstimatorSpec, Map<Layer, ValueRange>> all = new LinkedHashMap<>(globalRanges);
    all.putAll(more);
    return all;
  }

  /** An unmodifiable copy keeping the estimators' order, each estimator's layers in layer order. */
  private static Map<EstimatorSpec, Map<Layer, ValueRange>> copy(
      Map<EstimatorSpec, Map<Layer, ValueRange>> ranges) {
    Map<EstimatorSpec, Map<Layer, ValueRange>> c = new LinkedHashMap<>();
    ranges.forEach((spec, perLayer) -> c.put(spec,
        java.util.Collections.unmodifiableMap(new TreeMap<>(perLayer))));
    return java.util.Collections.unmodifiableMap(c);
  }
}
