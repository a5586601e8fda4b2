package io.ib.info.renyi;

import io.ib.info.EstimatorSpec;
import io.ib.info.LayerSample;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The parts of a sample that {@link RenyiEstimator} reads, restricted to the rows it uses. */
final class SampleRows {
  private SampleRows() {}

  /** 0, 1, ..., n - 1. */
  static int[] all(int n) {
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) {
      rows[i] = i;
    }
    return rows;
  }

  /** The labels of the rows, in order. */
  static int[] labels(LayerSample sample, int[] rows) {
    int[] all = sample.labels();
    int[] out = new int[rows.length];
    for (int r = 0; r < rows.length; r++) {
      out[r] = all[rows[r]];
    }
    return out;
  }

  /**
   * The inputs of the rows, row-major floats (one bulk copy of the rows).
   *
   * @throws IllegalArgumentException if one is NaN or infinite, naming the layer, row and column
   */
  static float[] finiteInputs(LayerSample sample, int[] rows, EstimatorSpec spec) {
    INDArray inputs = sample.inputs();
    INDArray chosen = rows.length == sample.size() ? inputs : inputs.getRows(rows);
    float[] x = LayerSample.rowMajorFloats(chosen);
    int p = inputs.columns();
    for (int f = 0; f < x.length; f++) {
      if (!Float.isFinite(x[f])) {
        throw new IllegalArgumentException("the inputs of layer " + sample.layer() + " have value "
            + x[f] + " at row " + rows[f / p] + ", column " + f % p + ": estimator " + spec
            + " needs finite inputs");
      }
    }
    return x;
  }
}
