package io.ib.train;

import io.ib.nn.MlpArchitecture;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Gaussian noise of a noisy network (Goldfeld et al., "Estimating Information Flow in Deep
 * Neural Networks", ICML 2019): N(0, beta^2) added, independently, to every unit of every hidden
 * layer after its activation, T_l = f(T_{l-1} W + b) + Z_l.
 *
 * <p>Draws are keyed, not streamed: the noise of draw {@code key} (a training step, or a measurement
 * and its propagation index) on hidden layer l comes from a generator seeded with
 * {@code Seeds.mix(seed, key, l)}, row-major over the batch. So the noise of a step does not depend on
 * what was drawn before it (batch order, initial weights, or whether a run was interrupted and its
 * cell retrained), and every training path (plain, prepared, small) adds the same values.
 *
 * @param beta the noise's standard deviation, &ge; 0; 0 is the noiseless network
 * @param seed seed of this network's noise
 */
public record HiddenNoise(double beta, long seed) {
  public HiddenNoise {
    if (!(beta >= 0) || !Double.isFinite(beta)) {
      throw new IllegalArgumentException("noise needs a finite standard deviation >= 0, got " + beta);
    }
  }

  /** True if noise is added (beta &gt; 0). */
  public boolean enabled() {
    return beta > 0;
  }

  /**
   * The noise of one draw: one row-major rows x fanOut(l) float array per hidden layer.
   *
   * @param key the draw's key (e.g. the training step)
   */
  public float[][] draw(long key, int rows, MlpArchitecture architecture) {
    int hidden = architecture.hiddenWidths().size();
    float[][] noise = new float[hidden][];
    for (int l = 0; l < hidden; l++) {
      SplittableRandom rng = new SplittableRandom(Seeds.mix(seed, key, l));
      float[] values = new float[rows * architecture.fanOut(l)];
      for (int i = 0; i < values.length; i++) {
        values[i] = (float) (beta * rng.nextGaussian());
      }
      noise[l] = values;
    }
    return noise;
  }

  /** {@link #draw} as one rows x fanOut(l) array per hidden layer, in the given type. */
  public INDArray[] drawArrays(long key, int rows, MlpArchitecture architecture, DataType type) {
    float[][] noise = draw(key, rows, architecture);
    INDArray[] arrays = new INDArray[noise.length];
    for (int l = 0; l < noise.length; l++) {
      arrays[l] = Nd4j.create(noise[l], new long[] {rows, architecture.fanOut(l)}, DataType.FLOAT)
          .castTo(type);
    }
    return arrays;
  }
}
