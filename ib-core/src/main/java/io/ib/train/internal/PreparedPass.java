package io.ib.train.internal;

import io.ib.nn.Activation;
import io.ib.nn.Mlp;
import io.ib.nn.MlpArchitecture;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The ND4J calls of {@link Mlp#forward} and {@link Mlp#backward}, bound once to fixed arrays (see
 * {@link PreparedOp}) and run many times: the same arithmetic as those methods, in the same order,
 * writing into preallocated buffers. {@link StepBuffers} binds one per model, input buffer and
 * gradient and runs it at every step, which takes the 20-odd small calls of a training step from
 * about 0.6 ms to about 0.1 ms.
 */
public final class PreparedPass {
  private final Runnable[] calls;

  private PreparedPass(List<Runnable> calls) {
    this.calls = calls.toArray(new Runnable[0]);
  }

  /** Runs the calls in order. */
  public void run() {
    for (Runnable call : calls) {
      call.run();
    }
  }

  /**
   * The forward pass of a batch given as all columns or as its active columns, into preallocated
   * outputs (run once; for active columns, W_0's rows of those columns are copied first).
   *
   * @param outputs one B x fanOut(l) array per layer in the model's type, see {@link #outputs}
   */
  public static void forward(Mlp model, InputBatch x, INDArray[] outputs) {
    forward(model, x, outputs, null, null);
  }

  /**
   * The forward pass of a noisy network (the noiseless pass above when {@code noise} is null).
   *
   * @param noise one B x fanOut(l) array per hidden layer, added after the activation, or null
   * @param beforeNoise with noise: one B x fanOut(l) array per hidden layer that receives f(Z_l)
   *     before the noise, or null
   */
  public static void forward(Mlp model, InputBatch x, INDArray[] outputs, INDArray[] noise,
      INDArray[] beforeNoise) {
    MlpArchitecture arch = model.architecture();
    if (x.inputSize() != arch.inputSize()) {
      throw new IllegalArgumentException("the model takes " + arch.inputSize()
          + " inputs, the batch has " + x.inputSize());
    }
    INDArray w0 = model.weight(0);
    if (!x.isDense()) {
      int count = x.activeCount();
      w0 = Nd4j.zeros(model.dataType(), x.values().columns(), arch.fanOut(0));
      if (count > 0) {
        w0.get(NDArrayIndex.interval(0, count), NDArrayIndex.all())
            .assign(Nd4j.pullRows(model.weight(0), 1, Arrays.copyOf(x.columnArray(), count)));
      }
    }
    forward(model, x.values(), w0, outputs, noise == null ? null : beforeNoise, noise, null).run();
  }

  /** One B x fanOut(l) array per layer, in the model's data type. */
  public static INDArray[] outputs(Mlp model, long batchSize) {
    INDArray[] outputs = new INDArray[model.architecture().numLayers()];
    for (int l = 0; l < outputs.length; l++) {
      outputs[l] = Nd4j.createUninitialized(model.dataType(), batchSize,
          model.architecture().fanOut(l));
    }
    return outputs;
  }

  /**
   * The forward pass: per layer, Z_l = A_l W_l (GEMM into the output), += b_l, then the activation on
   * hidden layers.
   *
   * @param x inputs, B x inputSize, or B x w active columns (see {@link InputBatch})
   * @param firstWeight W_0, or its rows of the active columns
   * @param outputs one B x fanOut(l) array per layer
   * @param unquantized for a quantized model that is trained, or a noisy one, one B x width array
   *     per hidden layer that receives f(Z_l) before quantization or noise (the backward pass needs
   *     it); else null
   * @param noise for a noisy model, one B x width array per hidden layer added after the
   *     activation (filled before each run); else null
   * @param factors for a model with dropout, one B x width array (or null) per hidden layer that
   *     multiplies the activation (filled before each run); else null
   */
  static PreparedPass forward(Mlp model, INDArray x, INDArray firstWeight, INDArray[] outputs,
      INDArray[] unquantized, INDArray[] noise, INDArray[] factors) {
    MlpArchitecture arch = model.architecture();
    int last = arch.numLayers() - 1;
    List<Runnable> calls = new ArrayList<>();
    INDArray in = x;
    for (int l = 0; l <= last; l++) {
      INDArray w = l == 0 ? firstWeight : model.weight(l);
      calls.add(PreparedOp.gemm(in, w, outputs[l], false, false));
      calls.add(PreparedOp.addRowVector(outputs[l], model.bias(l)));
      if (l < last) {
        calls.add(apply(arch.activation(), outputs[l]));
        if (arch.quantized()) {
          INDArray a = outputs[l];
          INDArray kept = unquantized == null ? null : unquantized[l];
          calls.add(() -> {
            if (kept != null) {
              kept.assign(a);
            }
            arch.quantization().applyInPlace(a);
          });
        } else if (noise != null || factors != null) {
          INDArray a = outputs[l];
          INDArray kept = unquantized == null ? null : unquantized[l];
          INDArray n = noise == null ? null : noise[l];
          INDArray m = factors == null ? null : factors[l];
          calls.add(() -> {
            if (kept != null) {
              kept.assign(a);
            }
            if (m != null) {
              a.muli(m);
            }
            if (n != null) {
              a.addi(n);
            }
          });
        }
      }
      in = outputs[l];
    }
    return new PreparedPass(calls);
  }

