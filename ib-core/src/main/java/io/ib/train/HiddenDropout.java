package io.ib.train;

import io.ib.nn.MlpArchitecture;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Dropout on the last hidden layer, as in the networks of Adilova, Geiger &amp; Fischer, "Information
 * Plane Analysis for Dropout Neural Networks" (ICLR 2023; their code, github link-er/IP_dropout,
 * {@code MNIST_dropout/dropout_netw.py}, puts its one dropout module after the last hidden layer,
 * whose output is the representation they measure): the layer's output f(Z) is multiplied, unit by
 * unit and sample by sample, by an independent factor M, T = f(Z) M.
 *
 * <ul>
 *   <li>{@link Kind#BERNOULLI} (standard, inverted dropout): M = 0 with probability p, else
 *       1/(1-p), so E[M] = 1; training only (measurements see the network without it).
 *   <li>{@link Kind#GAUSSIAN}: M ~ N(1, alpha), variance alpha (Srivastava et al. 2014's Gaussian
 *       dropout, alpha = p/(1-p) for the Bernoulli rate p of equal variance); on in training and
 *       in measurement, which is what makes I(X;T) finite (Adilova et al., Section 4).
 * </ul>
 *
 * <p>Draws are keyed as {@link HiddenNoise}'s are: the factors of draw {@code key} on hidden layer l
 * come from a generator seeded with {@code Seeds.mix(seed, key, l)}, row-major over the batch, so
 * every training path multiplies by the same values and a resumed run draws what it drew before.
 * The backward pass multiplies dL/dT by M and takes f' at f(Z) before the factor.
 *
 * @param kind Bernoulli or Gaussian
 * @param rate p in [0, 1) for Bernoulli, alpha &ge; 0 for Gaussian; 0 is the network without
 *     dropout
 * @param seed seed of this network's factors
 */
public record HiddenDropout(Kind kind, double rate, long seed) {
  /** The two kinds of dropout. */
  public enum Kind {
    /** Standard (inverted) dropout: zero with probability p, else 1/(1-p). */
    BERNOULLI,
    /** Multiplicative Gaussian noise N(1, alpha). */
    GAUSSIAN
  }

  /** Checks the rate. */
  public HiddenDropout {
    if (kind == Kind.BERNOULLI && !(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException("dropout needs a probability in [0, 1), got " + rate);
    }
    if (kind == Kind.GAUSSIAN && (!(rate >= 0) || !Double.isFinite(rate))) {
      throw new IllegalArgumentException("gaussian dropout needs a finite variance alpha >= 0, got "
          + rate);
    }
  }

  /** True if the factors are not all 1 (rate &gt; 0). */
  public boolean enabled() {
    return rate > 0;
  }

  /** The hidden layer (0-based) that dropout acts on: the last. */
  public static int layer(MlpArchitecture architecture) {
    return architecture.hiddenWidths().size() - 1;
  }

  /**
   * The factors of one draw: per hidden layer, null, or (the last) a row-major rows x fanOut array.
   *
   * @param key the draw's key (e.g. the training step)
   */
  public float[][] draw(long key, int rows, MlpArchitecture architecture) {
    float[][] factors = new float[architecture.hiddenWidths().size()][];
    int l = layer(architecture);
    SplittableRandom rng = new SplittableRandom(Seeds.mix(seed, key, l));
    float[] values = new float[rows * architecture.fanOut(l)];
    if (kind == Kind.BERNOULLI) {
      float kept = (float) (1 / (1 - rate));
      for (int i = 0; i < values.length; i++) {
        values[i] = rng.nextDouble() < rate ? 0f : kept;
      }
    } else {
      double sd = Math.sqrt(rate);
      for (int i = 0; i < values.length; i++) {
        values[i] = (float) (1 + sd * rng.nextGaussian());
      }
    }
    factors[l] = values;
    return factors;
  }

  /** {@link #draw} as arrays (null where a layer has no dropout), in the given type. */
  public INDArray[] drawArrays(long key, int rows, MlpArchitecture architecture, DataType type) {
    float[][] factors = draw(key, rows, architecture);
    INDArray[] arrays = new INDArray[factors.length];
    for (int l = 0; l < factors.length; l++) {
      if (factors[l] != null) {
        arrays[l] = Nd4j.create(factors[l], new long[] {rows, architecture.fanOut(l)},
            DataType.FLOAT).castTo(type);
      }
    }
    return arrays;
  }
}
