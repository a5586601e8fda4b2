package io.ib.info.binning;

import io.ib.info.EstimatorProvider;
import io.ib.info.EstimatorSpec;
import io.ib.info.Estimators;
import io.ib.info.MutualInformationEstimator;
import io.ib.info.ResolutionSweep;
import java.util.List;

/**
 * Builds {@code binning:width=W}, {@code binning:bins=B,range=LO:HI},
 * {@code binning:bins=B,range=global} (one range over the whole sweep, {@link GlobalRangeBinning}),
 * {@code binning:bins=B,range=point} (the layer's range at each measurement,
 * {@link PointRangeBinning})
 * and {@code binning:bins=B,edges=quantile} (equal-mass bins, {@link AdaptiveBinning}).
 */
public final class BinningProvider implements EstimatorProvider {
  /** The provider, as {@link java.util.ServiceLoader} makes it. */
  public BinningProvider() {}

  @Override
  public String name() {
    return "binning";
  }

  @Override
  public String usage() {
    return "binning[:width=W] (whole layer, bin width W, no range; default W = "
        + EstimatorSpec.number(FixedWidthBinning.DEFAULT_WIDTH) + ") | binning:bins=B,range=LO:HI"
        + " (whole layer, B bins over [LO, HI], values outside clamped) | binning:bins=B,range=global"
        + " (the range of each layer over all epochs, widths and seeds of the sweep) |"
        + " binning:bins=B,range=point (the layer's own min-max range at each measurement) |"
        + " binning:bins=B,edges=quantile (whole layer, B equal-mass bins per unit, edges at"
        + " quantiles of its values). A list of widths or bin counts (width=0.5,1,2) gives one"
        + " estimate per item";
  }

  @Override
  public MutualInformationEstimator create(EstimatorSpec spec) {
    Estimators.requireKnownParameters(spec, List.of("width", "bins", "range", "edges"));
    // A list of widths or of bin counts is a resolution sweep: one estimate per item.
    String key = spec.get("width").isPresent() ? "width" : "bins";
    return ResolutionSweep.expand(spec, key, this::createSingle);
  }

  private MutualInformationEstimator createSingle(EstimatorSpec spec) {
    if (spec.get("edges").isPresent()) {
      return createAdaptive(spec);
    }
    boolean hasWidth = spec.get("width").isPresent();
    boolean hasBins = spec.get("bins").isPresent() || spec.get("range").isPresent();
    if (!hasWidth && !hasBins) {
      return new FixedWidthBinning(FixedWidthBinning.DEFAULT_WIDTH);
    }
    if (hasWidth == hasBins) {
      throw new IllegalArgumentException("binning needs either width=W or bins=B,range=LO:HI, got '"
          + spec + "'");
    }
    if (hasWidth) {
      return new FixedWidthBinning(Estimators.number(spec, "width"));
    }
    String range = spec.get("range").orElse(null);
    if (range == null || spec.get("bins").isEmpty()) {
      throw new IllegalArgumentException("binning with bins= also needs range=LO:HI (and vice versa), got '"
          + spec + "'");
    }
    if (range.equals("point")) {
      return new PointRangeBinning(bins(spec));
    }
    if (range.equals("global")) {
      return new GlobalRangeBinning(bins(spec));
    }
    int colon = range.indexOf(':', 1);
    if (colon < 0) {
      throw new IllegalArgumentException("range must be LO:HI (e.g. 0:10), global or point, got '"
          + range + "'");
    }
    double lo = Estimators.finiteNumber(range.substring(0, colon), "lower end of binning range");
    double hi = Estimators.finiteNumber(range.substring(colon + 1), "upper end of binning range");
    return new FixedRangeBinning(bins(spec), lo, hi);
  }

  /** Parameter bins as an integer in [1, 2^20]. */
  private static int bins(EstimatorSpec spec) {
    return Estimators.integer(spec, "bins", 0, 1, 1 << 20);
  }

  private static MutualInformationEstimator createAdaptive(EstimatorSpec spec) {
    String edges = spec.get("edges").orElse(null);
    if (!edges.equals("quantile")) {
      throw new IllegalArgumentException("parameter edges of estimator binning must be quantile"
          + " (equal-mass bins), got '" + edges + "'");
    }
    if (spec.get("width").isPresent() || spec.get("range").isPresent()) {
      throw new IllegalArgumentException("binning with edges=quantile takes bins=B only, not width="
          + " or range=, got '" + spec + "'");
    }
    if (spec.get("bins").isEmpty()) {
      throw new IllegalArgumentException(
          "binning with edges=quantile needs bins=B, got '" + spec + "'");
    }
    return new AdaptiveBinning(bins(spec));
  }
}
