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

  /** The most measurement points a training run may have. */
  public static final int MAX_POINTS = 100_000;

  /**
   * The measured steps of a run, in increasing order. Requested steps beyond the end of training are
   * left out (see {@link #beyond}: callers should say so).
   *
   * @throws IllegalArgumentException if the run has more than {@link Integer#MAX_VALUE} steps, more
   *     than {@link #MAX_POINTS} measurement points, or none
   */
  public int[] resolve(int stepsPerEpoch, int epochs) {
    long total = totalSteps(stepsPerEpoch, epochs);
    if (everyEpoch && epochs > MAX_POINTS) {
      throw new IllegalArgumentException("measuring at every epoch end of " + epochs + " epochs gives"
          + " more than " + MAX_POINTS + " measurement points");
    }
    TreeSet<Integer> result = new TreeSet<>();
    if (atStart) {
      result.add(0);
    }
    for (int s : steps) {
      if (s <= total) {
        result.add(s);
      }
    }
    if (everyEpoch) {
      for (int e = 1; e <= epochs; e++) {
        result.add(e * stepsPerEpoch);
      }
    }
    if (result.isEmpty()) {
      throw new IllegalArgumentException("the measurement schedule measures nothing within the "
          + total + " steps of training");
    }
    if (result.size() > MAX_POINTS) {
      throw new IllegalArgumentException("the schedule has " + result.size() + " measurement points;"
          + " at most " + MAX_POINTS + " are allowed");
    }
    return result.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The requested steps that lie beyond the last step of training, which {@link #resolve} drops. */
  public List<Integer> beyond(int stepsPerEpoch, int epochs) {
    long total = totalSteps(stepsPerEpoch, epochs);
    return steps.stream().filter(s -> s > total).toList();
  }

  /**
   * Optimiser steps of a run: epochs x steps per epoch.
   *
   * @throws IllegalArgumentException if that exceeds {@link Integer#MAX_VALUE}
   */
  public static long totalSteps(int stepsPerEpoch, int epochs) {
    long total = (long) stepsPerEpoch * epochs;
    if (total > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(epochs + " epochs x " + stepsPerEpoch + " steps per epoch = "
          + total + " steps, more than the " + Integer.MAX_VALUE + " a run may take");
    }
    return total;
  }
}
