package io.ib.info;

/**
 * An estimator whose ruler is a value range shared by every point being compared, e.g. binning over
 * the range of a layer's activations across all epochs, widths and seeds of a sweep. The sweep (or
 * {@code ib analyze}) first scans every saved activation of a layer for its minimum and maximum, then
 * estimates each point with {@link #withRange}.
 *
 * <p>On its own, {@link #estimate} uses the range of the one sample it is given (the "global" range of
 * a sweep with a single point).
 */
public interface RangeBasedEstimator extends MutualInformationEstimator {
  /**
   * The estimator with its range fixed; its spec stays this estimator's spec, so that rows name the
   * rule ({@code range=global}) while the manifest records the range used.
   *
   * @param lo smallest activation over everything compared
   * @param hi largest activation over everything compared (may equal lo)
   */
  MutualInformationEstimator withRange(double lo, double hi);
}
