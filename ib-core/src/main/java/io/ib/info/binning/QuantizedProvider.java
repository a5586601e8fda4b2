package io.ib.info.binning;

import io.ib.info.EstimatorProvider;
import io.ib.info.EstimatorSpec;
import io.ib.info.Estimators;
import io.ib.info.MutualInformationEstimator;
import java.util.List;

/** Builds {@code quantized}, exact counting on quantized layers ({@link QuantizedCounting}). */
public final class QuantizedProvider implements EstimatorProvider {
  /** The provider, as {@link java.util.ServiceLoader} makes it. */
  public QuantizedProvider() {}

  @Override
  public String name() {
    return "quantized";
  }

  @Override
  public String usage() {
    return "quantized (exact I(X;T) = H(T) and I(T;Y) by counting, on the layers of a network"
        + " trained with --quantize BITS; no parameters)";
  }

  @Override
  public MutualInformationEstimator create(EstimatorSpec spec) {
    Estimators.requireKnownParameters(spec, List.of());
    return new QuantizedCounting();
  }
}
