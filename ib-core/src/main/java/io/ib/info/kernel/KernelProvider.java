package io.ib.info.kernel;

import io.ib.info.EstimatorProvider;
import io.ib.info.EstimatorSpec;
import io.ib.info.Estimators;
import io.ib.info.MutualInformationEstimator;
import java.util.List;

/**
 * Builds the kernel (pairwise-distance) bounds, {@link KernelEstimator}:
 * <ul>
 *   <li>{@code kernel} = {@code kernel:s2=}{@link KernelEstimator#DEFAULT_NOISE_VARIANCE}: both
 *       bounds;
 *   <li>{@code kernel:s2=S}: both bounds at noise variance S, two estimates
 *       ({@code kernel:bound=upper,s2=S} and {@code kernel:bound=lower,s2=S});
 *   <li>{@code kernel:bound=upper,s2=S} or {@code bound=lower}: that bound only;
 *   <li>{@code kernel:s2=S1,S2,...} (optionally with {@code bound=}): every listed S, computed in
 *       one pass over the distances, members ordered by S as listed, upper before lower.
 * </ul>
 * Numbers are written in canonical form ({@link EstimatorSpec#number}), so {@code s2=0.10} is
 * {@code s2=0.1}; parameter order is {@code bound}, then {@code s2}.
 */
public final class KernelProvider implements EstimatorProvider {
  /** The provider, as {@link java.util.ServiceLoader} makes it. */
  public KernelProvider() {}

  @Override
  public String name() {
    return "kernel";
  }

  @Override
  public String usage() {
    return "kernel[:bound=upper|lower,s2=S] (Kolchinsky-Tracey pairwise-distance bounds on"
        + " I(X;T+Z), Z ~ N(0, S I), whole layer; default S = "
        + EstimatorSpec.number(KernelEstimator.DEFAULT_NOISE_VARIANCE)
        + "; without bound= both bounds). A list s2=0.01,0.1,1 gives every S from one pass";
  }

  @Override
  public MutualInformationEstimator create(EstimatorSpec spec) {
    Estimators.requireKnownParameters(spec, List.of("bound", "s2"));
    List<String> items = spec.list("s2");
    double[] s2 = new double[Math.max(1, items.size())];
    if (items.isEmpty()) {
      s2[0] = KernelEstimator.DEFAULT_NOISE_VARIANCE;
    }
    for (int i = 0; i < items.size(); i++) {
      s2[i] = Estimators.finiteNumber(items.get(i), "parameter s2 of estimator kernel");
    }
    String bound = spec.get("bound").orElse(null);
    return bound == null
        ? KernelEstimator.of(s2)
        : KernelEstimator.of(KernelBound.fromSpecValue(bound), s2);
  }
}
