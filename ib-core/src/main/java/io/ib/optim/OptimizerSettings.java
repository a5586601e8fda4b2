package io.ib.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The hyper-parameters of an optimiser, which also make the optimiser: {@link AdamSettings} or
 * {@link SgdSettings}. Immutable and validated on construction.
 */
public sealed interface OptimizerSettings permits AdamSettings, SgdSettings {
  /** The step size lr, &gt; 0. */
  double learningRate();

  /** A copy with another learning rate (other settings kept). */
  OptimizerSettings withLearningRate(double value);

  /** The optimiser's name as written in configurations: {@code adam} or {@code sgd}. */
  String name();

  /** A fresh optimiser state for a parameter vector of this length and type. */
  Optimizer create(INDArray parameters);
}
