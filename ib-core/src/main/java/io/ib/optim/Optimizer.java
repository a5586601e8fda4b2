package io.ib.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

/** An optimiser's state for one parameter vector: it turns gradients into updates in place. */
public interface Optimizer {
  /**
   * Applies one update.
   *
   * @param parameters the flat parameter vector, updated in place
   * @param gradient the flat gradient of the loss (it may be overwritten)
   */
  void update(INDArray parameters, INDArray gradient);

  /** The number of updates applied so far. */
  int stepCount();

  /** The hyper-parameters. */
  OptimizerSettings settings();
}
