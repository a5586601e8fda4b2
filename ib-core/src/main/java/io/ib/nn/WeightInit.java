package io.ib.nn;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How the weights and biases of a dense layer are drawn.
 *
 * <p>Values come from a {@link SplittableRandom} in Java, not from ND4J's generator, so that a seed
 * gives the same initial network on every ND4J backend and build.
 */
public enum WeightInit {
  /**
   * PyTorch's {@code nn.Linear} default: W and b ~ U(-1/sqrt(in), 1/sqrt(in)). This is
   * {@code kaiming_uniform_(a = sqrt(5))} for W and the matching bias rule, so the original notebook's
   * setup is reproduced in distribution.
   */
  PYTORCH {
    @Override
    void fill(float[] w, float[] b, int fanIn, int fanOut, boolean output, SplittableRandom rng) {
      double bound = 1.0 / Math.sqrt(fanIn);
      uniform(w, bound, rng);
      uniform(b, bound, rng);
    }
  },
  /** Glorot/Xavier uniform: W ~ U(-sqrt(6/(in+out)), +sqrt(6/(in+out))), b = 0. */
  XAVIER {
    @Override
    void fill(float[] w, float[] b, int fanIn, int fanOut, boolean output, SplittableRandom rng) {
      uniform(w, Math.sqrt(6.0 / (fanIn + fanOut)), rng);
    }
  },
  /** He/Kaiming normal for ReLU: W ~ N(0, 2/in), b = 0. */
  HE {
    @Override
    void fill(float[] w, float[] b, int fanIn, int fanOut, boolean output, SplittableRandom rng) {
      double std = Math.sqrt(2.0 / fanIn);
      for (int i = 0; i < w.length; i++) {
        w[i] = (float) (std * rng.nextGaussian());
      }
    }
  },
  /**
   * The IDNNs code of Shwartz-Ziv &amp; Tishby (2017), every layer: W ~ truncated normal with standard
   * deviation 1/sqrt(in), b = 0. "Truncated" as in TensorFlow's {@code truncated_normal}: draws
   * farther than two standard deviations from 0 are drawn again.
   */
  TRUNCATED_NORMAL {
    @Override
    void fill(float[] w, float[] b, int fanIn, int fanOut, boolean output, SplittableRandom rng) {
      truncatedNormal(w, 1.0 / Math.sqrt(fanIn), rng);
    }
  },
  /**
   * The ibsgd code of Saxe et al. (2018): hidden layers W ~ truncated normal with standard deviation
   * 1/sqrt(out) (as {@link #TRUNCATED_NORMAL}, but by fan-out), the output layer Glorot uniform
   * ({@link #XAVIER}); biases 0.
   */
  SAXE {
    @Override
    void fill(float[] w, float[] b, int fanIn, int fanOut, boolean output, SplittableRandom rng) {
      if (output) {
        XAVIER.fill(w, b, fanIn, fanOut, true, rng);
      } else {
        truncatedNormal(w, 1.0 / Math.sqrt(fanOut), rng);
      }
    }
  };

  /**
   * Fills a layer's parameters.
   *
   * @param w fanIn * fanOut weights, row-major (in x out); overwritten
   * @param b fanOut biases, zero on entry
   * @param output whether this is the output layer
   */
  abstract void fill(float[] w, float[] b, int fanIn, int fanOut, boolean output,
      SplittableRandom rng);

  private static void truncatedNormal(float[] values, double std, SplittableRandom rng) {
    for (int i = 0; i < values.length; i++) {
      double z;
      do {
        z = rng.nextGaussian();
      } while (Math.abs(z) > 2);
      values[i] = (float) (std * z);
    }
  }

  private static void uniform(float[] values, double bound, SplittableRandom rng) {
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) ((2.0 * rng.nextDouble() - 1.0) * bound);
    }
  }

  /** The lower-case name used in configuration files and on the command line. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Parses {@code pytorch}, {@code xavier}, {@code he}, {@code truncated-normal} or {@code saxe}
   * (case-insensitive).
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static WeightInit parse(String text) {
    for (WeightInit w : values()) {
      if (w.id().equalsIgnoreCase(text.trim())) {
        return w;
      }
    }
    throw new IllegalArgumentException(
        "unknown weight init '" + text + "': expected one of pytorch, xavier, he, truncated-normal,"
            + " saxe");
  }
}
