package io.ib.run;

import io.ib.sweep.Cell;
import io.ib.sweep.CellResult;
import io.ib.sweep.SnapshotSource;
import io.ib.sweep.SweepConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A run directory read back, read-only: its manifest and its rows, at any stage of the run (running,
 * failed, complete, or stopped in the middle of a change, which it sees as the next writer will
 * complete it). It takes no lock and writes nothing, and it needs no estimator's class: a run made
 * with a user's estimator is read as well as any other (see {@link RunManifest#config()}).
 *
 * <pre>{@code
 * SavedRun run = SavedRun.read(Path.of("runs/20261207-081500"));
 * System.out.println(run.manifest().status() + ": " + run.results().size() + " cells finished");
 * }</pre>
 */
public final class SavedRun {
  private final Path directory;
  private final RunManifest manifest;
  private final List<MeasurementRow> rows;

  private SavedRun(Path directory, RunManifest manifest, List<MeasurementRow> rows) {
    this.directory = directory;
    this.manifest = manifest;
    this.rows = List.copyOf(rows);
  }

  /** Where a configured cell stands: merged into the run, committed by a task, or not yet run. */
  public enum CellState {
    /** Finished and part of the run. */
    MERGED,
    /** Finished as a task (Spark, a job array) and waiting for the merge. */
    COMMITTED,
    /** Not finished. */
    PENDING
  }

  /**
   * A configured cell and where it stands.
   *
   * @param index its position in the run order (a job-array task's index)
   */
  public record CellStatus(int index, Cell cell, CellState state) {}

  /**
   * Reads a run directory: its manifest and every complete row of its measurements (a run stopped
   * before its first row has none).
   *
   * @throws IOException if the directory holds no run (the message says what is missing)
   * @throws DamagedFileException if a file of the run is damaged or inconsistent
   */
  public static SavedRun read(Path directory) throws IOException {
    RunManifest manifest = readManifest(directory);
    Path csv = Journal.current(directory, RunFiles.MEASUREMENTS);
    List<MeasurementRow> rows = new ArrayList<>();
    if (Files.isRegularFile(csv)) {
      rows = MeasurementsCsv.read(csv, directory.resolve(RunFiles.MEASUREMENTS));
    } else if (!manifest.cells().isEmpty()) {
      throw new DamagedFileException(directory.resolve(RunFiles.MEASUREMENTS), "it is missing, but "
          + RunFiles.MANIFEST + " lists " + manifest.cells().size() + " finished cells");
    }
    return new SavedRun(directory, manifest, rows);
  }

  /**
   * Reads and checks a run directory's manifest only: enough for its status, configuration and
   * finished cells, at the cost of one small file.
   *
   * @throws IOException if the directory holds no run
   * @throws DamagedFileException if the manifest is damaged
   */
  public static RunManifest readManifest(Path directory) throws IOException {
    Objects.requireNonNull(directory, "directory");
    if (!Files.exists(directory)) {
      throw new IOException(directory + " does not exist (expected a run directory of ib)");
    }
    if (!Files.isDirectory(directory)) {
      throw new IOException(directory + " is not a directory (expected a run directory of ib)");
    }
    if (!Files.isRegularFile(directory.resolve(RunFiles.MANIFEST))) {
      throw new IOException(directory + " is not an ib run directory: " + RunFiles.MANIFEST
          + " is missing");
    }
    Path file = Journal.current(directory, RunFiles.MANIFEST);
    return ManifestJson.parse(Files.readAllBytes(file), directory.resolve(RunFiles.MANIFEST));
  }

  /** The directory. */
  public Path directory() {
    return directory;
  }

  /** The manifest. */
  public RunManifest manifest() {
    return manifest;
  }

  /** The configuration (shorthand for {@code manifest().config()}). */
  public SweepConfig config() {
    return manifest.config();
  }

  /** Every complete row of {@code measurements.csv}, in file order (cells that did not finish too). */
  public List<MeasurementRow> rows() {
    return rows;
  }

  /**
   * The results of the finished cells, in the manifest's order: equal to those the sweep returned
   * for them.
   *
   * @throws DamagedFileException if a cell's rows do not match what the manifest records of it
   */
  public List<CellResult> results() throws DamagedFileException {
    return RunResults.of(manifest, rows, directory.resolve(RunFiles.MEASUREMENTS));
  }

  /**
   * The activations the run saved ({@code --snapshots}): every measured layer at every measurement,
   * with the evaluation samples' labels and inputs.
   *
   * @throws IOException if the run saved none
   */
  public SnapshotSource snapshots() throws IOException {
    if (!Snapshots.exist(directory)) {
      Snapshots.read(directory); // says what is missing and what to do
    }
    return new DirectorySnapshots(directory);
  }

  /**
   * Every configured cell in run order, with where it stands.
   *
   * @throws IOException if a committed cell's files are damaged (the message names the file)
   */
  public List<CellStatus> cellStates() throws IOException {
    return cellStates(directory, manifest);
  }

  /** As {@link #cellStates()}, from the manifest only (the rows are not read). */
  public static List<CellStatus> cellStates(Path directory) throws IOException {
    return cellStates(directory, readManifest(directory));
  }

  private static List<CellStatus> cellStates(Path directory, RunManifest m) throws IOException {
    Set<Cell> merged = new HashSet<>(m.finishedCells());
    Set<Cell> committed = new HashSet<>(
        CellCommits.read(CellCommits.storageOf(directory), m.config()).keySet());
    List<CellStatus> result = new ArrayList<>();
    List<Cell> cells = m.plannedCells();
    for (int i = 0; i < cells.size(); i++) {
      Cell c = cells.get(i);
      result.add(new CellStatus(i, c, merged.contains(c) ? CellState.MERGED
          : committed.contains(c) ? CellState.COMMITTED : CellState.PENDING));
    }
    return result;
  }
}
