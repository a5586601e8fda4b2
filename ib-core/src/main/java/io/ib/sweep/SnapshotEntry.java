package io.ib.sweep;

import java.util.Objects;

/**
 * One saved activation matrix: a layer of a cell at a measurement step.
 *
 * @param cell width and seed
 * @param step optimiser steps taken
 * @param epoch training progress in epochs
 * @param layer the layer
 * @param layerWidth units of the layer (the matrix's columns)
 */
public record SnapshotEntry(Cell cell, int step, double epoch, Layer layer, int layerWidth) {
  public SnapshotEntry {
    Objects.requireNonNull(cell, "cell");
    Objects.requireNonNull(layer, "layer");
  }

  /** The measurement point: this cell at this step. */
  public CellStep point() {
    return new CellStep(cell, step);
  }
}
