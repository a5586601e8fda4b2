package io.ib.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A flat gradient vector laid out like {@link Mlp#parameters()}, with per-layer views into it.
 */
public final class GradientViews {
  private final INDArray flat;
  private final INDArray[] weights;
  private final INDArray[] biases;

  /** A zero gradient for a model of the given architecture and type. */
  public GradientViews(Mlp model) {
    this.flat = Nd4j.zeros(model.dataType(), model.architecture().parameterCount());
    this.weights = Mlp.weightViews(model.architecture(), flat);
    this.biases = Mlp.biasViews(model.architecture(), flat);
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
