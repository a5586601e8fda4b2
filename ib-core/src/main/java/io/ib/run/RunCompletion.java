package io.ib.run;

import io.ib.info.EstimatorSpec;
import io.ib.sweep.Cell;
import io.ib.sweep.Layer;
import io.ib.sweep.Measurement;
import io.ib.sweep.ValueRange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Completing a run in one step (see {@link Journal}), for the writers of sweeps and of recorded
 * runs: the deferred rows after all others, rows, cells and snapshots in cell order, status
 * complete. A resumed run or one whose cells ran in parallel thus ends with the same files as one
 * uninterrupted sequential run.
 */
final class RunCompletion {
  private RunCompletion() {}

  /**
   * Completes the run in {@code directory}, whose row and snapshot writers are closed.
   *
   * @param cells the cells in run order
   * @return the complete manifest, as written
   */
  static RunManifest commit(Path directory, RunManifest manifest, Instant time, List<Cell> cells,
      List<Measurement> deferred, Map<EstimatorSpec, Map<Layer, ValueRange>> ranges)
      throws IOException {
    Comparator<Cell> byRank = cellOrder(cells);
    // Each cell's rows in the order written (a stable sort), then the deferred rows, by cell too.
    Map<Cell, StringBuilder> byCell = new TreeMap<>(byRank);
    MeasurementsCsv.scan(directory.resolve(RunFiles.MEASUREMENTS), (lineNumber, line, row) ->
        byCell.computeIfAbsent(row.cell(), c -> new StringBuilder()).append(line).append('\n'));
    StringBuilder text = new StringBuilder(MeasurementsCsv.HEADER).append('\n');
    byCell.values().forEach(text::append);
    List<Measurement> later = new ArrayList<>(deferred);
    later.sort(Comparator.comparing(Measurement::cell, byRank));
    later.forEach(m -> text.append(MeasurementsCsv.rows(m)));
    RunManifest complete = manifest.complete(time, byRank, ranges);

    Map<String, byte[]> files = Journal.files();
    files.put(RunFiles.MEASUREMENTS, text.toString().getBytes(StandardCharsets.UTF_8));
    if (complete.keepsSnapshots()) {
      SnapshotIndex index = SnapshotIndex.read(directory);
      List<SnapshotIndex.Entry> entries = new ArrayList<>(index.entries());
      entries.sort(Comparator.comparing(SnapshotIndex.Entry::cell, byRank));
      files.put(Snapshots.DIRECTORY + "/" + Snapshots.INDEX, index.withEntries(entries).bytes());
    }
    files.put(RunFiles.MANIFEST, ManifestJson.bytes(complete));
    Journal.commit(directory, files);
    if (!complete.keepsSnapshots()) {
      Snapshots.deleteAll(directory);
    }
    RunLayout.deleteCommittedCells(directory); // late duplicates of adopted cells, the empty folder
    return complete;
  }

  /** Cells in the order of {@code cells}, any others after them by width and seed. */
  private static Comparator<Cell> cellOrder(List<Cell> cells) {
    Map<Cell, Integer> rank = new HashMap<>();
    for (int i = 0; i < cells.size(); i++) {
      rank.put(cells.get(i), i);
    }
    return Comparator.<Cell>comparingInt(c -> rank.getOrDefault(c, cells.size()))
        .thenComparingInt(Cell::width).thenComparingLong(Cell::seed);
  }
}
