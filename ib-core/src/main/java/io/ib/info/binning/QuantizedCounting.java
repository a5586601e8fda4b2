package io.ib.info.binning;

import io.ib.info.EstimatorSpec;
import io.ib.info.LayerSample;
import io.ib.nn.Quantization;

/**
 * Exact information of a quantized layer, by counting: every activation of a layer trained with
 * quantization ({@code --quantize BITS}) is one of 2^bits levels, so T takes finitely many values and
 * I(X;T) = H(T), I(T;Y) = H(T) + H(Y) - H(T,Y) are the plug-in quantities of the empirical
 * distribution over the n evaluation samples, with no bin width, range or variance left to choose
 * (Lorenzen, Igel &amp; Nielsen, ICLR 2022). Each activation is mapped to its level index and the
 * d-tuples of indices are counted exactly.
 *
 * <p>Refused on a layer whose sample does not declare a quantization
 * ({@link LayerSample#quantization()}), such as the logits or any layer of an unquantized network,
 * and on values that are not on the declared levels (more than a hundredth of a level away): either
 * would make the count an estimate of something else. Spec: {@code quantized}, no parameters.
 */
public final class QuantizedCounting extends BinningEstimator {
  private static final EstimatorSpec SPEC = EstimatorSpec.of("quantized");
  // Levels are recomputed in float (their spacing is at least 2^-16 of the range); a hundredth of a
  // level absorbs rounding of the level arithmetic and nothing else.
  private static final double TOLERANCE_IN_LEVELS = 0.01;

  @Override
  public EstimatorSpec spec() {
    return SPEC;
  }

  @Override
  protected void bin(float[] values, int[] bins, LayerSample sample) {
    Quantization q = sample.quantization();
    if (!q.enabled()) {
      throw new IllegalArgumentException("layer " + sample.layer() + " is not quantized: the"
          + " quantized estimator counts exactly on layers of a network trained with --quantize BITS"
          + " (hidden layers and the softmax output, not the logits)");
    }
    sample.finiteActivations();
    double lower = q.lower();
    double inverseStep = 1.0 / q.step();
    int top = q.levels() - 1;
    for (int i = 0; i < values.length; i++) {
      double position = (values[i] - lower) * inverseStep;
      long k = Math.round(position);
      if (k < 0 || k > top || Math.abs(position - k) > TOLERANCE_IN_LEVELS) {
        int d = sample.width();
        throw new IllegalArgumentException("layer " + sample.layer() + " has activation "
            + values[i] + " at row " + i / d + ", unit " + i % d + ", which is not one of the "
            + q.levels() + " levels of its quantization (" + q + ")");
      }
      bins[i] = (int) k;
    }
  }
}
