package io.ib.dl4j;

/**
 * What measuring a network has cost, on the training thread, which training waits for: wall-clock
 * time, and that thread's CPU time, which other work on the machine does not inflate (with one
 * OpenMP thread, {@code OMP_NUM_THREADS=1}, ND4J computes on the calling thread, so it is all of the
 * measuring's CPU time; with more it leaves out the other threads' share).
 *
 * @param points measurements taken
 * @param forwardNanos the forward passes of the evaluation set and the flattening of every layer
 * @param recordNanos the run writer's share: the estimators, and writing rows (and snapshots)
 * @param forwardCpuNanos the training thread's CPU time in the forward passes and flattening
 * @param recordCpuNanos the training thread's CPU time in the run writer
 */
public record MeasurementCost(int points, long forwardNanos, long recordNanos, long forwardCpuNanos,
    long recordCpuNanos) {
  /** No measurement yet. */
  public static final MeasurementCost NONE = new MeasurementCost(0, 0, 0, 0, 0);

  /** Mean seconds of forward pass and flattening per measurement (0 before the first). */
  public double forwardSecondsPerPoint() {
    return perPoint(forwardNanos);
  }

  /** Mean seconds of estimators and writing per measurement (0 before the first). */
  public double recordSecondsPerPoint() {
    return perPoint(recordNanos);
  }

  /** Mean CPU seconds of forward pass and flattening per measurement (0 before the first). */
  public double forwardCpuSecondsPerPoint() {
    return perPoint(forwardCpuNanos);
  }

  /** Mean CPU seconds of estimators and writing per measurement (0 before the first). */
  public double recordCpuSecondsPerPoint() {
    return perPoint(recordCpuNanos);
  }

  /** Wall-clock seconds of all measuring. */
  public double seconds() {
    return (forwardNanos + recordNanos) / 1e9;
  }

  /** The sum of two costs (e.g. of the cells of a run). */
  public MeasurementCost plus(MeasurementCost other) {
    return new MeasurementCost(points + other.points, forwardNanos + other.forwardNanos,
        recordNanos + other.recordNanos, forwardCpuNanos + other.forwardCpuNanos,
        recordCpuNanos + other.recordCpuNanos);
  }

  private double perPoint(long nanos) {
    return points == 0 ? 0 : nanos / 1e9 / points;
  }
}
