package io.ib.info.knn;

import io.ib.info.EstimatorProvider;
import io.ib.info.EstimatorSpec;
import io.ib.info.Estimators;
import io.ib.info.MutualInformationEstimator;
import java.util.List;

/**
 * Builds the k-nearest-neighbour estimators, {@link KnnEstimator}: {@code knn} is
 * {@code knn:k=3,variant=1,scale=none}; {@code k=K}, {@code variant=2} and {@code scale=sd} set the
 * number of neighbours, the KSG variant and the scaling of each space ({@link KnnScale}). The spec
 * written into results always names every parameter, in the order k, variant, scale.
 */
public final class KnnProvider implements EstimatorProvider {
  /** The provider, as {@link java.util.ServiceLoader} makes it. */
  public KnnProvider() {}

  @Override
  public String name() {
    return "knn";
  }

  @Override
  public String usage() {
    return "knn[:k=K,variant=1|2,scale=none|sd] (k-nearest neighbours, whole layer: I(X;T) by"
        + " Kraskov-Stoegbauer-Grassberger against the inputs, max-norm of Euclidean distances, each"
        + " space raw or divided by its total sd; I(T;Y) by Ross's mixed estimator, not clamped at 0;"
        + " default k = " + KnnEstimator.DEFAULT_K + ", variant " + KnnEstimator.DEFAULT_VARIANT
        + ", scale none)";
  }

  @Override
  public MutualInformationEstimator create(EstimatorSpec spec) {
    Estimators.requireKnownParameters(spec, List.of("k", "variant", "scale"));
    int k = Estimators.integer(spec, "k", KnnEstimator.DEFAULT_K, 1, KnnEstimator.MAX_K);
    int variant = Estimators.integer(spec, "variant", KnnEstimator.DEFAULT_VARIANT, 1, 2);
    String scale = spec.get("scale").orElse(null);
    return KnnEstimator.of(k, variant,
        scale == null ? KnnScale.NONE : KnnScale.fromSpecValue(scale));
  }
}
