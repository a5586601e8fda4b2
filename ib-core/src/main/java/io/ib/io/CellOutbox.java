package io.ib.io;

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
 * one-cell sweep finishes. A cell stopped before that leaves nothing but, at most, temporary files.
 */
public final class CellOutbox implements RunStore {
  private final CellStorage storage;
  private final Cell cell;
  private final StringBuilder rows = new StringBuilder();
  private long rowCount;
  private ObjectNode entry;

  /** A store for {@code cell} that commits into {@code storage}. */
  public CellOutbox(CellStorage storage, Cell cell) {
    this.storage = storage;
    this.cell = cell;
  }

  @Override
  public List<CellResult> finishedCells() {
    return List.of();
  }

  @Override
  public boolean keepsSnapshots() {
    return false;
  }

  @Override
  public void snapshot(Cell c, int step, double epoch, String layer, float[] values, int rowsCount,
      int columns) {
    throw new UnsupportedOperationException("a cell that runs as a task keeps no activations");
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
    CellCommits.commit(storage, cell, CellCommits.utf8(rows), entry);
  }

  @Override
  public void failed(Instant time, String reason) {
    // Nothing committed: the task fails, and is retried or reported by whoever runs it.
  }

  @Override
  public void close() {}
}
