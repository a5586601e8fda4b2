package io.ib.info.binning;

import io.ib.info.EstimatorProvider;
import io.ib.info.EstimatorSpec;
import io.ib.info.Estimators;
import io.ib.info.MutualInformationEstimator;
import io.ib.info.ResolutionSweep;
import java.util.List;

/** Builds {@code digitize[:edges=E,range=LO:HI]}, IDNNs' binning ({@link DigitizeBinning}). */
public final class DigitizeProvider implements EstimatorProvider {
  /** The provider, as {@link java.util.ServiceLoader} makes it. */
  public DigitizeProvider() {}

  @Override
  public String name() {
    return "digitize";
  }

  @Override
  public String usage() {
    return "digitize[:edges=30,range=-1:1] (whole layer, binned as the IDNNs code of Shwartz-Ziv &"
        + " Tishby does: np.digitize with E edges over [LO, HI]; values above HI share one bin, so"
        + " ReLU layers look compressed). A list edges=10,30 gives one estimate per item";
  }

  @Override
  public MutualInformationEstimator create(EstimatorSpec spec) {
    Estimators.requireKnownParameters(spec, List.of("edges", "range"));
    return ResolutionSweep.expand(spec, "edges", this::createSingle);
  }

  private MutualInformationEstimator createSingle(EstimatorSpec spec) {
    int edges = Estimators.integer(spec, "edges", 30, 2, 1 << 20);
    String range = spec.get("range").orElse("-1:1");
    int colon = range.indexOf(':', 1);
    if (colon < 0) {
      throw new IllegalArgumentException("range must be LO:HI, e.g. -1:1, got '" + range + "'");
    }
    return new DigitizeBinning(edges,
        Estimators.finiteNumber(range.substring(0, colon), "lower end of the digitize range"),
        Estimators.finiteNumber(range.substring(colon + 1), "upper end of the digitize range"));
  }
}
