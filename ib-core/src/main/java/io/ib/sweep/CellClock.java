package io.ib.sweep;

import io.ib.info.EstimatorSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Where one cell's time went: training steps, evaluation passes, and each estimator. */
final class CellClock {
  private long trainingNanos;
  private long evaluationNanos;
  private final Map<EstimatorSpec, Long> estimatorNanos = new LinkedHashMap<>();

  CellClock(List<EstimatorSpec> estimators) {
    estimators.forEach(e -> estimatorNanos.put(e, 0L));
  }

  void trained(long nanos) {
    trainingNanos += nanos;
  }

  void evaluated(long nanos) {
    evaluationNanos += nanos;
  }

  void estimated(EstimatorSpec estimator, long nanos) {
    estimatorNanos.merge(estimator, nanos, Long::sum);
  }

  /** The cell's result with these times. */
  CellResult result(Cell cell, List<Measurement> measurements) {
    Map<EstimatorSpec, Double> seconds = new LinkedHashMap<>();
    estimatorNanos.forEach((k, v) -> seconds.put(k, v / 1e9));
    return new CellResult(cell, measurements, trainingNanos / 1e9, evaluationNanos / 1e9, seconds);
  }
}
