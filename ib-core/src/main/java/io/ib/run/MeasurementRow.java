package io.ib.run;

import io.ib.sweep.Cell;
import io.ib.sweep.CellStep;
import io.ib.sweep.LayerEstimate;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of {@code measurements.csv}, typed: a cell's measurement point and, unless the run had no
 * estimators, one estimate of one layer. Information values in bits, losses in nats.
 *
 * @param cell width and seed
 * @param step optimiser steps taken
 * @param epoch training progress in epochs, as the file holds it (six significant digits)
 * @param estimate the layer's estimate; empty in the one row of a measurement without estimators
 * @param trainLoss mean mini-batch loss since the previous measurement, NaN at step 0
 * @param testLoss loss on the evaluation set
 * @param testAccuracy accuracy on the evaluation set
 */
public record MeasurementRow(Cell cell, int step, double epoch, Optional<LayerEstimate> estimate,
    double trainLoss, double testLoss, double testAccuracy) {
  public MeasurementRow {
    Objects.requireNonNull(cell, "cell");
    Objects.requireNonNull(estimate, "estimate");
  }

  /** The cell's bottleneck width. */
  public int width() {
    return cell.width();
  }

  /** The cell's seed. */
  public long seed() {
    return cell.seed();
  }

  /** The measurement point: this cell at this step. */
  public CellStep point() {
    return new CellStep(cell, step);
  }
}
