package io.ib.info;

/**
 * The estimator skeleton of docs/estimators.md, filled in the way a user would, passes the contract:
 * reading the activations through {@link LayerSample#finiteActivations()} is all it takes to reject
 * NaN and infinite activations with the message the contract asks for.
 */
class UserEstimatorSkeletonTest extends EstimatorContract {
  /** The skeleton's {@code MyEstimator}: T is the number of positive units of a row, capped at k. */
  static final class MyEstimator implements MutualInformationEstimator {
    private static final int K = 3;

    @Override
    public EstimatorSpec spec() {
      return EstimatorSpec.of("my-estimator", "k", Integer.toString(K));
    }

    @Override
    public InformationEstimate estimate(LayerSample sample) {
      float[] t = sample.finiteActivations();
      int[] y = sample.labels();
      int n = sample.size();
      int d = sample.width();
      int[] symbols = new int[n];
      for (int i = 0; i < n; i++) {
        int positive = 0;
        for (int u = 0; u < d; u++) {
          positive += t[i * d + u] > 0 ? 1 : 0;
        }
        symbols[i] = Math.min(K, positive);
      }
      double ixt = Entropy.ofSymbols(symbols, K + 1);
      double ity = Entropy.mutualInformation(symbols, K + 1, y, sample.numClasses());
      return new InformationEstimate(spec(), ixt, ity, Double.NaN, sample.size(),
          sample.labelEntropyBits());
    }
  }

  @Override
  protected MutualInformationEstimator estimator() {
    return new MyEstimator();
  }
}