  /**
   * The backward pass, from the last layer down: dW_l = A_l^T G_l, db_l = ones^T G_l (a GEMM), and for
   * l &gt; 0, G_{l-1} = (G_l W_l^T) f'(Z_{l-1}).
   *
   * @param hiddenGrad one B x width scratch array per hidden layer (receives dL/dZ)
   * @param scratch one B x width scratch array per hidden layer, or null for linear activations of
   *     an unquantized model
   * @param unquantized for a quantized model, the forward pass's f(Z_l) per hidden layer; else null
   * @param factors the forward pass's dropout factors (null per layer without), or null
   * @param ones a B x 1 array of ones
   * @param firstWeightGrad receives dL/dW_0, or its rows of the active columns of {@code x}
   */
  static PreparedPass backward(Mlp model, INDArray x, INDArray[] outputs, INDArray logitGrad,
      INDArray[] hiddenGrad, INDArray[] scratch, INDArray[] unquantized, INDArray[] factors,
      INDArray ones, GradientViews gradient, INDArray firstWeightGrad) {
    MlpArchitecture arch = model.architecture();
    int last = arch.numLayers() - 1;
    List<Runnable> calls = new ArrayList<>();
    INDArray g = logitGrad;
    for (int l = last; l >= 0; l--) {
      INDArray in = l == 0 ? x : outputs[l - 1];
      INDArray dw = l == 0 ? firstWeightGrad : gradient.weight(l);
      calls.add(PreparedOp.gemm(in, g, dw, true, false));
      calls.add(PreparedOp.gemm(ones, g, gradient.bias(l), true, false));
      if (l > 0) {
        INDArray prev = hiddenGrad[l - 1];
        calls.add(PreparedOp.gemm(g, model.weight(l), prev, false, true));
        if (factors != null && factors[l - 1] != null) {
          INDArray m = factors[l - 1];
          calls.add(() -> prev.muli(m)); // dA/df = M
        }
        if (unquantized != null) {
          // f' at f(Z) before q or the noise; straight through q: zero outside q's range (the mask
          // is a no-op without quantization).
          INDArray f = unquantized[l - 1];
          INDArray s = scratch == null ? null : scratch[l - 1];
          calls.add(multiplyByDerivative(arch.activation(), f, prev, s));
          calls.add(() -> arch.quantization().maskOutsideRange(f, prev, s, arch.activation()));
        } else {
          calls.add(multiplyByDerivative(arch.activation(), outputs[l - 1], prev,
              scratch == null ? null : scratch[l - 1]));
        }
        g = prev;
      }
    }
    return new PreparedPass(calls);
  }

  /** {@link Activation#applyInPlace} on this array, bound once. */
  private static Runnable apply(Activation activation, INDArray z) {
    return switch (activation) {
      case RELU -> PreparedOp.legacy(new RectifiedLinear(z, z));
      case TANH -> () -> Transforms.tanh(z, false);
      case LINEAR -> () -> { };
    };
  }

  /** {@link Activation#multiplyByDerivative} on these arrays, bound once. */
  private static Runnable multiplyByDerivative(Activation activation, INDArray a, INDArray grad,
      INDArray scratch) {
    return switch (activation) {
      case RELU -> {
        // A 0/1 mask and a multiply: several times cheaper than a prepared relu_bp or
        // ThresholdReluBp when measured.
        Runnable mask = PreparedOp.legacy(new Step(a, scratch, 0.0));
        Runnable multiply = PreparedOp.multiply(grad, scratch);
        yield () -> {
          mask.run();
          multiply.run();
        };
      }
      case TANH -> () -> grad.muli(scratch.assign(a).muli(a).rsubi(1.0));
      case LINEAR -> () -> { };
    };
  }
}
