package io.ib.dl4j;

/**
 * What measuring a network has cost: wall-clock time on the training thread, which training waits
 * for.
 *
 * @param points measurements taken
 * @param forwardNanos the forward passes of the evaluation set and the flattening of every layer
 * @param recordNanos the run writer's share: the estimators, and writing rows (and snapshots)
 */
public record MeasurementCost(int points, long forwardNanos, long recordNanos) {
  /** Mean seconds of forward pass and flattening per measurement (0 before the first). */
  public double forwardSecondsPerPoint() {
    return points == 0 ? 0 : forwardNanos / 1e9 / points;
  }

  /** Mean seconds of estimators and writing per measurement (0 before the first). */
  public double recordSecondsPerPoint() {
    return points == 0 ? 0 : recordNanos / 1e9 / points;
  }

  /** The sum of two costs (e.g. of the cells of a run). */
  public MeasurementCost plus(MeasurementCost other) {
    return new MeasurementCost(points + other.points, forwardNanos + other.forwardNanos,
        recordNanos + other.recordNanos);
  }
}
