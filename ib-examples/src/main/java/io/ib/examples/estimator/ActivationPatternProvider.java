package io.ib.examples.estimator;

import io.ib.info.EstimatorProvider;
import io.ib.info.EstimatorSpec;
import io.ib.info.Estimators;
import io.ib.info.MutualInformationEstimator;
import java.util.List;

/** Makes {@link ActivationPatternEstimator} available by name; listed in META-INF/services. */
public final class ActivationPatternProvider implements EstimatorProvider {
  @Override
  public String name() {
    return "activation-pattern";
  }

  @Override
  public String usage() {
    return "activation-pattern[:threshold=0] (example user estimator: the layer's on/off pattern)";
  }

  @Override
  public MutualInformationEstimator create(EstimatorSpec spec) {
    Estimators.requireKnownParameters(spec, List.of("threshold"));
    return new ActivationPatternEstimator(
        spec.get("threshold").isEmpty() ? 0 : Estimators.number(spec, "threshold"));
  }
}
