package io.ib.train;

import java.util.List;
import java.util.TreeSet;

/**
 * When a model is measured during training, in optimiser steps.
 *
 * <p>Step 0 is the untrained network; step s is the network after s updates. The default measures at
 * step 0, at a few log-spaced steps inside the first epoch (where representations move fastest) and
 * at the end of every epoch.
 *
 * @param atStart measure the untrained network (step 0)
 * @param steps further steps to measure at (each at least 1)
 * @param everyEpoch measure at the end of every epoch
 */
public record MeasurementSchedule(boolean atStart, List<Integer> steps, boolean everyEpoch) {
  public MeasurementSchedule {
    steps = List.copyOf(new TreeSet<>(steps));
    for (int s : steps) {
      if (s < 1) {
        throw new IllegalArgumentException("measurement steps must be at least 1, got " + s);
      }
    }
  }

  /** Step 0, steps 10, 30 and 100, and every epoch end. */
  public static MeasurementSchedule denseEarly() {
    return new MeasurementSchedule(true, List.of(10, 30, 100), true);
  }

  /** Only at the end of every epoch. */
  public static MeasurementSchedule epochEnds() {
    return new MeasurementSchedule(false, List.of(), true);
  }

  /**
   * The measured steps of a run, in increasing order.
   *
   * @throws IllegalArgumentException if a requested step lies beyond the last step of the run, or the
   *     schedule measures nothing
   */
  public int[] resolve(int stepsPerEpoch, int epochs) {
    long total = (long) stepsPerEpoch * epochs;
    TreeSet<Integer> result = new TreeSet<>();
    if (atStart) {
      result.add(0);
    }
    for (int s : steps) {
      if (s > total) {
        throw new IllegalArgumentException("measurement step " + s + " lies beyond the last step of"
            + " training (" + epochs + " epochs x " + stepsPerEpoch + " steps = " + total + ")");
      }
      result.add(s);
    }
    if (everyEpoch) {
      for (int e = 1; e <= epochs; e++) {
        result.add(e * stepsPerEpoch);
      }
    }
    if (result.isEmpty()) {
      throw new IllegalArgumentException("the measurement schedule measures nothing");
    }
    return result.stream().mapToInt(Integer::intValue).toArray();
  }
}
