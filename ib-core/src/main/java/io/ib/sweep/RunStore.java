package io.ib.sweep;

import io.ib.info.EstimatorSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a sweep keeps what it measures: the storage a sweep needs, implemented by the run directory's
 * writer ({@code io.ib.run.RunWriter}); a sweep that writes nothing runs without one
 * ({@link SweepRunner#inMemory}).
 *
 * <p>The sweep calls it from several cell threads; implementations synchronise. Every call that
 * returns normally has made its data durable against a crash of the process (not of the machine):
 * a run stopped at any point can be resumed from what the store holds.
 */
public interface RunStore extends AutoCloseable {
  /** The directory the store writes to, if it is one. */
  default Optional<Path> directory() {
    return Optional.empty();
  }

  /** Cells that finished in an earlier session of this run (when resuming); empty for a new run. */
  List<CellResult> finishedCells();

  /** True if the run keeps every measured layer's activations ({@link #snapshot}) after it ends. */
  boolean keepsSnapshots();

  /**
   * Saves one layer's activations at one measurement point. Called before {@link #measured} for that
   * point; the activations must stay available to {@link #snapshots()} until the run is finished.
   *
   * @param entry the cell, step, epoch and layer
   * @param activations evaluation samples x units (read, not kept)
   * @throws IOException if they cannot be written
   * @throws UnsupportedOperationException if this store cannot hold activations
   */
  void snapshot(SnapshotEntry entry, ActivationMatrix activations) throws IOException;

  /** Records one measurement (durable when this returns). */
  void measured(Measurement measurement) throws IOException;

  /** Records that a cell finished: all its measurements were recorded before. */
  void cellFinished(CellResult result) throws IOException;

  /** The activations saved so far, for estimators that run after the last cell. */
  SnapshotSource snapshots() throws IOException;

  /**
   * Completes the run in one step that either happens entirely or not at all: the measurements of
   * the estimators that ran after the last cell are added, everything is put in the order of
   * {@code cells}, and the run is marked complete. Activations not asked to be kept are deleted.
   *
   * @param cells the sweep's cells in run order
   * @param deferred one measurement per snapshot point, holding the estimates of the estimators that
   *     ran after the last cell (empty if there are none)
   * @param ranges per such estimator, the per-layer range it used
   */
  void finished(Instant time, List<Cell> cells, List<Measurement> deferred,
      Map<EstimatorSpec, Map<Layer, ValueRange>> ranges) throws IOException;

  /** Marks the run failed, with the reason (best effort: the run may be resumed later). */
  void failed(Instant time, String reason) throws IOException;

  @Override
  void close() throws IOException;
}
