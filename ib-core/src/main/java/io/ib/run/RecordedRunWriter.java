package io.ib.run;

import io.ib.info.EstimatorSpec;
import io.ib.info.LayerSample;
import io.ib.info.MutualInformationEstimator;
import io.ib.info.RangeBasedEstimator;
import io.ib.nn.Quantization;
import io.ib.provenance.Provenance;
import io.ib.run.RunManifest.CellRecord;
import io.ib.sweep.ActivationMatrix;
import io.ib.sweep.Cell;
import io.ib.sweep.Layer;
import io.ib.sweep.LayerEstimate;
import io.ib.sweep.Measurement;
import io.ib.sweep.SnapshotAnalysis;
import io.ib.sweep.SnapshotEntry;
import io.ib.sweep.SweepConfig;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Writes an ib run directory from networks trained outside ib (imported activations, DL4J models
 * measured while they train): the same files as a sweep's run, so {@code ib analyze},
 * {@code ib report} and {@link SavedRun} read it like any other. A cell is one trained network:
 * its width is the capacity being varied (e.g. the channels of a convolution layer) and its seed
 * the replicate. The manifest records the {@link Recording} (source, each cell's network) instead
 * of a training configuration, and {@code ib resume} refuses the run: ib cannot retrain it.
 *
 * <pre>{@code
 * try (RecordedRunWriter run = RecordedRunWriter.create(dir, settings)) {
 *   run.startCell(cell, network);
 *   run.record(cell, point); // at every measurement point
 *   run.finishCell(cell);
 *   run.finish();
 * }
 * }</pre>
 *
 * <p>Estimators run at every {@link #record}, as a sweep's do while it trains; range-based ones
 * ({@link RangeBasedEstimator}) at {@link #finish} over the saved activations (saved for them, and
 * deleted afterwards unless {@code keepSnapshots}). The directory's files are written as a sweep's
 * are (atomically, rows a measurement at a time), so a recording that stops leaves a readable run
 * that is not complete: {@code failed} after {@link #close} without {@link #finish}, {@code running}
 * after a kill. Not meant for several threads at once (its methods are synchronized).
 */
public final class RecordedRunWriter implements AutoCloseable {
  private final Path directory;
  private final RunLock lock;
  private final RecordingSettings settings;
  private final int numClasses;
  private final INDArray inputs;
  private final List<MutualInformationEstimator> online;
  private final List<MutualInformationEstimator> deferred;
  private final Map<Cell, RecordedCell> running = new LinkedHashMap<>();
  private RunManifest manifest; // written when the first cell starts
  private MeasurementsCsv csv;
  private Snapshots snapshots;
  private boolean finishing; // finish() began: its writers are closed, even if it failed
  private boolean finished;
  private boolean closed;

  private RecordedRunWriter(Path directory, RunLock lock, RecordingSettings settings) {
    this.directory = directory;
    this.lock = lock;
    this.settings = settings;
    this.numClasses = settings.numClasses();
    this.inputs = settings.inputs().map(x -> Nd4j.create(x.values(),
        new long[] {x.rows(), x.columns()}, DataType.FLOAT)).orElse(null);
    SweepConfig estimating = ConfigJson.RECORDED_STAND_IN.withEstimators(settings.estimators());
    this.online = estimating.onlineEstimators();
    this.deferred = estimating.deferredEstimators();
  }

  /**
   * Starts a new run directory, which must not exist or be empty; nothing but its lock is written
   * before the first cell starts.
   *
   * @throws IllegalArgumentException if the settings are invalid or the directory holds anything
   *     (the message says what)
   * @throws IOException if it is in use by another process or cannot be written
   */
  public static RecordedRunWriter create(Path directory, RecordingSettings settings) throws IOException {
    RecordedPoints.checkSettings(settings.source(), settings.labels(), settings.inputs(),
        settings.estimators(), settings.classes());
    Objects.requireNonNull(settings.commandLine(), "commandLine");
    RunFiles.checkNewRun(directory, false);
    try {
      Files.createDirectories(directory);
    } catch (FileAlreadyExistsException e) {
      throw new IllegalArgumentException(directory + " exists and is not a directory", e);
    }
    return RunWriter.locked(directory, "ib recording (" + settings.source() + ")", lock -> {
      RunLayout.prepareForNewRun(directory, false);
      return new RecordedRunWriter(directory, lock, settings);
    });
  }

  /** The run directory. */
  public Path directory() {
    return directory;
  }

  /** The run's manifest as it stands; empty before the first cell starts. */
  public synchronized Optional<RunManifest> manifest() {
    return Optional.ofNullable(manifest);
  }

  /**
   * Starts one cell, trained as this network. Every cell's network has as many hidden layers as the
   * first's, and an output layer if the first has one; their shapes may differ.
   *
   * @throws IllegalArgumentException if the network does not match the first cell's, or the width
   *     is below 1
   * @throws IllegalStateException if the cell started before, or the run is finished or closed
   */
  public synchronized void startCell(Cell cell, RecordedNetwork network) throws IOException {
    requireOpen();
    if (manifest == null) {
      Recording recording = new Recording(settings.source(), settings.capacity(),
          Map.of(cell, network));
      int features = settings.inputs().map(ActivationMatrix::columns).orElse(0);
      manifest = RecordedConfig.start(recording, settings.estimators(),
          settings.dataset().orElse("recorded (" + settings.source() + ")"), settings.trainSize(),
          settings.labels(), features, numClasses, Provenance.capture(settings.commandLine()),
          Instant.now(), settings.keepSnapshots());
      writeManifest(); // first: from here on the directory is recognisably an ib run
      csv = MeasurementsCsv.create(directory.resolve(RunFiles.MEASUREMENTS));
      if (settings.keepSnapshots() || !deferred.isEmpty()) {
        snapshots = Snapshots.create(directory, settings.labels(), settings.inputs());
      }
    } else {
      Recording recording = manifest.recording().orElseThrow();
      if (recording.networks().containsKey(cell)) {
        throw new IllegalStateException(cell + " was started before: each cell is one network,"
            + " recorded once");
      }
      RecordedPoints.requireSameLayers(recording.networks().values().iterator().next(), network);
      manifest = RecordedConfig.withCell(manifest, cell, network);
      writeManifest();
    }
    running.put(cell, new RecordedCell(Recording.layerNames(network)));
  }

  /**
   * Records one measurement point of a started cell: its estimates (a row per layer and estimator
   * in {@code measurements.csv}), and its activations if they are saved. Nothing is written for a
   * point that is refused.
   *
   * @throws IllegalArgumentException if the point does not fit the cell's network (a matrix per
   *     layer, one row per label, the layer's width, finite values, steps increasing) or an
   *     estimator rejects a layer; the message names the layer
   * @throws IllegalStateException if the cell is not started, or finished
   */
  public synchronized void record(Cell cell, RecordedPoint point) throws IOException {
    requireOpen();
    RecordedCell c = running.get(cell);
    if (c == null) {
      throw new IllegalStateException(cell + " is not recording: start it first (startCell), and"
          + " record nothing after finishCell");
    }
    RecordedPoints.check(cell, c, point, settings.labels().length);
    List<LayerEstimate> estimates = new ArrayList<>();
    int l = 0;
    for (Map.Entry<Layer, RecordedLayer> e : c.layers().entrySet()) {
      ActivationMatrix t = point.activations().get(l++);
      LayerSample sample = LayerSample.of(e.getKey().toString(), Nd4j.create(t.values(),
          new long[] {t.rows(), t.columns()}, DataType.FLOAT), settings.labels(), numClasses, inputs);
      estimates.addAll(SnapshotAnalysis.estimateLayer(online, e.getKey(), sample, cell,
          point.step(), c.estimatorNanos()));
    }
    if (snapshots != null) {
      l = 0;
      for (Layer layer : c.layers().keySet()) {
        ActivationMatrix t = point.activations().get(l++);
        snapshots.write(new SnapshotEntry(cell, point.step(), point.epoch(), layer, t.columns()), t);
      }
    }
    Measurement m = new Measurement(cell, point.step(), point.epoch(),
        point.trainLoss().orElse(Double.NaN), point.testLoss().orElse(Double.NaN),
        point.testAccuracy().orElse(Double.NaN), estimates);
    csv.append(m);
    c.recorded(point, MeasurementsCsv.rowCount(m));
  }

  /**
   * Finishes a cell: its results are final and listed in the manifest.
   *
   * @throws IllegalStateException if the cell is not recording or recorded no point
   */
  public synchronized void finishCell(Cell cell) throws IOException {
    requireOpen();
    RecordedCell c = running.get(cell);
    if (c == null || c.measurements() == 0) {
      throw new IllegalStateException(cell + (c == null ? " is not recording" : " recorded no"
          + " point") + ": a finished cell has at least one recorded point");
    }
    Map<EstimatorSpec, Double> seconds = new LinkedHashMap<>();
    c.estimatorNanos().forEach((spec, nanos) -> seconds.put(spec, nanos / 1e9));
    // Training and evaluation happened outside ib: their times are not known here.
    manifest = manifest.withCells(List.of(new CellRecord(cell, c.measurements(), c.rows(),
        c.lastAccuracy(), 0, 0, seconds)));
    writeManifest();
    running.remove(cell);
  }

  /**
   * Completes the run: the range-based estimators over the saved activations, then rows, snapshots
   * and status complete in one step. The writer is then done; {@link #close} releases the lock.
   *
   * @return the run directory
   * @throws IllegalStateException if no cell finished, or a cell is still recording
   * @throws IllegalArgumentException if a range-based estimator rejects a layer
   */
  public synchronized Path finish() throws IOException {
    requireOpen();
    if (!running.isEmpty()) {
      throw new IllegalStateException("cells still recording: " + running.keySet()
          + "; finish them (finishCell) before the run");
    }
    if (manifest == null || manifest.cells().isEmpty()) {
      throw new IllegalStateException("no cell finished: a run needs at least one");
    }
    finishing = true;
    closeWriters();
    List<Measurement> later = List.of();
    Map<EstimatorSpec, Map<Layer, io.ib.sweep.ValueRange>> ranges = Map.of();
    if (!deferred.isEmpty()) {
      Path file = directory.resolve(RunFiles.MEASUREMENTS);
      SnapshotAnalysis.Result analysis = SnapshotAnalysis.run(new DirectorySnapshots(directory),
          deferred, RunResults.of(manifest, MeasurementsCsv.read(file), file), Quantization.NONE,
          numClasses);
      later = analysis.measurements();
      ranges = analysis.ranges();
    }
    manifest = RunCompletion.commit(directory, manifest, Instant.now(),
        manifest.recording().orElseThrow().cells(), later, ranges);
    finished = true;
    return directory;
  }

  /**
   * Marks the run failed with the reason (the error that stopped the recording), unless it is
   * complete or no cell started; {@link #close} then keeps this reason.
   */
  public synchronized void failed(String reason) throws IOException {
    if (!finished && manifest != null && !closed) {
      manifest = manifest.failed(Instant.now(), reason);
      writeManifest();
    }
  }

  /**
   * Releases the run. A run not finished is left readable, marked failed (with what was recorded:
   * the finished cells, and the rows of those that did not finish).
   */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    try {
      closeWriters();
      if (!finished && manifest != null && manifest.status() == RunStatus.RUNNING) {
        failed("the recording stopped before it was finished" + (running.isEmpty() ? ""
            : " (cells still recording: " + running.keySet() + ")"));
      }
    } finally {
      closed = true;
      lock.close();
    }
  }

  // ------------------------------------------------------------------ helpers

  private void requireOpen() {
    if (closed || finishing) {
      throw new IllegalStateException("the recording in " + directory + " is "
          + (finished ? "finished" : finishing ? "finishing, or its finish failed" : "closed"));
    }
  }

  private void writeManifest() throws IOException {
    Disk.writeAtomically(directory.resolve(RunFiles.MANIFEST), ManifestJson.bytes(manifest));
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
}
