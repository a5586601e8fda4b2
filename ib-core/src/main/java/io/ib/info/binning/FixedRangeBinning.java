package io.ib.info.binning;

import io.ib.info.EstimatorSpec;
import io.ib.info.LayerSample;

/**
 * Whole-layer binning with B equal bins over a fixed range [lo, hi]: unit value a falls in bin
 * floor((a - lo) / (hi - lo) * B), and values outside the range are clamped into the first or last bin
 * (never wrapped). Spec: {@code binning:bins=B,range=LO:HI}.
 *
 * <p>Beware of ranges that do not cover the activations: a range of [-1, 1] on ReLU units puts
 * everything above 1 into one bin and fakes compression.
 */
public final class FixedRangeBinning extends BinningEstimator {
  private final int bins;
  private final double lo;
  private final double hi;
  private final EstimatorSpec spec;

  /**
   * @param bins B &ge; 1
   * @param lo lower end of the range
   * @param hi upper end, &gt; lo
   */
  public FixedRangeBinning(int bins, double lo, double hi) {
    if (bins < 1) {
      throw new IllegalArgumentException("number of bins must be at least 1, got " + bins);
    }
    if (!Double.isFinite(lo) || !Double.isFinite(hi) || !(hi > lo)) {
      throw new IllegalArgumentException("range must be finite with lo < hi, got " + lo + ":" + hi);
    }
    this.bins = bins;
    this.lo = lo;
    this.hi = hi;
    this.spec = EstimatorSpec.of("binning", "bins", Integer.toString(bins),
        "range", EstimatorSpec.number(lo) + ":" + EstimatorSpec.number(hi));
  }

  /** Number of bins B. */
  public int bins() {
    return bins;
  }

  @Override
  public EstimatorSpec spec() {
    return spec;
  }

  @Override
  protected void bin(float[] values, int[] out, LayerSample sample) {
    // One shared pass; a NaN test accumulated in this loop made it slower than that pass.
    sample.finiteActivations();
    double scale = bins / (hi - lo);
    double last = bins - 1;
    // The clamp is min/max: no branch per value.
    for (int i = 0; i < values.length; i++) {
      out[i] = (int) Math.max(0, Math.min(last, Math.floor((values[i] - lo) * scale)));
    }
  }
}
