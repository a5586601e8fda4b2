package io.ib.info.noise;

import io.ib.info.NoisyLayer;
import java.util.function.IntFunction;

/**
 * Noise models for tests: fixed centres (a first layer), centres drawn per propagation, or Gaussian
 * dropout on fixed centres.
 */
final class FixedNoise {
  private FixedNoise() {}

  /** A first noisy layer whose centres are these values. */
  static NoisyLayer of(float[] centres, double beta) {
    return new NoisyLayer() {
      @Override
      public double beta() {
        return beta;
      }

      @Override
      public float[] centres(int draw) {
        return centres;
      }

      @Override
      public boolean fixedCentres() {
        return true;
      }
    };
  }

  /** A deeper layer whose centres of draw k are {@code draws.apply(k)}. */
  static NoisyLayer propagated(IntFunction<float[]> draws, double beta) {
    return new NoisyLayer() {
      @Override
      public double beta() {
        return beta;
      }

      @Override
      public float[] centres(int draw) {
        return draws.apply(draw);
      }

      @Override
      public boolean fixedCentres() {
        return false;
      }
    };
  }

  /** Gaussian dropout of variance alpha on a layer whose centres are these values. */
  static NoisyLayer dropout(float[] centres, double alpha) {
    return new NoisyLayer() {
      @Override
      public double beta() {
        return Math.sqrt(alpha);
      }

      @Override
      public boolean multiplicative() {
        return true;
      }

      @Override
      public float[] centres(int draw) {
        return centres;
      }

      @Override
      public boolean fixedCentres() {
        return true;
      }
    };
  }
}
