package io.ib.info.binning;

import io.ib.info.EstimatorSpec;
import io.ib.info.LayerSample;

/**
 * Whole-layer binning with a fixed bin width w: unit value a falls in bin floor(a / w). No range is
 * needed, so it suits unbounded activations such as ReLU, and the ruler is the same at every epoch and
 * for every width. Spec: {@code binning:width=W}; plain {@code binning} means
 * {@code binning:width=}{@value #DEFAULT_WIDTH}.
 */
public final class FixedWidthBinning extends BinningEstimator {
  /**
   * The default bin width, in activation units. Chosen from a resolution scan of the default MNIST
   * sweep (ReLU, 10 epochs): at width 4 the trained bottlenecks separate (about 10 bits for k = 5
   * against 13 for k = 20 and 100) and the untrained network starts near 0, while at widths of 1 or
   * less every test image has its own bin after the first epoch for k &ge; 20, so every capacity
   * shows log2 n. It is a property of that setup, not a universal constant: scan resolutions for
   * other networks.
   */
  public static final double DEFAULT_WIDTH = 4.0;

  private final double width;
  private final EstimatorSpec spec;

  /**
   * @param width bin width w &gt; 0, in activation units
   * @throws IllegalArgumentException if w is not a positive finite number
   */
  public FixedWidthBinning(double width) {
    if (!(width > 0) || Double.isInfinite(width)) {
      throw new IllegalArgumentException("bin width must be a positive number, got " + width);
    }
    this.width = width;
    this.spec = EstimatorSpec.of("binning", "width", EstimatorSpec.number(width));
  }

  /** The bin width. */
  public double width() {
    return width;
  }

  @Override
  public EstimatorSpec spec() {
    return spec;
  }

  @Override
  protected void bin(float[] values, int[] bins, LayerSample sample) {
    // An index that does not survive the int cast (NaN, infinity, 2^31 bins or more from 0) is
    // caught once after the loop: a branch per value made the loop more than twice as slow, and a
    // separate finiteness pass would add about a tenth to the common non-negative case.
    boolean fits = true;
    boolean powerOfTwo = width == Math.scalb(1.0, Math.getExponent(width));
    if (powerOfTwo && Math.abs(Math.getExponent(width)) <= 100 && binNonNegative(values, bins)) {
      return;
    }
    if (powerOfTwo) {
      // A power of two (the default, 4): multiplying by its inverse is exact, like dividing, and
      // several times cheaper.
      double inverse = 1.0 / width;
      for (int i = 0; i < values.length; i++) {
        double index = Math.floor(values[i] * inverse);
        bins[i] = (int) index;
        fits &= bins[i] == index;
      }
    } else {
      for (int i = 0; i < values.length; i++) {
        double index = Math.floor(values[i] / width);
        bins[i] = (int) index;
        fits &= bins[i] == index;
      }
    }
    if (!fits) {
      sample.finiteActivations(); // throws if the cause is a NaN or infinite activation
      throw new IllegalArgumentException("an activation of layer " + sample.layer() + " is more"
          + " than 2^31 bins of width " + width + " from 0: use a wider bin");
    }
  }

  /**
   * The common case of non-negative activations (ReLU) and a power-of-two width, in float: v times
   * the inverse width is exact (a power of two; a product below 2^-126 may round, but it stays in
   * [0, 1), bin 0, either way), and for v &ge; 0 truncation is the floor. Without the floor and the
   * double conversion the loop is 2-3 times faster.
   *
   * @return false, leaving {@code bins} to the general path, if a value is negative or NaN or a bin
   *     index would not fit an int
   */
  private boolean binNonNegative(float[] values, int[] bins) {
    float inverse = (float) (1.0 / width);
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    for (float v : values) {
      min = Math.min(min, v); // NaN propagates and fails the test below
      max = Math.max(max, v);
    }
    if (!(min >= 0) || !(max * inverse < 2.0e9f)) {
      return false;
    }
    for (int i = 0; i < values.length; i++) {
      bins[i] = (int) (values[i] * inverse);
    }
    return true;
  }
}
