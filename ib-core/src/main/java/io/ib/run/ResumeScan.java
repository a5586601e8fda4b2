package io.ib.run;

import io.ib.info.EstimatorSpec;
import io.ib.run.RunManifest.CellRecord;
import io.ib.sweep.Cell;
import io.ib.sweep.CellResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a resumed run keeps of an interrupted one: the complete lines of its finished cells, byte for
 * byte, written while they trained; the snapshots of those cells. Everything else (rows and
 * activations of cells that were running, rows of estimators that run after the last cell, which are
 * recomputed, a torn last line) is dropped. Anything that belongs to no part of the run is refused.
 *
 * @param measurements the text {@code measurements.csv} keeps
 * @param finished the results of the finished cells
 * @param keptSnapshots the snapshot index as it keeps them, in its format (empty if none)
 * @param droppedSnapshots the entries of cells that did not finish, to delete
 * @param haveSnapshots whether the run has a snapshot index
 */
record ResumeScan(String measurements, List<CellResult> finished,
    SnapshotIndex keptSnapshots, List<SnapshotIndex.Entry> droppedSnapshots,
    boolean haveSnapshots) {

  /** Scans a run directory whose journal has been recovered, with the lock held. */
  static ResumeScan of(Path directory, RunManifest m) throws IOException {
    Set<EstimatorSpec> online = new HashSet<>(m.estimates().online());
    Set<EstimatorSpec> deferred = new HashSet<>(m.estimates().deferred());
    Set<Cell> done = new HashSet<>(m.finishedCells());
    Set<Cell> planned = new HashSet<>(m.config().cells());

    Path csvFile = directory.resolve(RunFiles.MEASUREMENTS);
    StringBuilder rowsKept = new StringBuilder(MeasurementsCsv.HEADER).append('\n');
    List<MeasurementRow> keptRows = new ArrayList<>();
    if (Files.exists(csvFile)) {
      MeasurementsCsv.scan(csvFile, (lineNumber, line, row) -> {
        if (!planned.contains(row.cell())) {
          throw new DamagedFileException(csvFile, "line " + lineNumber + " belongs to "
              + row.cell() + ", which the run's configuration does not have");
        }
        EstimatorSpec spec = row.estimate().map(e -> e.estimate().estimator()).orElse(null);
        boolean isOnline = spec == null || online.contains(spec);
        if (!isOnline && !deferred.contains(spec)) {
          throw new DamagedFileException(csvFile, "line " + lineNumber + " holds estimator "
              + spec + ", which the run's configuration does not have");
        }
        if (done.contains(row.cell()) && isOnline) {
          rowsKept.append(line).append('\n');
          keptRows.add(row);
        }
      });
    } else if (!done.isEmpty()) {
      throw new DamagedFileException(csvFile, "it is missing, but " + RunFiles.MANIFEST
          + " lists " + done.size() + " finished cells");
    }
    List<CellResult> finished = RunResults.of(m, keptRows, csvFile);

    boolean needSnapshots = m.keepsSnapshots() || !m.estimates().deferred().isEmpty();
    List<SnapshotIndex.Entry> keptEntries = new ArrayList<>();
    List<SnapshotIndex.Entry> dropped = new ArrayList<>();
    boolean haveIndex = Snapshots.exist(directory);
    Path index = SnapshotIndex.file(directory);
    SnapshotIndex kept = new SnapshotIndex(true, List.of());
    if (needSnapshots && haveIndex) {
      kept = SnapshotIndex.read(directory);
      for (SnapshotIndex.Entry e : kept.entries()) {
        if (!planned.contains(e.cell())) {
          throw new DamagedFileException(index, "it lists a snapshot of " + e.cell()
              + ", which the run's configuration does not have");
        }
        if (done.contains(e.cell())) {
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
      throw new DamagedFileException(index, "it is missing, but the run saves activations and "
          + done.size() + " cells finished");
    }
    return new ResumeScan(rowsKept.toString(), finished, kept.withEntries(keptEntries), dropped,
        needSnapshots && haveIndex);
  }

  /** The kept measurements as bytes. */
  byte[] measurementBytes() {
    return measurements.getBytes(StandardCharsets.UTF_8);
  }

  /** The rows each finished cell wrote, from the manifest. */
  static long rows(RunManifest m, Cell cell) {
    return m.cells().stream().filter(c -> c.cell().equals(cell)).mapToLong(CellRecord::rows)
        .findFirst().orElse(0);
  }
}
