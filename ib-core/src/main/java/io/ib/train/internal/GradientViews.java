package io.ib.train.internal;

import io.ib.nn.Mlp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A flat gradient vector laid out like {@link Mlp#parameters()}, with per-layer views into it that
 * the prepared backward pass writes into.
 */
public final class GradientViews {
  private final INDArray flat;
  private final INDArray[] weights;
  private final INDArray[] biases;

  /** A zero gradient for a model of the given architecture and type. */
  public GradientViews(Mlp model) {
    this.flat = Nd4j.zeros(model.dataType(), model.architecture().parameterCount());
    int layers = model.architecture().numLayers();
    this.weights = new INDArray[layers];
    this.biases = new INDArray[layers];
    for (int l = 0; l < layers; l++) {
      weights[l] = Mlp.weightView(model.architecture(), flat, l);
      biases[l] = Mlp.biasView(model.architecture(), flat, l);
    }
  }

  /** The whole gradient as one vector. */
  public INDArray flat() {
    return flat;
  }

  /** dL/dW_l view. */
  public INDArray weight(int layer) {
    return weights[layer];
  }

  /** dL/db_l view (1 x fanOut). */
  public INDArray bias(int layer) {
    return biases[layer];
  }
}
