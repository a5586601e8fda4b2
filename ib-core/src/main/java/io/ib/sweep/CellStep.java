package io.ib.sweep;

import java.util.Objects;

/**
 * A measurement point: a cell at an optimiser step. The typed key under which measurements, snapshots
 * and re-analyses of the same point meet.
 *
 * @param cell width and seed
 * @param step optimiser steps taken
 */
public record CellStep(Cell cell, int step) {
  public CellStep {
    Objects.requireNonNull(cell, "cell");
  }
}
