package io.ib.sweep;

import io.ib.data.Dataset;
import io.ib.train.BatchOrder;
import io.ib.train.MeasurementSchedule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The shape of a sweep about to run: what is checked against the data before any cell starts, and
 * what progress reporting needs.
 *
 * @param cells the cells still to run, in run order
 * @param stepsPerEpoch mini-batches per epoch
 * @param stepsPerCell optimiser steps per cell
 * @param measuredSteps the steps at which each cell is measured
 * @param evaluationSize samples the estimates are computed on
 * @param warnings what the user should know before it runs (e.g. measurement steps left out because
 *     they lie beyond the end of training)
 */
public record SweepPlan(
    List<Cell> cells, int stepsPerEpoch, int stepsPerCell, List<Integer> measuredSteps,
    int evaluationSize, List<String> warnings) {
  public SweepPlan {
    cells = List.copyOf(cells);
    measuredSteps = List.copyOf(measuredSteps);
    warnings = List.copyOf(warnings);
  }

  /**
   * Plans the given cells of a configuration on a dataset.
   *
   * @throws IllegalArgumentException if the configuration does not fit the data: more optimiser steps
   *     than a run may take, too many measurement points, or none
   */
  public static SweepPlan of(SweepConfig config, Dataset data, List<Cell> cells) {
    BatchOrder shape = new BatchOrder(data.train().size(), config.batchSize(), 1);
    int perEpoch = shape.stepsPerEpoch();
    MeasurementSchedule schedule = config.schedule();
    int total = (int) MeasurementSchedule.totalSteps(perEpoch, config.epochs());
    int[] measured = schedule.resolve(perEpoch, config.epochs());
    List<String> warnings = new ArrayList<>();
    List<Integer> beyond = schedule.beyond(perEpoch, config.epochs());
    if (!beyond.isEmpty()) {
      warnings.add("measurement step" + (beyond.size() == 1 ? " " : "s ") + join(beyond)
          + " lie" + (beyond.size() == 1 ? "s" : "") + " beyond the last step of training ("
          + config.epochs() + " epochs x " + perEpoch + " steps = " + total + ") and "
          + (beyond.size() == 1 ? "is" : "are") + " left out");
    }
    return new SweepPlan(cells, perEpoch, total, Arrays.stream(measured).boxed().toList(),
        (int) config.evaluateOn().size(data), warnings);
  }

  private static String join(List<Integer> steps) {
    return String.join(", ", steps.stream().map(String::valueOf).toList());
  }

  /** Optimiser steps of the whole sweep. */
  public long totalSteps() {
    return (long) stepsPerCell * cells.size();
  }
}
