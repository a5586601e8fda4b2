package io.ib.nn;

import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;
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
    public void applyInPlace(INDArray z) {
      Transforms.relu(z, false);
    }

    @Override
    public void multiplyByDerivative(INDArray a, INDArray grad) {
      INDArray mask = a.ulike();
      Nd4j.exec(new Step(a, mask, 0.0)); // [a > 0]
      grad.muli(mask);
    }
  },
  /** f(z) = tanh(z). */
  TANH {
    @Override
    public void applyInPlace(INDArray z) {
      Transforms.tanh(z, false);
    }

    @Override
    public void multiplyByDerivative(INDArray a, INDArray grad) {
      grad.muli(a.dup().muli(a).rsubi(1.0)); // 1 - a^2
    }
  },
  /** f(z) = z. */
  LINEAR {
    @Override
    public void applyInPlace(INDArray z) {}

    @Override
    public void multiplyByDerivative(INDArray a, INDArray grad) {}
  };

  /** Replaces every element z of the array by f(z). */
  public abstract void applyInPlace(INDArray z);

  /**
   * Turns dL/dA into dL/dZ in place: {@code grad *= f'(z)}, with f'(z) expressed through a = f(z).
   *
   * @param a the layer output f(Z), B x width (read, not changed)
   * @param grad dL/dA on entry, dL/dZ on return, same shape
   */
  public abstract void multiplyByDerivative(INDArray a, INDArray grad);

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
