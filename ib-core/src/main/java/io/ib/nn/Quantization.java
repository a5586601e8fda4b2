package io.ib.nn;

import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Rint;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Uniform quantization of a layer's activations to 2^bits levels over a fixed range [lower, upper],
 * as in Lorenzen, Igel &amp; Nielsen (ICLR 2022): q(a) = lower + rint((clamp(a) - lower) / step) *
 * step (rint: to the nearest integer, halves to even) with step = (upper - lower) / (2^bits - 1),
 * so both ends of the range are levels. Every
 * quantized layer then takes finitely many values, and I(X;T) = H(T) and I(T;Y) can be counted
 * exactly (the {@code quantized} estimator).
 *
 * <p>Training uses the straight-through estimator: the backward pass treats q as the identity inside
 * the range and as a constant outside it (dq/da = [lower &le; a &le; upper]), so a hidden layer's
 * dL/dZ is dL/dq * f'(z) * [lower &le; f(z) &le; upper]. q itself is piecewise constant, so that
 * is not its derivative (which is 0 almost everywhere) but the standard surrogate.
 *
 * <p>Level k (0 &le; k &lt; 2^bits) is {@link #level(int)}; every quantized value is computed by that
 * formula in the same float arithmetic, so equal levels are equal bits.
 *
 * @param bits bits per activation, in [1, 16]; 0 means no quantization ({@link #NONE})
 * @param lower lower end of the range
 * @param upper upper end, &gt; lower
 */
public record Quantization(int bits, double lower, double upper) {
  /** No quantization: activations stay continuous. */
  public static final Quantization NONE = new Quantization(0, 0, 0);

  /** The most bits per activation. */
  public static final int MAX_BITS = 16;

  public Quantization {
    if (bits != 0) {
      if (bits < 1 || bits > MAX_BITS) {
        throw new IllegalArgumentException("quantization takes 1 to " + MAX_BITS
            + " bits per activation, got " + bits);
      }
      if (!Double.isFinite(lower) || !Double.isFinite(upper) || !(upper > lower)) {
        throw new IllegalArgumentException("a quantization range must be finite with lower < upper,"
            + " got [" + lower + ", " + upper + "]");
      }
    } else if (lower != 0 || upper != 0) {
      throw new IllegalArgumentException("no quantization (0 bits) takes no range");
    }
  }

  /**
   * The paper's fixed range for an activation: [-1, 1] for tanh, [0, {@value #RELU_UPPER}] for
   * ReLU (the bound of ReLU6, the usual fixed range of quantized ReLU layers). Linear layers have no
   * natural range: give one with {@link #Quantization(int, double, double)}.
   *
   * @throws IllegalArgumentException for a linear activation
   */
  public static Quantization of(int bits, Activation activation) {
    return switch (activation) {
      case TANH -> new Quantization(bits, -1, 1);
      case RELU -> new Quantization(bits, 0, RELU_UPPER);
      case LINEAR -> throw new IllegalArgumentException("linear layers have no fixed range to"
          + " quantize over: give one (--quantize-range LO:HI)");
    };
  }

  /** Upper end of the default range of quantized ReLU layers. */
  public static final double RELU_UPPER = 6.0;

  /** The same levels over [0, 1]: the range of the softmax output. */
  public Quantization forProbabilities() {
    return enabled() ? new Quantization(bits, 0, 1) : NONE;
  }

  /** True if activations are quantized. */
  public boolean enabled() {
    return bits > 0;
  }

  /** Number of levels, 2^bits. */
  public int levels() {
    return 1 << bits;
  }

  /** Distance between neighbouring levels. */
  public double step() {
    return (upper - lower) / (levels() - 1);
  }

  /** The value of level k, in float, exactly as {@link #applyInPlace} computes it on floats. */
  public float level(int k) {
    return (float) k * (float) step() + (float) lower;
  }

  /**
   * Replaces every element by its quantized value. Whole-array operations in the array's type
   * (the scalars are converted to it): clamp to the range, shift and scale to level units, round,
   * and back.
   */
  public void applyInPlace(INDArray a) {
    if (!enabled()) {
      return;
    }
    double step = step();
    Transforms.min(Transforms.max(a, lower, false), upper, false);
    a.subi(lower).divi(step);
    Nd4j.exec(new Rint(a, a)); // half to even; Transforms.round was several times slower
    a.muli(step).addi(lower);
  }

  /**
   * The straight-through mask: multiplies {@code grad} by [lower &le; a &le; upper] for the
   * unquantized activations {@code a}, in place. Bounds that an activation cannot cross (tanh's
   * range [-1, 1], ReLU's lower end 0) are skipped.
   *
   * @param scratch an array of a's shape, overwritten
   */
  public void maskOutsideRange(INDArray a, INDArray grad, INDArray scratch, Activation activation) {
    if (!enabled()) {
      return;
    }
    boolean lowerBinds = !(activation == Activation.TANH && lower <= -1)
        && !(activation == Activation.RELU && lower <= 0);
    boolean upperBinds = !(activation == Activation.TANH && upper >= 1);
    if (upperBinds) {
      scratch.assign(a).subi(upper); // a - upper > 0 outside
      Nd4j.exec(new Step(scratch, scratch, 0.0));
      grad.muli(scratch.rsubi(1.0));
    }
    if (lowerBinds) {
      scratch.assign(a).rsubi(lower); // lower - a > 0 outside
      Nd4j.exec(new Step(scratch, scratch, 0.0));
      grad.muli(scratch.rsubi(1.0));
    }
  }

  /** A short description such as {@code 8 bits over [-1, 1]}, or {@code none}. */
  @Override
  public String toString() {
    return enabled() ? String.format(Locale.ROOT, "%d bits over [%s, %s]", bits, num(lower),
        num(upper)) : "none";
  }

  private static String num(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
