package io.ib.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ib.sweep.Cell;
import io.ib.sweep.CellResult;
import io.ib.sweep.Measurement;
import io.ib.sweep.RunStore;
import io.ib.sweep.SnapshotSource;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The store of one cell that runs outside the driver's process: it keeps the cell's rows in memory
 * and {@linkplain CellCommits commits} them, with the cell's manifest entry, when the cell's
 * one-cell sweep finishes. Activations, when the run keeps them, are published as they are saved
 * and listed by the commit's marker. A cell stopped before its marker counts for nothing: what it
 * published is replaced when the cell runs again and deleted when it is merged.
 */
public final class CellOutbox implements RunStore {
  private final CellStorage storage;
  private final Cell cell;
  private final boolean keepsSnapshots;
  private final List<CellCommits.SnapshotFile> snapshots = new java.util.ArrayList<>();
  private final StringBuilder rows = new StringBuilder();
  private long rowCount;
  private ObjectNode entry;

  /**
   * A store for {@code cell} that commits into {@code storage}.
   *
   * @param keepsSnapshots whether the cell saves its measured layers' activations (the run keeps
   *     them, or has estimators that run over them after the last cell)
   */
  public CellOutbox(CellStorage storage, Cell cell, boolean keepsSnapshots) {
    this.storage = storage;
    this.cell = cell;
    this.keepsSnapshots = keepsSnapshots;
  }

  @Override
  public List<CellResult> finishedCells() {
    return List.of();
  }

  @Override
  public boolean keepsSnapshots() {
    return keepsSnapshots;
  }

  @Override
  public synchronized void snapshot(Cell c, int step, double epoch, String layer, float[] values,
      int rowsCount, int columns) throws IOException {
    if (!keepsSnapshots || !c.equals(cell)) {
      throw new IllegalStateException("this store saves no activations of " + c);
    }
    byte[] bytes = Npy.floatBytes(values, rowsCount, columns);
    String name = CellCommits.snapshotName(cell, step, layer);
    storage.publish(name, bytes);
    snapshots.add(new CellCommits.SnapshotFile(step, epoch, layer, columns, name,
        CellCommits.sha256(bytes)));
  }

  @Override
  public synchronized void measured(Measurement m) {
    if (!m.cell().equals(cell)) {
      throw new IllegalArgumentException("this store holds " + cell + ", not " + m.cell());
    }
    rows.append(MeasurementsCsv.rows(m));
    rowCount += MeasurementsCsv.rowCount(m);
  }

  @Override
  public synchronized void cellFinished(CellResult result) {
    entry = RunDirectory.cellEntry(result, rowCount);
  }

  @Override
  public SnapshotSource snapshots() {
    throw new UnsupportedOperationException("a cell that runs as a task keeps no activations");
  }

  /** Commits the cell (rows, then marker). */
  @Override
  public synchronized void finished(Instant time, List<Cell> cells, List<Measurement> deferred,
      Map<String, Map<String, double[]>> ranges) throws IOException {
    if (entry == null) {
      throw new IllegalStateException(cell + " did not finish");
    }
    CellCommits.commit(storage, cell, CellCommits.utf8(rows), entry, snapshots);
  }

  @Override
  public void failed(Instant time, String reason) {
    // Nothing committed: the task fails, and is retried or reported by whoever runs it.
  }

  @Override
  public void close() {}
}
