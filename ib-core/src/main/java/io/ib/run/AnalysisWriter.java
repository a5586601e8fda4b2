package io.ib.run;

import io.ib.info.EstimatorSpec;
import io.ib.run.RunManifest.AnalysisRecord;
import io.ib.sweep.CellResult;
import io.ib.sweep.Layer;
import io.ib.sweep.Measurement;
import io.ib.sweep.SnapshotSource;
import io.ib.sweep.ValueRange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A complete run opened to add the estimates of a re-analysis of its saved activations
 * ({@code ib analyze}): the new rows and the analysis's record are added in one step (see
 * {@link Journal}), so a failed or stopped analysis leaves the run as it was.
 */
public final class AnalysisWriter implements AutoCloseable {
  private final Path directory;
  private final RunLock lock;
  private RunManifest manifest;
  private final List<CellResult> cells;

  private AnalysisWriter(Path directory, RunLock lock, RunManifest manifest,
      List<CellResult> cells) {
    this.directory = directory;
    this.lock = lock;
    this.manifest = manifest;
    this.cells = List.copyOf(cells);
  }

  /**
   * Opens a complete run, locked until {@link #close}.
   *
   * @throws IOException if the directory is not a run, is in use, or the run is not complete
   * @throws DamagedFileException if a file of the run is damaged or inconsistent
   */
  public static AnalysisWriter open(Path directory) throws IOException {
    SavedRun.readManifest(directory); // says what is missing before anything is locked
    return RunWriter.locked(directory, "ib analyze", lock -> {
      RunLayout.recoverLocked(directory);
      SavedRun run = SavedRun.read(directory);
      if (!run.manifest().isComplete()) {
        throw new IOException(directory + " holds a run with status '"
            + run.manifest().status().id() + "': finish it first (ib resume " + directory + ")");
      }
      return new AnalysisWriter(directory, lock, run.manifest(), run.results());
    });
  }

  /** The run's manifest. */
  public RunManifest manifest() {
    return manifest;
  }

  /** The results of the run's cells (for the losses and accuracy of each saved point). */
  public List<CellResult> cells() {
    return cells;
  }

  /** The saved activations. */
  public SnapshotSource snapshots() throws IOException {
    return SavedRun.read(directory).snapshots();
  }

  /** The specs of the estimates the run holds already (an analysis may not add them again). */
  public Set<EstimatorSpec> estimatesWithResults() {
    return new HashSet<>(manifest.allEstimates());
  }

  /**
   * Adds the rows of a re-analysis and records it in the manifest, in one step.
   *
   * @param added the new estimates, one measurement per snapshot point
   * @param ranges per range-based estimator, the per-layer ranges it used
   * @param estimators the estimators' specs as given
   * @param estimates the specs of the estimates they produce
   * @param commandLine recorded with the analysis (empty from code)
   */
  public synchronized void finished(List<Measurement> added,
      Map<EstimatorSpec, Map<Layer, ValueRange>> ranges, List<EstimatorSpec> estimators,
      List<EstimatorSpec> estimates, Instant time, List<String> commandLine) throws IOException {
    StringBuilder text = new StringBuilder(Files.readString(
        directory.resolve(RunFiles.MEASUREMENTS), StandardCharsets.UTF_8));
    added.forEach(m -> text.append(MeasurementsCsv.rows(m)));
    RunManifest next = manifest.withAnalysis(
        new AnalysisRecord(time, estimators, estimates, commandLine), ranges);
    Map<String, byte[]> files = Journal.files();
    files.put(RunFiles.MEASUREMENTS, text.toString().getBytes(StandardCharsets.UTF_8));
    files.put(RunFiles.MANIFEST, ManifestJson.bytes(next));
    Journal.commit(directory, files);
    manifest = next;
  }

  @Override
  public void close() throws IOException {
    lock.close();
  }
}
