package io.ib.train;

import io.ib.data.LabelledData;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gathers mini-batches from a training set: the inputs into preallocated buffers (one ND4J call per
 * batch, no allocation after the first epoch), the labels as a Java array.
 */
public final class MiniBatches {
  private final INDArray features;
  private final int[] labels;
  // Two batch sizes occur per epoch (full batches and the shorter last one): one buffer each.
  private final Map<Integer, INDArray> xBuffers = new HashMap<>();

  /**
   * @param data the training set
   * @param type the models' floating-point type (the features are converted once)
   */
  public MiniBatches(LabelledData data, DataType type) {
    this.features = data.withDataType(type).features();
    this.labels = data.labels();
  }

  /** The inputs of the rows {@code order[from .. from+rows)}; valid until the next call. */
  public INDArray inputs(int[] order, int from, int rows) {
    INDArray buffer = buffer(xBuffers, rows, features.columns());
    Nd4j.pullRows(features, buffer, 1, Arrays.copyOfRange(order, from, from + rows));
    return buffer;
  }

  /** The labels of the same rows. */
  public int[] labels(int[] order, int from, int rows) {
    int[] batch = new int[rows];
    for (int i = 0; i < rows; i++) {
      batch[i] = labels[order[from + i]];
    }
    return batch;
  }

  private INDArray buffer(Map<Integer, INDArray> buffers, int rows, long columns) {
    return buffers.computeIfAbsent(
        rows, r -> Nd4j.createUninitialized(features.dataType(), r, columns));
  }
}
