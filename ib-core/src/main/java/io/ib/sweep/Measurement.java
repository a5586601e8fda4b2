package io.ib.sweep;

import java.util.List;

/**
 * Everything measured on one cell at one point of training.
 *
 * @param cell the width and seed
 * @param step optimiser steps taken so far (0 = untrained)
 * @param epoch training progress in epochs, step / stepsPerEpoch (fractional inside an epoch)
 * @param trainLoss mean mini-batch loss (nats) over the steps since the previous measurement; NaN at
 *     step 0
 * @param testLoss mean loss on the evaluation set, nats
 * @param testAccuracy accuracy on the evaluation set, in [0, 1]
 * @param estimates every estimator on every hidden layer
 */
public record Measurement(Cell cell, int step, double epoch, double trainLoss, double testLoss,
    double testAccuracy, List<LayerEstimate> estimates) {
  public Measurement {
    estimates = List.copyOf(estimates);
  }

  /** The measurement point: this cell at this step. */
  public CellStep point() {
    return new CellStep(cell, step);
  }

  /** The same measurement with more estimates after its own. */
  public Measurement withMoreEstimates(List<LayerEstimate> more) {
    List<LayerEstimate> all = new java.util.ArrayList<>(estimates);
    all.addAll(more);
    return new Measurement(cell, step, epoch, trainLoss, testLoss, testAccuracy, all);
  }
}
