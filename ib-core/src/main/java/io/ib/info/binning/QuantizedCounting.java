package io.ib.info.binning;

import io.ib.info.EstimatorSpec;
import io.ib.info.LayerSample;
import io.ib.info.UniformLevels;

/**
 * Exact information of a quantized layer, by counting: every activation of a layer trained with
 * quantization ({@code --quantize BITS}) is one of 2^bits levels, so T takes finitely many values and
 * I(X;T) = H(T), I(T;Y) = H(T) + H(Y) - H(T,Y) are the plug-in quantities of the empirical
 * distribution over the n evaluation samples, with no bin width, range or variance left to choose
 * (Lorenzen, Igel &amp; Nielsen, ICLR 2022). Each activation is mapped to its level index and the
 * d-tuples of indices are counted exactly.
 *
 * <p>Refused on a layer whose sample does not declare a quantization
 * ({@link LayerSample#levels()}), such as the logits or any layer of an unquantized network,
 * and on values that are not on the declared levels (more than a hundredth of a level away): either
 * would make the count an estimate of something else. Spec: {@code quantized}, no parameters.
 */
public final class QuantizedCounting extends BinningEstimator {
  /** The exact count of a quantized layer's level tuples. */
  public QuantizedCounting() {}

  private static final EstimatorSpec SPEC = EstimatorSpec.of("quantized");
  // Levels are computed in float (with up to 2^16 levels); a hundredth of a level absorbs the
  // rounding of that arithmetic and nothing else.
  private static final double TOLERANCE_IN_LEVELS = 0.01;

  @Override
  public EstimatorSpec spec() {
    return SPEC;
  }

  @Override
  protected void bin(float[] values, int[] bins, LayerSample sample) {
    UniformLevels q = sample.levels();
    if (!q.discrete()) {
      throw new IllegalArgumentException("layer " + sample.layer() + " is not quantized: the"
          + " quantized estimator counts exactly on layers of a network trained with --quantize BITS"
          + " (hidden layers and the softmax output, not the logits)");
    }
    sample.finiteActivations();
    double lower = q.lower();
    double inverseStep = 1.0 / q.step();
    int top = q.count() - 1;
    for (int i = 0; i < values.length; i++) {
      double position = (values[i] - lower) * inverseStep;
      long k = Math.round(position);
      if (k < 0 || k > top || Math.abs(position - k) > TOLERANCE_IN_LEVELS) {
        int d = sample.width();
        throw new IllegalArgumentException("layer " + sample.layer() + " has activation "
            + values[i] + " at row " + i / d + ", unit " + i % d + ", which is not one of its "
            + q);
      }
      bins[i] = (int) k;
    }
  }
}
