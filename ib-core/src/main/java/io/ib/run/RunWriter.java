package io.ib.run;

import io.ib.data.Dataset;
import io.ib.data.LabelledData;
import io.ib.info.EstimatorSpec;
import io.ib.info.LayerSample;
import io.ib.provenance.Provenance;
import io.ib.run.RunManifest.CellRecord;
import io.ib.sweep.ActivationMatrix;
import io.ib.sweep.Cell;
import io.ib.sweep.CellResult;
import io.ib.sweep.Layer;
import io.ib.sweep.Measurement;
import io.ib.sweep.RunStore;
import io.ib.sweep.SnapshotEntry;
import io.ib.sweep.SnapshotSource;
import io.ib.sweep.SweepConfig;
import io.ib.sweep.ValueRange;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sweep's store in a run directory ({@link RunStore}): it starts or resumes a run and records
 * what the sweep measures, in {@code sweep.json} ({@link RunManifest}), {@code measurements.csv} and
 * the activation snapshots.
 *
 * <p>What it promises:
 * <ul>
 *   <li>It writes only into a new or empty directory, or over its own run when asked to
 *       ({@code overwrite}) where nothing else is; it never changes or deletes a file it did not
 *       write.
 *   <li>One process at a time: a lock ({@link RunLock}) is held from opening to {@link #close}.
 *   <li>Any stop (a kill, a crash, a full disk) leaves a directory that {@link #resume} finishes to
 *       the bytes an uninterrupted run writes: the manifest is replaced whole, rows are appended a
 *       measurement at a time, and every change of several files at once (completing, resuming,
 *       adopting committed cells) goes through a redo log ({@link Journal}).
 *   <li>Damaged or edited files are refused with a {@link DamagedFileException} naming the file and
 *       the problem, never repaired silently.
 * </ul>
 */
public final class RunWriter implements RunStore {
  private final Path directory;
  private final RunLock lock;
  private RunManifest manifest;
  private List<CellResult> finished;
  private final Map<Cell, Long> rows = new HashMap<>();
  private MeasurementsCsv csv;
  private Snapshots snapshots;

  private RunWriter(Path directory, RunLock lock, RunManifest manifest, List<CellResult> finished) {
    this.directory = directory;
    this.lock = lock;
    this.manifest = manifest;
    this.finished = List.copyOf(finished);
  }

  /**
   * Starts a new run in {@code directory}: a new or empty directory (created with its parents if
   * needed), or, with {@code overwrite}, a directory holding an earlier ib run and nothing else,
   * whose files are deleted first.
   *
   * @param keepSnapshots keep every measured layer's activations after the run
   * @throws IllegalArgumentException if the directory cannot take a new run (see
   *     {@link RunFiles#checkNewRun})
   * @throws IOException if it is in use by another process, or cannot be written
   */
  public static RunWriter create(Path directory, SweepConfig config, Dataset data,
      Provenance provenance, Instant started, boolean keepSnapshots, boolean overwrite)
      throws IOException {
    RunFiles.checkNewRun(directory, overwrite);
    try {
      Files.createDirectories(directory);
    } catch (FileAlreadyExistsException e) {
      throw new IllegalArgumentException(directory + " exists and is not a directory", e);
    }
    return locked(directory, "ib sweep", lock -> {
      RunLayout.prepareForNewRun(directory, overwrite);
      RunWriter run = new RunWriter(directory, lock,
          RunManifest.start(config, data, provenance, started, keepSnapshots), List.of());
      run.writeManifest(); // first: from here on the directory is recognisably an ib run
      run.csv = MeasurementsCsv.create(directory.resolve(RunFiles.MEASUREMENTS));
      if (keepSnapshots || !config.deferredEstimators().isEmpty()) {
        run.snapshots = startSnapshots(directory, config, data);
      }
      return run;
    });
  }

  /**
   * Reopens an interrupted run to finish it: keeps the measurements (and snapshots) of the cells that
   * finished, drops those of cells that were running when the run stopped (and those of estimators
   * that run after the last cell, which are recomputed), and appends from there.
   *
   * @param commandLine recorded with the resumption (empty from code)
   * @throws IOException if the directory is not a run, is in use, the run is complete, or the data
   *     differs from the data the run started with (the message says what differs)
   * @throws DamagedFileException if a file of the run is damaged or inconsistent
   */
  public static RunWriter resume(Path directory, Dataset data, List<String> commandLine,
      Instant time) throws IOException {
    requireTrainedByIb(directory, SavedRun.readManifest(directory)); // before anything is locked
    return locked(directory, "ib resume", lock -> {
      RunLayout.recoverLocked(directory);
      RunManifest m = SavedRun.readManifest(directory);
      if (m.isComplete()) {
        throw new IOException(directory + " holds a complete run: there is nothing to resume");
      }
      requireTrainedByIb(directory, m);
      requireSameData(directory, m, data);
      ResumeScan scan = ResumeScan.of(directory, m);
      // Committed cells are merged after this step: a damaged one is refused before it.
      CellCommits.read(CellCommits.storageOf(directory), m.config());
      RunManifest resumed = m.resumed(time, commandLine);
      Map<String, byte[]> files = Journal.files();
      files.put(RunFiles.MEASUREMENTS, scan.measurementBytes());
      if (scan.haveSnapshots()) {
        files.put(Snapshots.DIRECTORY + "/" + Snapshots.INDEX,
            scan.keptSnapshots().bytes());
      }
      files.put(RunFiles.MANIFEST, ManifestJson.bytes(resumed));
      Journal.commit(directory, files);
      Snapshots.delete(directory, scan.droppedSnapshots());

      RunWriter run = new RunWriter(directory, lock, resumed, scan.finished());
      m.cells().forEach(c -> run.rows.put(c.cell(), c.rows()));
      run.csv = MeasurementsCsv.append(directory.resolve(RunFiles.MEASUREMENTS));
      if (m.keepsSnapshots() || !m.estimates().deferred().isEmpty()) {
        run.snapshots = scan.haveSnapshots() ? Snapshots.append(directory)
            : startSnapshots(directory, m.config(), data);
      }
      return run;
    });
  }

  /**
   * Checks that a run can be resumed at all: ib trained its networks, so it can train the rest.
   *
   * @throws IOException for a run recorded from networks trained outside ib (one line saying so)
   */
  public static void requireTrainedByIb(Path directory, RunManifest m) throws IOException {
    if (m.isRecorded()) {
      throw new IOException(directory + " holds a run recorded outside ib (source '"
          + m.recording().get().source() + "', status '" + m.status().id() + "'): ib cannot"
          + " retrain its networks, so it cannot resume it; record the missing cells again into a"
          + " new run directory");
    }
  }

  /**
   * Checks that the data is the data the run in {@code directory} started with (same files and
   * checksums, same split).
   *
   * @throws IOException if it differs (the message says how) or the directory holds no run
   */
  public static void requireSameData(Path directory, Dataset data) throws IOException {
    requireSameData(directory, SavedRun.readManifest(directory), data);
  }

  private static void requireSameData(Path directory, RunManifest m, Dataset data)
      throws IOException {
    List<String> differences = m.dataset().differencesFrom(RunManifest.DataRecord.of(data));
    if (!differences.isEmpty()) {
      throw new IOException("the data differs from the data the run in " + directory
          + " started with: " + String.join("; ", differences) + " (resume with the same data and"
          + " the same split)");
    }
  }

  /** A new snapshot directory with the labels and inputs of the samples the sweep measures on. */
  private static Snapshots startSnapshots(Path directory, SweepConfig config, Dataset data)
      throws IOException {
    LabelledData evaluated = config.evaluateOn().of(data);
    return Snapshots.create(directory, evaluated.labels(),
        LayerSample.rowMajorFloats(evaluated.features()), evaluated.numFeatures());
  }

  /** What to do with a directory once it is locked; the lock is released if this fails. */
  interface WithLock<T> {
    T open(RunLock lock) throws IOException;
  }

  static <T> T locked(Path directory, String purpose, WithLock<T> body) throws IOException {
    RunLock lock = RunLock.acquire(directory, purpose);
    try {
      return body.open(lock);
    } catch (IOException | RuntimeException | Error e) {
      lock.close();
      throw e;
    }
  }

  // ------------------------------------------------------------------ the store

  @Override
  public Optional<Path> directory() {
    return Optional.of(directory);
  }

  /** The run's manifest as it stands. */
  public synchronized RunManifest manifest() {
    return manifest;
  }

  @Override
  public synchronized List<CellResult> finishedCells() {
    return finished;
  }

  @Override
  public boolean keepsSnapshots() {
    return manifest.keepsSnapshots();
  }

  @Override
  public void snapshot(SnapshotEntry entry, ActivationMatrix activations) throws IOException {
    Snapshots s;
    synchronized (this) {
      s = snapshots;
    }
    if (s == null) {
      throw new UnsupportedOperationException("this run saves no activations");
    }
    s.write(entry, activations);
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
    manifest = manifest.withCells(List.of(CellRecord.of(result,
        rows.getOrDefault(result.cell(), 0L))));
    writeManifest();
  }

  @Override
  public SnapshotSource snapshots() {
    return new DirectorySnapshots(directory);
  }

  /**
   * Completes the run in one step (see {@link Journal}): the deferred rows after all others, rows,
   * cells and snapshots in the order of {@code cells}, status complete. A resumed run or one whose
   * cells ran in parallel thus ends with the same files as one uninterrupted sequential run.
   */
  @Override
  public synchronized void finished(Instant time, List<Cell> cells, List<Measurement> deferred,
      Map<EstimatorSpec, Map<Layer, ValueRange>> ranges) throws IOException {
    closeWriters();
    manifest = RunCompletion.commit(directory, manifest, time, cells, deferred, ranges);
  }

  /** Marks the run failed, with the reason. */
  @Override
  public synchronized void failed(Instant time, String reason) throws IOException {
    manifest = manifest.failed(time, reason);
    writeManifest();
  }

  // ------------------------------------------------------------------ cells committed elsewhere

  /**
   * The folder where cells that run outside this process (Spark tasks, job-array tasks) commit
   * their results when the run directory is local: {@code RUN_DIR/cells}.
   */
  public CellStorage cellStorage() {
    return CellCommits.storageOf(directory);
  }

  /** The location of {@link #cellStorage()} as a URI that tasks on other machines can open. */
  public URI commitLocation() {
    return CellCommits.locationOf(directory);
  }

  /**
   * Adopts the cells committed in {@code storage} that the run does not hold yet (see
   * {@link CellAdoption}): exactly as if they had run here, in one step, once.
   *
   * @return the cells adopted
   * @throws IOException if a committed file is damaged (naming it; nothing is adopted then) or the
   *     run cannot be written
   */
  public synchronized List<Cell> adoptCommittedCells(CellStorage storage) throws IOException {
    boolean savingSnapshots = snapshots != null;
    CellAdoption.Adopted adopted = CellAdoption.adopt(directory, manifest, storage, snapshots,
        this::closeWriters);
    if (!adopted.cells().isEmpty()) {
      manifest = adopted.manifest();
      Path csvFile = directory.resolve(RunFiles.MEASUREMENTS);
      csv = MeasurementsCsv.append(csvFile);
      if (savingSnapshots) {
        snapshots = Snapshots.append(directory);
      }
      List<CellResult> all = RunResults.of(manifest, MeasurementsCsv.read(csvFile), csvFile);
      List<CellResult> now = new ArrayList<>(finished);
      List<Cell> before = finished.stream().map(CellResult::cell).toList();
      all.stream().filter(r -> !before.contains(r.cell())).forEach(now::add);
      finished = List.copyOf(now);
      adopted.cells().forEach(c -> rows.put(c, ResumeScan.rows(manifest, c)));
    }
    return adopted.cells();
  }

  // ------------------------------------------------------------------ helpers

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

  @Override
  public synchronized void close() throws IOException {
    try {
      closeWriters();
    } finally {
      lock.close();
    }
  }
}
