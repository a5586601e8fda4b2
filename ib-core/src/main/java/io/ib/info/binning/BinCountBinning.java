package io.ib.info.binning;

import io.ib.info.EstimatorSpec;

/**
 * Base of the whole-layer binnings with B bins per unit, spec {@code binning:bins=B,KEY=VALUE}: the
 * one home of B, its check and the spec, so that each subclass holds only its rule for the bins
 * ({@code range=LO:HI}, {@code range=global}, {@code range=point} or {@code edges=quantile}).
 */
abstract class BinCountBinning extends BinningEstimator {
  private final int bins;
  private final EstimatorSpec spec;

  /**
   * @param bins B &ge; 1
   * @param ruleKey the spec's second parameter, e.g. {@code range}
   * @param ruleValue its value, e.g. {@code point}
   * @throws IllegalArgumentException if B &lt; 1
   */
  BinCountBinning(int bins, String ruleKey, String ruleValue) {
    this.bins = requireBins(bins);
    this.spec = EstimatorSpec.of("binning", "bins", Integer.toString(bins), ruleKey, ruleValue);
  }

  /**
   * Returns B if it is at least 1, for subclasses that must check it before their other
   * parameters.
   *
   * @throws IllegalArgumentException if B &lt; 1
   */
  static int requireBins(int bins) {
    if (bins < 1) {
      throw new IllegalArgumentException("number of bins must be at least 1, got " + bins);
    }
    return bins;
  }

  /** Number of bins per unit B. */
  public final int bins() {
    return bins;
  }

  @Override
  public final EstimatorSpec spec() {
    return spec;
  }
}
