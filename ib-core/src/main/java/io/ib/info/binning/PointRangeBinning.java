package io.ib.info.binning;

import io.ib.info.LayerSample;

/**
 * Whole-layer binning with B equal bins over the layer's own range at this measurement: [min, max]
 * of all its activations on the evaluation set, recomputed at every measurement. The ruler then
 * follows the activations' scale, so comparing it with a fixed ruler ({@code binning:width=W} or
 * {@code binning:bins=B,range=LO:HI}) shows how much of a trend is only the scale growing or
 * shrinking. Spec: {@code binning:bins=B,range=point}. A constant layer is one bin.
 *
 * <p>The bins are {@link FixedRangeBinning}'s over [min, max], with its exact edge rule: the ends
 * are data values, so other values (h / 2 on a range [0, h], quantized levels) often lie exactly
 * on an edge, and such a value falls in the bin that starts there.
 */
public final class PointRangeBinning extends BinCountBinning {
  /** @param bins B &ge; 1 */
  public PointRangeBinning(int bins) {
    super(bins, "range", "point");
  }

  @Override
  protected void bin(float[] values, int[] out, LayerSample sample) {
    binOverOwnRange(bins(), values, out, sample);
  }

  /**
   * B equal bins over [min, max] of the values ({@link FixedRangeBinning}'s rule with that range); a
   * constant layer is one bin. Also what {@link GlobalRangeBinning} does on a single sample.
   */
  static void binOverOwnRange(int bins, float[] values, int[] out, LayerSample sample) {
    sample.finiteActivations(); // throws for NaN or infinite activations
    float lo = Float.POSITIVE_INFINITY;
    float hi = Float.NEGATIVE_INFINITY;
    for (float v : values) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    new FixedRangeBinning(bins, lo, hi > lo ? hi : lo + 1.0).bin(values, out, sample);
  }
}
