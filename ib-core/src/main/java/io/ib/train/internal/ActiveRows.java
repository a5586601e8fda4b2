package io.ib.train.internal;

import io.ib.internal.HostCopy;
import io.ib.nn.Mlp;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The first layer's weights and weight gradient restricted to the active columns of a batch (see
 * {@link InputBatch}): W_0's rows of the active inputs are copied in before the forward pass, and the
 * gradient of those rows is copied out after the backward pass, with zero in every other row.
 *
 * <p>Copies go through the arrays' direct buffers (CPU backend, float, whole arrays), one memory copy
 * per run of consecutive active columns: MNIST's active pixels form a few dozen runs, so a copy of
 * 550 rows of 256 floats is about 40 us.
 */
final class ActiveRows {
  final INDArray weight; // w x fanOut(0); rows past the active count are zero
  final INDArray weightGrad; // w x fanOut(0)
  private final int fanOut;
  private final FloatBuffer weightTarget;
  private final FloatBuffer weightGradSource;
  private final float[] zeros;

  /** Buffers for batches whose values have {@code width} columns. */
  ActiveRows(int width, int fanOut) {
    this.fanOut = fanOut;
    this.weight = Nd4j.zeros(DataType.FLOAT, width, fanOut);
    this.weightGrad = Nd4j.zeros(DataType.FLOAT, width, fanOut);
    this.weightTarget = weight.data().asNioFloat();
    this.weightGradSource = weightGrad.data().asNioFloat();
    this.zeros = new float[fanOut * 32];
  }

  /** True where this path applies: float arrays in host memory. */
  static boolean supported(Mlp model) {
    return HostCopy.hostMemory() && model.dataType() == DataType.FLOAT
        && !model.parameters().isView();
  }

  /** Copies the active rows of W_0 (at the start of the flat parameters) into {@link #weight}. */
  void gather(FloatBuffer parameters, int[] columns, int count) {
    for (int j = 0; j < count; ) {
      int run = InputBatch.runLength(columns, j, count);
      weightTarget.put(j * fanOut, parameters, columns[j] * fanOut, run * fanOut);
      j += run;
    }
    // Padding rows stay zero (they meet zero input columns): clear what a wider batch left there.
    int rows = weight.rows();
    fill(weightTarget, count, rows);
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
