package io.ib.nn;

import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Element-wise activation of a hidden layer.
 *
 * <p>The backward pass is expressed through the layer's <em>output</em> A = f(Z), so the pre-activation
 * does not have to be kept: ReLU'(z) = [a &gt; 0], tanh'(z) = 1 - a&sup2;, linear'(z) = 1.
 */
public enum Activation {
  /** f(z) = max(0, z). */
  RELU {
    @Override
    Runnable prepareApply(INDArray z) {
      return PreparedOp.legacy(new RectifiedLinear(z, z)); // Transforms.relu(z, false)
    }

    @Override
    Runnable prepareMultiplyByDerivative(INDArray a, INDArray grad, INDArray scratch) {
      // A 0/1 mask and a multiply: 19 us prepared on 256 x 256, against 150 us for a prepared
      // relu_bp and 170-530 us for ThresholdReluBp.
      Runnable mask = PreparedOp.legacy(new Step(a, scratch, 0.0));
      Runnable multiply = PreparedOp.multiply(grad, scratch);
      return () -> {
        mask.run();
        multiply.run();
      };
    }
  },
  /** f(z) = tanh(z). */
  TANH {
    @Override
    Runnable prepareApply(INDArray z) {
      return () -> Transforms.tanh(z, false);
    }

    @Override
    Runnable prepareMultiplyByDerivative(INDArray a, INDArray grad, INDArray scratch) {
      return () -> grad.muli(scratch.assign(a).muli(a).rsubi(1.0));
    }
  },
  /** f(z) = z. */
  LINEAR {
    @Override
    Runnable prepareApply(INDArray z) {
      return () -> {}; // identity
    }

    @Override
    Runnable prepareMultiplyByDerivative(INDArray a, INDArray grad, INDArray scratch) {
      return () -> {}; // the derivative is 1
    }
  };

  /** Replaces every element z of the array by f(z). */
  public void applyInPlace(INDArray z) {
    prepareApply(z).run();
  }

  /** {@link #applyInPlace} on this array, bound once to be run many times. */
  abstract Runnable prepareApply(INDArray z);

  /**
   * A call, bound once to these arrays, that turns dL/dA into dL/dZ in place each time it runs:
   * {@code grad *= f'(z)}, with f'(z) expressed through a = f(z).
   *
   * @param a the layer output f(Z), B x width
   * @param grad dL/dA on entry, dL/dZ on return, same shape
   * @param scratch a buffer of the same shape that may be overwritten (unused by linear)
   */
  abstract Runnable prepareMultiplyByDerivative(INDArray a, INDArray grad, INDArray scratch);

  /** The lower-case name used in configuration files and on the command line. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code relu}, {@code tanh} or {@code linear} (case-insensitive).
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static Activation parse(String text) {
    for (Activation a : values()) {
      if (a.id().equalsIgnoreCase(text.trim())) {
        return a;
      }
    }
    throw new IllegalArgumentException(
        "unknown activation '" + text + "': expected one of relu, tanh, linear");
  }
}
