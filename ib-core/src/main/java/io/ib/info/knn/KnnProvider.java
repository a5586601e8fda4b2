package io.ib.info.knn;

import io.ib.info.EstimatorProvider;
import io.ib.info.EstimatorSpec;
import io.ib.info.Estimators;
import io.ib.info.MutualInformationEstimator;
import java.util.List;

/**
 * Builds the k-nearest-neighbour estimators, {@link KnnEstimator}: {@code knn} is
 * {@code knn:k=3,variant=1}; {@code knn:k=K} and {@code knn:k=K,variant=2} set the number of
 * neighbours and the KSG variant. The spec written into results always names both parameters.
 */
public final class KnnProvider implements EstimatorProvider {
  @Override
  public String name() {
    return "knn";
  }

  @Override
  public String usage() {
    return "knn[:k=K,variant=1|2] (k-nearest neighbours, whole layer: I(X;T) by Kraskov-Stoegbauer-"
        + "Grassberger against the inputs, max-norm of Euclidean distances; I(T;Y) by Ross's mixed"
        + " estimator, not clamped at 0; default k = " + KnnEstimator.DEFAULT_K + ", variant "
        + KnnEstimator.DEFAULT_VARIANT + ")";
  }

  @Override
  public MutualInformationEstimator create(EstimatorSpec spec) {
    Estimators.requireKnownParameters(spec, List.of("k", "variant"));
    int k = Estimators.integer(spec, "k", KnnEstimator.DEFAULT_K, 1, KnnEstimator.MAX_K);
    int variant = Estimators.integer(spec, "variant", KnnEstimator.DEFAULT_VARIANT, 1, 2);
    return KnnEstimator.of(k, variant);
  }
}
