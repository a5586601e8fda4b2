package io.ib.info.binning;

import io.ib.info.EstimatorSpec;
import io.ib.info.InformationEstimate;
import io.ib.info.LayerSample;
import io.ib.info.MutualInformationEstimator;
import io.ib.info.RangeBasedEstimator;

/**
 * Whole-layer binning with B equal bins over a range shared by all points of a sweep: the minimum and
 * maximum of a layer's activations over every epoch, width and seed, so every point is measured with
 * the same ruler. Spec: {@code binning:bins=B,range=global}.
 *
 * <p>With the range [lo, hi] it computes exactly what {@link FixedRangeBinning} computes with that
 * range (a test checks that the two coincide). A range of zero width (lo = hi: every activation equal)
 * puts everything in one bin.
 */
public final class GlobalRangeBinning extends BinCountBinning implements RangeBasedEstimator {
  /** @param bins B &ge; 1 */
  public GlobalRangeBinning(int bins) {
    super(bins, "range", "global");
  }

  @Override
  public MutualInformationEstimator withRange(double lo, double hi) {
    if (!Double.isFinite(lo) || !Double.isFinite(hi) || hi < lo) {
      throw new IllegalArgumentException("range must be finite with lo <= hi, got " + lo + ":" + hi);
    }
    // A zero-width range (constant activations) becomes one bin of any width.
    FixedRangeBinning fixed = new FixedRangeBinning(bins(), lo, hi > lo ? hi : lo + 1);
    EstimatorSpec spec = spec();
    return new MutualInformationEstimator() {
      @Override
      public EstimatorSpec spec() {
        return spec;
      }

      @Override
      public InformationEstimate estimate(LayerSample sample) {
        InformationEstimate e = fixed.estimate(sample);
        return new InformationEstimate(spec, e.ixtBits(), e.ityBits(), e.htBits(), e.n(), e.hyBits());
      }
    };
  }

  @Override
  protected void bin(float[] values, int[] out, LayerSample sample) {
    PointRangeBinning.binOverOwnRange(bins(), values, out, sample);
  }
}
