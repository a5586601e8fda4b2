package io.ib.train.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ib.internal.HostCopy;
import io.ib.nn.Activation;
import io.ib.nn.Mlp;
import io.ib.nn.MlpArchitecture;
import io.ib.nn.Quantization;
import io.ib.nn.SoftmaxCrossEntropy;
import io.ib.nn.WeightInit;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The prepared calls of a training step ({@link StepBuffers}) give the same bits as the plain,
 * documented passes {@link Mlp#forward} and {@link Mlp#backward}, also after the bound arrays change
 * contents between steps.
 */
class PreparedPassTest {
  @ParameterizedTest
  @EnumSource(Activation.class)
  void preparedStepsEqualThePlainPassesBitForBit(Activation activation) {
    assertPreparedEqualsPlain(new MlpArchitecture(30, List.of(16, 7), 10, activation));
  }

  /**
   * Quantized networks too, with ranges that bind: the straight-through mask then cuts gradients,
   * and the prepared pass keeps f(Z) before quantization where the plain pass recomputes it.
   */
  @ParameterizedTest
  @EnumSource(Activation.class)
  void quantizedPreparedStepsEqualThePlainPassesBitForBit(Activation activation) {
    Quantization q = switch (activation) {
      case TANH -> new Quantization(3, -1, 1);
      case RELU -> new Quantization(4, 0, 0.5);
      case LINEAR -> new Quantization(4, -0.4, 0.3);
    };
    assertPreparedEqualsPlain(new MlpArchitecture(30, List.of(16, 7), 10, activation, q));
  }

  private static void assertPreparedEqualsPlain(MlpArchitecture arch) {
    Mlp prepared = Mlp.initialize(arch, WeightInit.PYTORCH, 3, DataType.FLOAT);
    Mlp plain = prepared.copy();
    int batch = 12;
    StepBuffers buffers = new StepBuffers(prepared, batch);
    GradientViews gradient = new GradientViews(prepared);
    INDArray x = Nd4j.createUninitialized(DataType.FLOAT, batch, 30); // refilled, like MiniBatches
    SplittableRandom rng = new SplittableRandom(5);
    for (int step = 0; step < 4; step++) {
      float[] xs = new float[batch * 30];
      for (int i = 0; i < xs.length; i++) {
        xs[i] = (float) (rng.nextDouble() * 4 - 2);
      }
      HostCopy.write(xs, x);
      int[] labels = rng.ints(batch, 0, 10).toArray();

      double loss = buffers.lossAndGradient(prepared, x, labels, gradient);
      INDArray[] outputs = plain.forward(x.dup());
      INDArray logits = outputs[outputs.length - 1];
      INDArray logitGrad = logits.ulike();
      double plainLoss = new SoftmaxCrossEntropy(batch, 10).lossAndGradient(logits, labels,
          logitGrad);
      INDArray plainGradient = plain.backward(x.dup(), outputs, logitGrad);
      assertEquals(plainLoss, loss, 0.0, "step " + step);
      for (int l = 0; l < outputs.length; l++) {
        assertEquals(outputs[l], buffers.outputs()[l], "layer " + l + ", step " + step);
      }
      assertArrayEquals(plainGradient.toFloatVector(), gradient.flat().toFloatVector(),
          "step " + step);
      // A parameter update between steps, as Adam makes, must be seen by the bound calls.
      INDArray update = gradient.flat().mul(0.1);
      prepared.parameters().subi(update);
      plain.parameters().subi(update);
    }
  }
}
