package io.ib.sweep;

import io.ib.info.EstimatorSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The store of {@link SweepRunner#inMemory}: keeps nothing, holds no activations. */
enum NoStore implements RunStore {
  INSTANCE;

  @Override
  public List<CellResult> finishedCells() {
    return List.of();
  }

  @Override
  public boolean keepsSnapshots() {
    return false;
  }

  @Override
  public void snapshot(SnapshotEntry entry, ActivationMatrix activations) {
    throw new UnsupportedOperationException("a sweep without an output directory keeps no activations");
  }

  @Override
  public void measured(Measurement measurement) {}

  @Override
  public void cellFinished(CellResult result) {}

  @Override
  public SnapshotSource snapshots() {
    throw new UnsupportedOperationException("a sweep without an output directory keeps no activations");
  }

  @Override
  public void finished(Instant time, List<Cell> cells, List<Measurement> deferred,
      Map<EstimatorSpec, Map<Layer, ValueRange>> ranges) {}

  @Override
  public void failed(Instant time, String reason) {}

  @Override
  public void close() {}
}
