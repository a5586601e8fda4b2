package io.ib.nn;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The sequence of ND4J calls of a forward or backward pass, bound to fixed arrays (see
 * {@link PreparedOp}). {@link Mlp#forward} and {@link Mlp#backward} run a freshly bound sequence;
 * {@link BatchBuffers} binds one per model, input buffer and gradient and runs it at every step, which
 * takes the 20-odd small calls of a training step from about 0.6 ms to about 0.1 ms.
 */
final class PreparedPass {
  private final Runnable[] calls;

  private PreparedPass(List<Runnable> calls) {
    this.calls = calls.toArray(new Runnable[0]);
  }

  /** Runs the calls in order. */
  void run() {
    for (Runnable call : calls) {
      call.run();
    }
  }

  /**
   * The forward pass: per layer, Z_l = A_l W_l (GEMM into the output), += b_l, then the activation on
   * hidden layers.
   *
   * @param x inputs, B x inputSize, or B x w active columns (see {@link InputBatch})
   * @param firstWeight W_0, or its rows of the active columns
   * @param outputs one B x fanOut(l) array per layer
   */
  static PreparedPass forward(Mlp model, INDArray x, INDArray firstWeight, INDArray[] outputs) {
    MlpArchitecture arch = model.architecture();
    int last = arch.numLayers() - 1;
    List<Runnable> calls = new ArrayList<>();
    INDArray in = x;
    for (int l = 0; l <= last; l++) {
      INDArray w = l == 0 ? firstWeight : model.weight(l);
      calls.add(PreparedOp.gemm(in, w, outputs[l], false, false));
      calls.add(PreparedOp.addRowVector(outputs[l], model.bias(l)));
      if (l < last) {
        calls.add(arch.activation().prepareApply(outputs[l]));
      }
      in = outputs[l];
    }
    return new PreparedPass(calls);
  }

  /**
   * The backward pass, from the last layer down: dW_l = A_l^T G_l, db_l = ones^T G_l (a GEMM), and for
   * l &gt; 0, G_{l-1} = (G_l W_l^T) f'(Z_{l-1}). Arguments as in {@link Mlp#backward}, and
   * {@code firstWeightGrad} receives dL/dW_0 (or its rows of the active columns of {@code x}).
   */
  static PreparedPass backward(Mlp model, INDArray x, INDArray[] outputs, INDArray logitGrad,
      INDArray[] hiddenGrad, INDArray[] scratch, INDArray ones, GradientViews gradient,
      INDArray firstWeightGrad) {
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
        calls.add(arch.activation().prepareMultiplyByDerivative(
            outputs[l - 1], prev, scratch == null ? null : scratch[l - 1]));
        g = prev;
      }
    }
    return new PreparedPass(calls);
  }
}
