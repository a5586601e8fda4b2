package io.ib.run;

import io.ib.info.EstimatorSpec;
import io.ib.run.RunManifest.CellRecord;
import io.ib.sweep.ActivationMatrix;
import io.ib.sweep.Cell;
import io.ib.sweep.CellResult;
import io.ib.sweep.Layer;
import io.ib.sweep.Measurement;
import io.ib.sweep.RunStore;
import io.ib.sweep.SnapshotEntry;
import io.ib.sweep.SnapshotSource;
import io.ib.sweep.ValueRange;
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
final class CellOutbox implements RunStore {
  private final CellStorage storage;
  private final Cell cell;
  private final boolean keepsSnapshots;
  private final List<CellCommits.SnapshotFile> snapshots = new java.util.ArrayList<>();
  private final StringBuilder rows = new StringBuilder();
  private long rowCount;
  private CellRecord entry;

  /**
   * A store for {@code cell} that commits into {@code storage}.
   *
   * @param keepsSnapshots whether the cell saves its measured layers' activations (the run keeps
   *     them, or has estimators that run over them after the last cell)
   */
  CellOutbox(CellStorage storage, Cell cell, boolean keepsSnapshots) {
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
  public synchronized void snapshot(SnapshotEntry e, ActivationMatrix activations)
      throws IOException {
    if (!keepsSnapshots || !e.cell().equals(cell)) {
      throw new IllegalStateException("this store saves no activations of " + e.cell());
    }
    byte[] bytes = Npy.floatBytes(activations.values(), activations.rows(), activations.columns());
    String name = CellCommits.snapshotName(cell, e.step(), e.layer());
    storage.publish(name, bytes);
    snapshots.add(new CellCommits.SnapshotFile(e.step(), e.epoch(), e.layer(),
        activations.columns(), name, Sha256.of(bytes)));
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
    entry = CellRecord.of(result, rowCount);
  }

  @Override
  public SnapshotSource snapshots() {
    throw new UnsupportedOperationException("a cell that runs as a task keeps no activations");
  }

  /** Commits the cell (rows, then marker). */
  @Override
  public synchronized void finished(Instant time, List<Cell> cells, List<Measurement> deferred,
      Map<EstimatorSpec, Map<Layer, ValueRange>> ranges) throws IOException {
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
