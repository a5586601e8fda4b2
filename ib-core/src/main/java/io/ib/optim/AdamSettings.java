package io.ib.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adam hyper-parameters (see {@link Adam} for the update).
 *
 * @param learningRate step size lr, &gt; 0
 * @param beta1 decay of the first moment, in [0, 1)
 * @param beta2 decay of the second moment, in [0, 1)
 * @param epsilon added to the denominator, &gt; 0
 */
public record AdamSettings(double learningRate, double beta1, double beta2, double epsilon)
    implements OptimizerSettings {
  public AdamSettings {
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("learning rate must be a positive number, got " + learningRate);
    }
    if (!(beta1 >= 0 && beta1 < 1)) {
      throw new IllegalArgumentException("beta1 must be in [0, 1), got " + beta1);
    }
    if (!(beta2 >= 0 && beta2 < 1)) {
      throw new IllegalArgumentException("beta2 must be in [0, 1), got " + beta2);
    }
    if (!(epsilon > 0)) {
      throw new IllegalArgumentException("epsilon must be positive, got " + epsilon);
    }
  }

  /** PyTorch's defaults (betas 0.9 and 0.999, eps 1e-8) with the given learning rate. */
  public static AdamSettings pytorchDefaults(double learningRate) {
    return new AdamSettings(learningRate, 0.9, 0.999, 1e-8);
  }

  /** A copy with another learning rate. */
  @Override
  public AdamSettings withLearningRate(double lr) {
    return new AdamSettings(lr, beta1, beta2, epsilon);
  }

  @Override
  public String name() {
    return "adam";
  }

  @Override
  public Optimizer create(INDArray parameters) {
    return new Adam(this, parameters);
  }
}
