package io.ib.optim;

import io.ib.internal.HostCopy;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adam (Kingma &amp; Ba 2015) with bias correction, PyTorch's {@code torch.optim.Adam} without weight
 * decay:
 *
 * <pre>
 * m = b1 m + (1 - b1) g;   v = b2 v + (1 - b2) g^2
 * theta -= (lr / (1 - b1^t)) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)
 * </pre>
 *
 * <p>Float parameters on the CPU backend are updated by one Java loop over bulk copies of the
 * parameters and gradient, with m and v kept in Java arrays: 0.13 ms for the 206k parameters of the
 * default network, against 1.2 ms for ND4J's fused {@code adam_updater} op (measured by the
 * benchmark). Elsewhere (double precision, other backends) the fused op runs; it places epsilon as in
 * the paper's "efficient" variant, lr_t m / (sqrt(v) + eps'), and eps' = eps sqrt(1 - b2^t) makes it
 * PyTorch's formula exactly. {@code AdamTest} checks both paths against a scalar reference.
 *
 * <p>Moments near zero. Where a gradient stays zero (a pixel that is zero in every image of many
 * batches, so its row of W_0 gets no gradient), m decays by b1 each step into the subnormal floats,
 * and stays there (b1 times the smallest subnormals rounds back to them): arithmetic on subnormals
 * runs through slow microcode on x86, which made the loop 2 to 5 times slower late in an MNIST sweep.
 * So the Java loop (with eps &gt; 0) sets to zero, every {@value #FLUSH_INTERVAL} steps, first
 * moments below {@code 2^-100} and second moments below {@code 2^-126} (the smallest normal float),
 * before decay takes them to the subnormals. A first moment below {@code 2^-100} moves a parameter by
 * less than {@code lr / (1 - b1) * 2^-100 / eps} (7.9e-25 at PyTorch's b1 = 0.9, eps = 1e-8 and
 * lr = 1e-3), under half a float ulp of any parameter larger than 1.3e-17 in magnitude; a second
 * moment below {@code 2^-126} changes {@code sqrt(v) / sqrt(1 - b2^t) + eps} by at most
 * {@code 2^-63 / sqrt(1 - b2)} (3.4e-18 at b2 = 0.999), under half an ulp of eps = 1e-8. With
 * PyTorch's defaults, for such parameters and for gradients that are zero or larger than about 1e-22,
 * the updates are the same bits as without the flush ({@code AdamTest} holds a run through the decay
 * to the unflushed loop).
 */
public final class Adam implements Optimizer {
  /** Steps between two flushes of the moments near zero (see the class comment). */
  static final int FLUSH_INTERVAL = 16;
  private static final float FIRST_MOMENT_FLOOR = 0x1p-100f;
  private final AdamSettings settings;
  private final boolean javaLoop;
  private final INDArray m;
  private final INDArray v;
  private final float[] mHost;
  private final float[] vHost;
  private final float[] p;
  private final float[] g;
  private int step;

  /** Optimiser state for a parameter vector of the given length and type. */
  public Adam(AdamSettings settings, INDArray parameters) {
    this.settings = settings;
    this.javaLoop = parameters.dataType() == DataType.FLOAT && HostCopy.hostMemory();
    int n = (int) parameters.length();
    this.m = javaLoop ? null : parameters.ulike().assign(0);
    this.v = javaLoop ? null : parameters.ulike().assign(0);
    this.mHost = javaLoop ? new float[n] : null;
    this.vHost = javaLoop ? new float[n] : null;
    this.p = javaLoop ? new float[n] : null;
    this.g = javaLoop ? new float[n] : null;
  }

  /** The number of updates applied so far (t). */
  @Override
  public int stepCount() {
    return step;
  }

  /** The hyper-parameters. */
  @Override
  public AdamSettings settings() {
    return settings;
  }

  /**
   * Applies one update.
   *
   * @param parameters the flat parameter vector, updated in place
   * @param gradient the flat gradient (it may be overwritten)
   */
  @Override
  public void update(INDArray parameters, INDArray gradient) {
    step++;
    if (javaLoop) {
      updateInJava(parameters, gradient);
      return;
    }
    double epsHat = settings.epsilon() * Math.sqrt(1.0 - Math.pow(settings.beta2(), step));
    Nd4j.exec(new AdamUpdater(gradient, v, m, settings.learningRate(), settings.beta1(),
        settings.beta2(), epsHat, step - 1));
    parameters.subi(gradient);
  }

  // PyTorch's order of operations, in float: denom = sqrt(v) / sqrt(bc2) + eps; p -= step * m / denom.
  private void updateInJava(INDArray parameters, INDArray gradient) {
    HostCopy.read(parameters, p);
    HostCopy.read(gradient, g);
    float b1 = (float) settings.beta1();
    float b2 = (float) settings.beta2();
    float oneMinusB1 = (float) (1 - settings.beta1());
    float oneMinusB2 = (float) (1 - settings.beta2());
    float stepSize = (float) (settings.learningRate() / (1 - Math.pow(settings.beta1(), step)));
    float bc2Sqrt = (float) Math.sqrt(1 - Math.pow(settings.beta2(), step));
    float eps = (float) settings.epsilon();
    for (int i = 0; i < p.length; i++) {
      float gi = g[i];
      float mi = b1 * mHost[i] + oneMinusB1 * gi;
      float vi = b2 * vHost[i] + oneMinusB2 * gi * gi;
      mHost[i] = mi;
      vHost[i] = vi;
      p[i] -= stepSize * mi / ((float) Math.sqrt(vi) / bc2Sqrt + eps);
    }
    HostCopy.write(p, parameters);
    if (step % FLUSH_INTERVAL == 0 && eps > 0) {
      flushNearZero();
    }
  }

  // A separate pass, rarely run: a test in the loop above would keep it from being vectorised. m takes
  // 171 steps of decay by 0.9 from 2^-100 to the subnormals, v (decay 0.999) far longer.
  private void flushNearZero() {
    for (int i = 0; i < mHost.length; i++) {
      if (Math.abs(mHost[i]) < FIRST_MOMENT_FLOOR) {
        mHost[i] = 0f;
      }
      if (vHost[i] < Float.MIN_NORMAL) {
        vHost[i] = 0f;
      }
    }
  }
}
