package io.ib.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Central finite differences in double precision against the hand-written backward pass, for every
 * parameter of a small network with two hidden layers (so hidden-to-hidden, input and output layers
 * and every activation's derivative are all exercised).
 */
class GradientCheckTest {
  private static final double H = 1e-6;

  @ParameterizedTest
  @EnumSource(Activation.class)
  void backwardMatchesFiniteDifferences(Activation activation) {
    MlpArchitecture arch = new MlpArchitecture(6, List.of(5, 4), 3, activation);
    Mlp model = Mlp.initialize(arch, WeightInit.PYTORCH, 7, DataType.DOUBLE);
    int batch = 9;
    SplittableRandom rng = new SplittableRandom(11);
    double[] xs = new double[batch * 6];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = rng.nextDouble() * 4 - 2;
    }
    INDArray x = Nd4j.create(xs, new long[] {batch, 6}, DataType.DOUBLE);
    int[] labels = new int[batch];
    for (int i = 0; i < batch; i++) {
      labels[i] = rng.nextInt(3);
    }

    INDArray[] outputs = model.forward(x);
    INDArray logitGrad = outputs[outputs.length - 1].ulike();
    new SoftmaxCrossEntropy(batch, 3).lossAndGradient(outputs[outputs.length - 1], labels, logitGrad);
    double[] analytic = model.backward(x, outputs, logitGrad).toDoubleVector();

    INDArray params = model.parameters();
    double worst = 0;
    for (int p = 0; p < analytic.length; p++) {
      double original = params.getDouble(p);
      params.putScalar(p, original + H);
      double up = loss(model, x, labels);
      params.putScalar(p, original - H);
      double down = loss(model, x, labels);
      params.putScalar(p, original);
      double numeric = (up - down) / (2 * H);
      double error = Math.abs(numeric - analytic[p])
          / Math.max(1e-3, Math.abs(numeric) + Math.abs(analytic[p]));
      worst = Math.max(worst, error);
    }
    // Central differences have O(h^2) truncation and O(eps/h) rounding error: ~1e-10 here.
    assertTrue(worst < 1e-6, activation + ": worst relative gradient error " + worst);
  }

  private static double loss(Mlp model, INDArray x, int[] labels) {
    INDArray[] outputs = model.forward(x);
    INDArray logits = outputs[outputs.length - 1];
    return new SoftmaxCrossEntropy(logits.rows(), logits.columns())
        .lossAndGradient(logits, labels, logits.ulike());
  }

  @ParameterizedTest
  @EnumSource(Activation.class)
  void forwardMatchesAScalarReference(Activation activation) {
    MlpArchitecture arch = new MlpArchitecture(3, List.of(4), 2, activation);
    Mlp model = Mlp.initialize(arch, WeightInit.XAVIER, 3, DataType.DOUBLE);
    model.bias(0).assign(Nd4j.createFromArray(new double[][] {{0.1, -0.2, 0.3, -0.4}}));
    double[][] x = {{1, -2, 0.5}, {0, 0.25, -1}};
    INDArray[] out = model.forward(Nd4j.createFromArray(x));
    double[][] w0 = model.weight(0).toDoubleMatrix();
    double[] b0 = model.bias(0).toDoubleVector();
    double[][] w1 = model.weight(1).toDoubleMatrix();
    double[] b1 = model.bias(1).toDoubleVector();
    for (int r = 0; r < x.length; r++) {
      double[] hidden = new double[4];
      for (int j = 0; j < 4; j++) {
        double z = b0[j];
        for (int i = 0; i < 3; i++) {
          z += x[r][i] * w0[i][j];
        }
        hidden[j] = switch (activation) {
          case RELU -> Math.max(0, z);
          case TANH -> Math.tanh(z);
          case LINEAR -> z;
        };
        assertEquals(hidden[j], out[0].getDouble(r, j), 1e-12);
      }
      for (int k = 0; k < 2; k++) {
        double z = b1[k];
        for (int j = 0; j < 4; j++) {
          z += hidden[j] * w1[j][k];
        }
        assertEquals(z, out[1].getDouble(r, k), 1e-12);
      }
    }
  }
}
