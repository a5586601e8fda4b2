package io.ib.sweep;

import java.util.List;

/**
 * The shape of a sweep about to run, for progress reporting.
 *
 * @param cells the cells in run order
 * @param stepsPerEpoch mini-batches per epoch
 * @param stepsPerCell optimiser steps per cell
 * @param measuredSteps the steps at which each cell is measured
 * @param evaluationSize samples the estimates are computed on
 */
public record SweepPlan(
    List<Cell> cells, int stepsPerEpoch, int stepsPerCell, List<Integer> measuredSteps,
    int evaluationSize) {
  public SweepPlan {
    cells = List.copyOf(cells);
    measuredSteps = List.copyOf(measuredSteps);
  }

  /** Optimiser steps of the whole sweep. */
  public long totalSteps() {
    return (long) stepsPerCell * cells.size();
  }
}
