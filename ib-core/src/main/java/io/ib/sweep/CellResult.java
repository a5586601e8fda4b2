package io.ib.sweep;

import io.ib.info.EstimatorSpec;
import java.util.List;
import java.util.Map;

/**
 * The measurements of one cell, with where its time went.
 *
 * @param cell width and seed
 * @param measurements in step order
 * @param trainingSeconds wall time of the optimisation steps
 * @param evaluationSeconds wall time of the forward passes over the evaluation set
 * @param estimatorSeconds wall time per estimator, summed over layers and measurements
 */
public record CellResult(Cell cell, List<Measurement> measurements, double trainingSeconds,
    double evaluationSeconds, Map<EstimatorSpec, Double> estimatorSeconds) {
  public CellResult {
    measurements = List.copyOf(measurements);
    estimatorSeconds = Map.copyOf(estimatorSeconds);
  }

  /** The last measurement (the trained network). */
  public Measurement last() {
    return measurements.get(measurements.size() - 1);
  }

  /** The same result with these measurements (same cell and times). */
  public CellResult withMeasurements(List<Measurement> value) {
    return new CellResult(cell, value, trainingSeconds, evaluationSeconds, estimatorSeconds);
  }

  /** Total estimation time over all estimators. */
  public double estimationSeconds() {
    return estimatorSeconds.values().stream().mapToDouble(Double::doubleValue).sum();
  }
}
