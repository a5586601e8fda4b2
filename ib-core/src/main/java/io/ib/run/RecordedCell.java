package io.ib.run;

import io.ib.info.EstimatorSpec;
import io.ib.sweep.Layer;
import java.util.HashMap;
import java.util.Map;

/** A cell of a {@link RecordedRunWriter} while it records: its layers and what it recorded. */
final class RecordedCell {
  private final Map<Layer, RecordedLayer> layers;
  private final Map<EstimatorSpec, Long> estimatorNanos = new HashMap<>();
  private int measurements;
  private long rows;
  private int lastStep = -1;
  private double lastAccuracy = Double.NaN;

  RecordedCell(Map<Layer, RecordedLayer> layers) {
    this.layers = layers;
  }

  /** The network's layers as ib names them, in order from the input. */
  Map<Layer, RecordedLayer> layers() {
    return layers;
  }

  /** Time per estimator so far, which the estimators add to. */
  Map<EstimatorSpec, Long> estimatorNanos() {
    return estimatorNanos;
  }

  int measurements() {
    return measurements;
  }

  long rows() {
    return rows;
  }

  /** The step of the last recorded point, -1 before the first. */
  int lastStep() {
    return lastStep;
  }

  /** The accuracy at the last recorded point, NaN if not known. */
  double lastAccuracy() {
    return lastAccuracy;
  }

  void recorded(RecordedPoint point, int rowsWritten) {
    measurements++;
    rows += rowsWritten;
    lastStep = point.step();
    lastAccuracy = point.testAccuracy().orElse(Double.NaN);
  }
}
