package io.ib.optim;

import io.ib.internal.HostCopy;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * SGD with momentum (see {@link SgdSettings} for the formula). Float parameters on the CPU backend are
 * updated by one Java loop over bulk copies, as {@link Adam} does; elsewhere by two ND4J calls.
 */
public final class Sgd implements Optimizer {
  private final SgdSettings settings;
  private final boolean javaLoop;
  private final INDArray velocity; // ND4J path
  private final float[] v;
  private final float[] p;
  private final float[] g;
  private int step;

  /** Optimiser state for a parameter vector of the given length and type. */
  public Sgd(SgdSettings settings, INDArray parameters) {
    this.settings = settings;
    this.javaLoop = parameters.dataType() == DataType.FLOAT && HostCopy.hostMemory();
    int n = (int) parameters.length();
    this.velocity = javaLoop ? null : parameters.ulike().assign(0);
    this.v = javaLoop ? new float[n] : null;
    this.p = javaLoop ? new float[n] : null;
    this.g = javaLoop ? new float[n] : null;
  }

  @Override
  public int stepCount() {
    return step;
  }

  @Override
  public SgdSettings settings() {
    return settings;
  }

  @Override
  public void update(INDArray parameters, INDArray gradient) {
    step++;
    if (!javaLoop) {
      velocity.muli(settings.momentum()).addi(gradient);
      parameters.subi(velocity.mul(settings.learningRate()));
      return;
    }
    HostCopy.read(parameters, p);
    HostCopy.read(gradient, g);
    float mu = (float) settings.momentum();
    float lr = (float) settings.learningRate();
    for (int i = 0; i < p.length; i++) {
      float vi = mu * v[i] + g[i];
      v[i] = vi;
      p[i] -= lr * vi;
    }
    HostCopy.write(p, parameters);
  }
}
