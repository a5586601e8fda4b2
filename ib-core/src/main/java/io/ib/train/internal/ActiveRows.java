package io.ib.train.internal;

import io.ib.internal.HostCopy;
import io.ib.nn.Mlp;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The first layer's weights and weight gradient restricted to the active columns of a batch (see
 * {@link InputBatch}): W_0's rows of the active inputs are copied in before the forward pass, and the
 * gradient of those rows is copied out after the backward pass, with zero in every other row.
 *
 * <p>Copies go through the arrays' direct buffers (CPU backend, float, whole arrays), one memory copy
 * per run of consecutive active columns: MNIST's active pixels form a few dozen runs, so a copy of
 * 550 rows of 256 floats is about 40 us.
 *
 * <p>One pair of arrays of inputSize rows serves batches of every width: a batch of w columns uses
 * their first w rows (contiguous row-major views), so the few widths of a training set's batches
 * share the same memory instead of each keeping its own (less to keep in cache between steps).
 */
final class ActiveRows {
  private final INDArray weightStore; // inputSize x fanOut; rows past a batch's active count are zero
  private final INDArray weightGradStore; // inputSize x fanOut
  private final int fanOut;
  private final FloatBuffer weightTarget;
  private final FloatBuffer weightGradSource;
  private final float[] zeros;

  /** Buffers for batches of at most {@code inputSize} columns. */
  ActiveRows(int inputSize, int fanOut) {
    this.fanOut = fanOut;
    this.weightStore = Nd4j.zeros(DataType.FLOAT, inputSize, fanOut);
    this.weightGradStore = Nd4j.zeros(DataType.FLOAT, inputSize, fanOut);
    this.weightTarget = weightStore.data().asNioFloat();
    this.weightGradSource = weightGradStore.data().asNioFloat();
    this.zeros = new float[fanOut * 32];
  }

  /** W_0's rows of the active columns of a batch of {@code width} columns: a width x fanOut view. */
  INDArray weight(int width) {
    return weightStore.get(NDArrayIndex.interval(0, width), NDArrayIndex.all());
  }

  /** The gradient of those rows: a width x fanOut view, written by the backward pass. */
  INDArray weightGrad(int width) {
    return weightGradStore.get(NDArrayIndex.interval(0, width), NDArrayIndex.all());
  }

  /** True where this path applies: float arrays in host memory. */
  static boolean supported(Mlp model) {
    return HostCopy.hostMemory() && model.dataType() == DataType.FLOAT
        && !model.parameters().isView();
  }

  /**
   * Copies the active rows of W_0 (at the start of the flat parameters) into {@link #weight} of a
   * batch of {@code width} columns.
   */
  void gather(FloatBuffer parameters, int[] columns, int count, int width) {
    for (int j = 0; j < count; ) {
      int run = InputBatch.runLength(columns, j, count);
      weightTarget.put(j * fanOut, parameters, columns[j] * fanOut, run * fanOut);
      j += run;
    }
    // Padding rows stay zero (they meet zero input columns): clear what a wider batch left there.
    fill(weightTarget, count, width);
  }

  /**
   * Writes {@link #weightGrad}'s active rows into dL/dW_0 (at the start of the flat gradient), and
   * zero into its other rows.
   */
  void scatter(FloatBuffer gradient, int inputSize, int[] columns, int count) {
    int next = 0; // first row of dW_0 not yet written
    for (int j = 0; j < count; ) {
      int run = InputBatch.runLength(columns, j, count);
      fill(gradient, next, columns[j]);
      gradient.put(columns[j] * fanOut, weightGradSource, j * fanOut, run * fanOut);
      next = columns[j] + run;
      j += run;
    }
    fill(gradient, next, inputSize);
  }

  /** Zeroes rows [from, to) of a row-major buffer of fanOut-wide rows. */
  private void fill(FloatBuffer target, int from, int to) {
    int rowsPerCopy = zeros.length / fanOut;
    for (int row = from; row < to; row += rowsPerCopy) {
      int rows = Math.min(rowsPerCopy, to - row);
      target.put(row * fanOut, zeros, 0, rows * fanOut);
    }
  }
}
