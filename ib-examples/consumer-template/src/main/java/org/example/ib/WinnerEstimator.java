package org.example.ib;

import io.ib.info.EstimatorSpec;
import io.ib.info.InformationEstimate;
import io.ib.info.LayerSample;
import io.ib.info.MutualInformationEstimator;
import java.util.HashMap;
import java.util.Map;

/**
 * A user's estimator: a layer T reduced to its most active unit (the "winner"), a discrete variable
 * W = argmax_j T_j, and the plug-in estimates I(X;W) = H(W) (W is a function of X) and I(W;Y), in bits.
 * W is coarser than T, so these are lower bounds of a deterministic layer's plug-in values.
 */
public final class WinnerEstimator implements MutualInformationEstimator {
  @Override
  public EstimatorSpec spec() {
    return EstimatorSpec.of("winner");
  }

  @Override
  public InformationEstimate estimate(LayerSample sample) {
    float[] t = sample.finiteActivations(); // n x d, row-major; rejects NaN/inf with a clear message
    int n = sample.size();
    int d = sample.width();
    int[] y = sample.labels();
    Map<Integer, Integer> winners = new HashMap<>();
    Map<Long, Integer> joint = new HashMap<>();
    Map<Integer, Integer> labels = new HashMap<>();
    for (int i = 0; i < n; i++) {
      int best = 0;
      for (int j = 1; j < d; j++) {
        if (t[i * d + j] > t[i * d + best]) {
          best = j;
        }
      }
      winners.merge(best, 1, Integer::sum);
      labels.merge(y[i], 1, Integer::sum);
      joint.merge(((long) best << 32) | y[i], 1, Integer::sum);
    }
    double hw = entropy(winners.values(), n);
    double ity = hw + entropy(labels.values(), n) - entropy(joint.values(), n);
    return new InformationEstimate(spec(), hw, ity, hw, n, sample.labelEntropyBits());
  }

  /** Plug-in entropy of counts summing to n, in bits. */
  static double entropy(Iterable<Integer> counts, int n) {
    double h = 0;
    for (int c : counts) {
      double p = c / (double) n;
      h -= p * Math.log(p) / Math.log(2);
    }
    return h;
  }
}
