package io.ib.info.perunit;

import io.ib.info.EstimatorProvider;
import io.ib.info.EstimatorSpec;
import io.ib.info.Estimators;
import io.ib.info.MutualInformationEstimator;
import io.ib.info.ResolutionSweep;
import java.util.List;

/** Builds {@code per-unit[:bins=30,units=50]}, the notebook reproduction. */
public final class PerUnitProvider implements EstimatorProvider {
  /** The provider, as {@link java.util.ServiceLoader} makes it. */
  public PerUnitProvider() {}

  @Override
  public String name() {
    return "per-unit";
  }

  @Override
  public String usage() {
    return "per-unit[:bins=30,units=50] (the original notebook's method: MI of pixel i with unit i,"
        + " averaged; not a whole-layer estimate)";
  }

  @Override
  public MutualInformationEstimator create(EstimatorSpec spec) {
    Estimators.requireKnownParameters(spec, List.of("bins", "units"));
    return ResolutionSweep.expand(spec, "bins", this::createSingle);
  }

  private MutualInformationEstimator createSingle(EstimatorSpec spec) {
    return new PerUnitEstimator(Estimators.integer(spec, "bins", 30, 1, 1 << 16),
        Estimators.integer(spec, "units", 50, 1, 1 << 20));
  }
}
