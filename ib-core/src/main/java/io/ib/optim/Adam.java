package io.ib.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adam (Kingma &amp; Ba 2015) with bias correction, numerically identical in form to PyTorch's
 * {@code torch.optim.Adam} without weight decay:
 *
 * <pre>
 * m = b1 m + (1 - b1) g;   v = b2 v + (1 - b2) g^2
 * theta -= lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
 * </pre>
 *
 * <p>Runs as ND4J's fused {@code adam_updater} op. That op places epsilon as in the paper's "efficient"
 * variant, lr_t m / (sqrt(v) + eps'); passing eps' = eps sqrt(1 - b2^t) makes it PyTorch's formula
 * exactly (verified in {@code AdamTest} against a scalar reference).
 */
public final class Adam {
  private final AdamSettings settings;
  private final INDArray m;
  private final INDArray v;
  private int step;

  /** Optimiser state for a parameter vector of the given length and type. */
  public Adam(AdamSettings settings, INDArray parameters) {
    this.settings = settings;
    this.m = parameters.ulike().assign(0);
    this.v = parameters.ulike().assign(0);
  }

  /** The number of updates applied so far (t). */
  public int stepCount() {
    return step;
  }

  /** The hyper-parameters. */
  public AdamSettings settings() {
    return settings;
  }

  /**
   * Applies one update.
   *
   * @param parameters the flat parameter vector, updated in place
   * @param gradient the flat gradient; <strong>overwritten</strong> with the applied update
   */
  public void update(INDArray parameters, INDArray gradient) {
    step++;
    double epsHat = settings.epsilon() * Math.sqrt(1.0 - Math.pow(settings.beta2(), step));
    Nd4j.exec(new AdamUpdater(gradient, v, m, settings.learningRate(), settings.beta1(),
        settings.beta2(), epsHat, step - 1));
    parameters.subi(gradient);
  }
}
