package io.ib.train;

import io.ib.data.LabelledData;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gathers mini-batches (inputs and one-hot targets) from a training set into preallocated buffers:
 * two ND4J calls per batch, no allocation after the first epoch.
 */
public final class MiniBatches {
  private final INDArray features;
  private final INDArray oneHot;
  // Two batch sizes occur per epoch (full batches and the shorter last one): one buffer each.
  private final Map<Integer, INDArray> xBuffers = new HashMap<>();
  private final Map<Integer, INDArray> yBuffers = new HashMap<>();

  /**
   * @param data the training set
   * @param type the models' floating-point type (the features are converted once)
   */
  public MiniBatches(LabelledData data, DataType type) {
    this.features = data.withDataType(type).features();
    this.oneHot = oneHot(data.labels(), data.numClasses(), type);
  }

  /** A one-hot matrix (n x numClasses) for the given labels. */
  public static INDArray oneHot(int[] labels, int numClasses, DataType type) {
    float[] values = new float[labels.length * numClasses];
    for (int i = 0; i < labels.length; i++) {
      values[i * numClasses + labels[i]] = 1f;
    }
    return Nd4j.create(values, new long[] {labels.length, numClasses}, DataType.FLOAT).castTo(type);
  }

  /** The inputs of the rows {@code order[from .. from+rows)}; valid until the next call. */
  public INDArray inputs(int[] order, int from, int rows) {
    INDArray buffer = buffer(xBuffers, rows, features.columns());
    Nd4j.pullRows(features, buffer, 1, Arrays.copyOfRange(order, from, from + rows));
    return buffer;
  }

  /** The one-hot targets of the same rows; valid until the next call. */
  public INDArray targets(int[] order, int from, int rows) {
    INDArray buffer = buffer(yBuffers, rows, oneHot.columns());
    Nd4j.pullRows(oneHot, buffer, 1, Arrays.copyOfRange(order, from, from + rows));
    return buffer;
  }

  private INDArray buffer(Map<Integer, INDArray> buffers, int rows, long columns) {
    return buffers.computeIfAbsent(
        rows, r -> Nd4j.createUninitialized(features.dataType(), r, columns));
  }
}
