package io.ib.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Stochastic gradient descent with (heavy-ball) momentum, PyTorch's {@code torch.optim.SGD} without
 * dampening, weight decay or Nesterov:
 *
 * <pre>
 * v = momentum v + g;   theta -= lr v        (v = 0 before the first step)
 * </pre>
 *
 * With momentum 0 this is plain gradient descent, theta -= lr g.
 *
 * @param learningRate step size lr, &gt; 0
 * @param momentum in [0, 1)
 */
public record SgdSettings(double learningRate, double momentum) implements OptimizerSettings {
  public SgdSettings {
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("learning rate must be a positive number, got " + learningRate);
    }
    if (!(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
    }
  }

  @Override
  public SgdSettings withLearningRate(double value) {
    return new SgdSettings(value, momentum);
  }

  @Override
  public String name() {
    return "sgd";
  }

  @Override
  public Optimizer create(INDArray parameters) {
    return new Sgd(this, parameters);
  }
}
