package org.example.ib;

import io.ib.info.EstimatorProvider;
import io.ib.info.EstimatorSpec;
import io.ib.info.Estimators;
import io.ib.info.MutualInformationEstimator;
import java.util.List;

/**
 * Makes {@link WinnerEstimator} known by name ({@code Estimators.parse("winner")}, and
 * {@code ib sweep --plugin this.jar --estimator winner}); listed in
 * {@code META-INF/services/io.ib.info.EstimatorProvider}.
 */
public final class WinnerProvider implements EstimatorProvider {
  @Override
  public String name() {
    return "winner";
  }

  @Override
  public String usage() {
    return "winner (the index of the most active unit, counted exactly)";
  }

  @Override
  public MutualInformationEstimator create(EstimatorSpec spec) {
    Estimators.requireKnownParameters(spec, List.of());
    return new WinnerEstimator();
  }
}
