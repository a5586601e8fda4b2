package io.ib.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The prepared calls of a training step give the same bits as the same ND4J operations called the
 * usual way (a new op per call), also after the bound arrays change contents between steps.
 */
class PreparedPassTest {
  @ParameterizedTest
  @EnumSource(Activation.class)
  void preparedStepsEqualPlainNd4jCallsBitForBit(Activation activation) {
    MlpArchitecture arch = new MlpArchitecture(30, List.of(16, 7), 10, activation);
    Mlp prepared = Mlp.initialize(arch, WeightInit.PYTORCH, 3, DataType.FLOAT);
    Mlp plain = prepared.copy();
    int batch = 12;
    BatchBuffers buffers = new BatchBuffers(prepared, batch);
    GradientViews gradient = new GradientViews(prepared);
    GradientViews plainGradient = new GradientViews(plain);
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
      double plainLoss = plainStep(plain, x.dup(), labels, plainGradient);
      assertEquals(plainLoss, loss, 0.0, "step " + step);
      assertArrayEquals(plainGradient.flat().toFloatVector(), gradient.flat().toFloatVector(),
          "step " + step);
      // A parameter update between steps, as Adam makes, must be seen by the bound calls.
      INDArray update = gradient.flat().mul(0.1);
      prepared.parameters().subi(update);
      plain.parameters().subi(update);
    }
  }

  /** The step as ND4J calls made the usual way: the reference the prepared calls must match. */
  private static double plainStep(Mlp model, INDArray x, int[] labels, GradientViews gradient) {
    MlpArchitecture arch = model.architecture();
    int last = arch.numLayers() - 1;
    int batch = (int) x.rows();
    INDArray[] outputs = model.allocateOutputs(batch);
    INDArray in = x;
    for (int l = 0; l <= last; l++) {
      Nd4j.gemm(in, model.weight(l), outputs[l], false, false, 1.0, 0.0);
      outputs[l].addiRowVector(model.bias(l));
      if (l < last) {
        switch (arch.activation()) {
          case RELU -> Transforms.relu(outputs[l], false);
          case TANH -> Transforms.tanh(outputs[l], false);
          case LINEAR -> { }
        }
      }
      in = outputs[l];
    }
    INDArray logitGrad = outputs[last].ulike();
    double loss = new SoftmaxCrossEntropy(batch, arch.numClasses())
        .lossAndGradient(outputs[last], labels, logitGrad);
    INDArray ones = Nd4j.ones(DataType.FLOAT, batch, 1);
    INDArray g = logitGrad;
    for (int l = last; l >= 0; l--) {
      INDArray a = l == 0 ? x : outputs[l - 1];
      Nd4j.gemm(a, g, gradient.weight(l), true, false, 1.0, 0.0);
      Nd4j.gemm(ones, g, gradient.bias(l), true, false, 1.0, 0.0);
      if (l > 0) {
        INDArray prev = Nd4j.createUninitialized(DataType.FLOAT, batch, arch.fanOut(l - 1));
        Nd4j.gemm(g, model.weight(l), prev, false, true, 1.0, 0.0);
        INDArray act = outputs[l - 1];
        switch (arch.activation()) {
          case RELU -> {
            INDArray mask = act.ulike();
            Nd4j.exec(new Step(act, mask, 0.0));
            prev.muli(mask);
          }
          case TANH -> prev.muli(act.dup().muli(act).rsubi(1.0));
          case LINEAR -> { }
        }
        g = prev;
      }
    }
    return loss;
  }
}
