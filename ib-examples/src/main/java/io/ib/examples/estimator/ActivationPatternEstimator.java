package io.ib.examples.estimator;

import io.ib.info.EstimatorSpec;
import io.ib.info.LayerSample;
import io.ib.info.binning.BinningEstimator;

/**
 * An example of a user-defined estimator: the <em>activation pattern</em> of a layer. Each unit is
 * reduced to one bit, active (a &gt; threshold) or not, and the layer's d-bit pattern is the symbol.
 * For ReLU networks the pattern names the linear region the input falls in, so H(T) counts how many
 * regions the test set occupies. Spec: {@code activation-pattern[:threshold=0]}.
 *
 * <p>It extends {@link BinningEstimator}, which does the exact symbol counting, and only says how a
 * value becomes a bin. It is registered through {@link ActivationPatternProvider} and
 * {@code META-INF/services/io.ib.info.EstimatorProvider}: with this module's jar on the class path
 * ({@code ./ib sweep --plugin ib-examples/target/ib-examples-VERSION.jar --estimator
 * activation-pattern}) it is known by name.
 */
public final class ActivationPatternEstimator extends BinningEstimator {
  private final double threshold;
  private final EstimatorSpec spec;

  /** @param threshold a unit counts as active above this value (0 for ReLU) */
  public ActivationPatternEstimator(double threshold) {
    if (!Double.isFinite(threshold)) {
      throw new IllegalArgumentException("threshold must be a finite number, got " + threshold);
    }
    this.threshold = threshold;
    this.spec = EstimatorSpec.of("activation-pattern", "threshold", EstimatorSpec.number(threshold));
  }

  @Override
  public EstimatorSpec spec() {
    return spec;
  }

  @Override
  protected void bin(float[] values, int[] bins, LayerSample sample) {
    for (int i = 0; i < values.length; i++) {
      float v = values[i];
      if (!Float.isFinite(v)) {
        throw notFinite(sample, i, v);
      }
      bins[i] = v > threshold ? 1 : 0;
    }
  }
}
