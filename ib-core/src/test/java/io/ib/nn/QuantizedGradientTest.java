package io.ib.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The backward pass of quantized networks. Where the gradient is defined (the output layer's
 * parameters: the quantized hidden layers do not depend on them, and the loss is smooth in them) it
 * must match finite differences; below, where q has no useful derivative, it must be the
 * straight-through rule of {@link Quantization}, checked against scalar loops, and it must approach
 * the unquantized gradient as the levels get finer.
 */
class QuantizedGradientTest {
  private static final int IN = 6;
  private static final int CLASSES = 3;
  private static final int BATCH = 9;
  private static final double H = 1e-6;

  private static Quantization bindingRange(Activation activation, int bits) {
    return switch (activation) {
      case TANH -> new Quantization(bits, -1, 1);
      case RELU -> new Quantization(bits, 0, 0.6); // cuts the gradient of larger values
      case LINEAR -> new Quantization(bits, -0.5, 0.4);
    };
  }

  @ParameterizedTest
  @EnumSource(Activation.class)
  void outputLayerGradientMatchesFiniteDifferences(Activation activation) {
    MlpArchitecture arch = new MlpArchitecture(IN, List.of(5, 4), CLASSES, activation,
        bindingRange(activation, 3));
    Mlp model = Mlp.initialize(arch, WeightInit.PYTORCH, 7, DataType.DOUBLE);
    INDArray x = inputs(11);
    int[] labels = labels(11);
    double[] analytic = gradient(model, x, labels);
    INDArray params = model.parameters();
    int last = arch.numLayers() - 1;
    double worst = 0;
    for (long p = arch.weightOffset(last); p < arch.parameterCount(); p++) {
      double original = params.getDouble(p);
      params.putScalar(p, original + H);
      double up = loss(model, x, labels);
      params.putScalar(p, original - H);
      double down = loss(model, x, labels);
      params.putScalar(p, original);
      double numeric = (up - down) / (2 * H);
      worst = Math.max(worst, Math.abs(numeric - analytic[(int) p])
          / Math.max(1e-3, Math.abs(numeric) + Math.abs(analytic[(int) p])));
    }
    // Central differences: O(h^2) truncation and O(eps/h) rounding, about 1e-10 here.
    assertTrue(worst < 1e-6, activation + ": worst relative gradient error " + worst);
  }

  @ParameterizedTest
  @EnumSource(Activation.class)
  void hiddenGradientsFollowTheStraightThroughRule(Activation activation) {
    Quantization q = bindingRange(activation, 3);
    MlpArchitecture arch = new MlpArchitecture(IN, List.of(5, 4), CLASSES, activation, q);
    Mlp model = Mlp.initialize(arch, WeightInit.PYTORCH, 3, DataType.DOUBLE);
    INDArray x = inputs(5);
    int[] labels = labels(5);
    double[] expected = scalarStraightThrough(model, x.ravel().toDoubleVector(), labels);
    double[] actual = gradient(model, x, labels);
    for (int p = 0; p < expected.length; p++) {
      assertEquals(expected[p], actual[p], 1e-12 * (1 + Math.abs(expected[p])), "parameter " + p);
    }
  }

  @Test
  void finerLevelsApproachTheUnquantizedGradient() {
    MlpArchitecture plain = new MlpArchitecture(IN, List.of(5, 4), CLASSES, Activation.TANH);
    Quantization q = new Quantization(16, -1, 1);
    Mlp model = Mlp.initialize(plain, WeightInit.PYTORCH, 9, DataType.DOUBLE);
    Mlp quantized = Mlp.withParameters(new MlpArchitecture(IN, List.of(5, 4), CLASSES,
        Activation.TANH, q), model.parameters());
    INDArray x = inputs(2);
    int[] labels = labels(2);
    double[] a = gradient(model, x, labels);
    double[] b = gradient(quantized, x, labels);
    // Each activation moves by at most step/2; through two layers of weights below 1 in magnitude
    // and a softmax with Lipschitz constant 1, the gradient moves by a small multiple of that.
    double bound = 50 * q.step();
    for (int p = 0; p < a.length; p++) {
      assertEquals(a[p], b[p], bound, "parameter " + p);
    }
  }

  @Test
  void forwardPutsHiddenValuesOnTheLevels() {
    Quantization q = new Quantization(2, -1, 1);
    Mlp model = Mlp.initialize(new MlpArchitecture(IN, List.of(5, 4), CLASSES, Activation.TANH, q),
        WeightInit.PYTORCH, 4, DataType.FLOAT);
    INDArray[] outputs = model.forward(inputs(8).castTo(DataType.FLOAT));
    for (int l = 0; l < 2; l++) {
      for (float v : outputs[l].ravel().toFloatVector()) {
        boolean onLevel = false;
        for (int k = 0; k < q.levels(); k++) {
          onLevel |= v == q.level(k);
        }
        assertTrue(onLevel, "layer " + l + " value " + v + " is not one of the 4 levels");
      }
    }
  }

  /** The straight-through backward pass written out with scalar loops, in doubles. */
  private static double[] scalarStraightThrough(Mlp model, double[] x, int[] labels) {
    MlpArchitecture arch = model.architecture();
    Quantization q = arch.quantization();
    int layers = arch.numLayers();
    double[][] in = new double[layers + 1][];
    double[][] unquantized = new double[layers][];
    in[0] = x;
    for (int l = 0; l < layers; l++) {
      int fi = arch.fanIn(l);
      int fo = arch.fanOut(l);
      double[] w = Mlp.weightView(arch, model.parameters(), l).dup('c').ravel().toDoubleVector();
      double[] b = Mlp.biasView(arch, model.parameters(), l).toDoubleVector();
      double[] out = new double[BATCH * fo];
      unquantized[l] = new double[BATCH * fo];
      for (int i = 0; i < BATCH; i++) {
        for (int j = 0; j < fo; j++) {
          double z = b[j];
          for (int k = 0; k < fi; k++) {
            z += in[l][i * fi + k] * w[k * fo + j];
          }
          if (l < layers - 1) {
            double f = switch (arch.activation()) {
              case TANH -> Math.tanh(z);
              case RELU -> Math.max(0, z);
              case LINEAR -> z;
            };
            unquantized[l][i * fo + j] = f;
            double clamped = Math.min(q.upper(), Math.max(q.lower(), f));
            z = q.lower() + Math.rint((clamped - q.lower()) / q.step()) * q.step();
          }
          out[i * fo + j] = z;
        }
      }
      in[l + 1] = out;
    }
    // dL/dlogits of the mean cross-entropy: (softmax - onehot) / B
    double[] g = new double[BATCH * CLASSES];
    for (int i = 0; i < BATCH; i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < CLASSES; c++) {
        max = Math.max(max, in[layers][i * CLASSES + c]);
      }
      double sum = 0;
      for (int c = 0; c < CLASSES; c++) {
        sum += Math.exp(in[layers][i * CLASSES + c] - max);
      }
      for (int c = 0; c < CLASSES; c++) {
        double p = Math.exp(in[layers][i * CLASSES + c] - max) / sum;
        g[i * CLASSES + c] = (p - (labels[i] == c ? 1 : 0)) / BATCH;
      }
    }
    double[] grad = new double[(int) arch.parameterCount()];
    for (int l = layers - 1; l >= 0; l--) {
      int fi = arch.fanIn(l);
      int fo = arch.fanOut(l);
      int wOff = (int) arch.weightOffset(l);
      int bOff = (int) arch.biasOffset(l);
      double[] w = Mlp.weightView(arch, model.parameters(), l).dup('c').ravel().toDoubleVector();
      for (int i = 0; i < BATCH; i++) {
        for (int j = 0; j < fo; j++) {
          grad[bOff + j] += g[i * fo + j];
          for (int k = 0; k < fi; k++) {
            grad[wOff + k * fo + j] += in[l][i * fi + k] * g[i * fo + j];
          }
        }
      }
      if (l > 0) {
        double[] below = new double[BATCH * fi];
        for (int i = 0; i < BATCH; i++) {
          for (int k = 0; k < fi; k++) {
            double s = 0;
            for (int j = 0; j < fo; j++) {
              s += g[i * fo + j] * w[k * fo + j];
            }
            double f = unquantized[l - 1][i * fi + k];
            double derivative = switch (arch.activation()) {
              case TANH -> 1 - f * f;
              case RELU -> f > 0 ? 1 : 0;
              case LINEAR -> 1;
            };
            boolean inside = f >= q.lower() && f <= q.upper();
            below[i * fi + k] = inside ? s * derivative : 0;
          }
        }
        g = below;
      }
    }
    return grad;
  }

  private static double[] gradient(Mlp model, INDArray x, int[] labels) {
    INDArray[] outputs = model.forward(x);
    INDArray logitGrad = outputs[outputs.length - 1].ulike();
    new SoftmaxCrossEntropy(BATCH, CLASSES).lossAndGradient(outputs[outputs.length - 1], labels,
        logitGrad);
    return model.backward(x, outputs, logitGrad).toDoubleVector();
  }

  private static double loss(Mlp model, INDArray x, int[] labels) {
    INDArray[] outputs = model.forward(x);
    INDArray logits = outputs[outputs.length - 1];
    return new SoftmaxCrossEntropy(BATCH, CLASSES).lossAndGradient(logits, labels, logits.ulike());
  }

  private static INDArray inputs(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] xs = new double[BATCH * IN];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = rng.nextDouble() * 4 - 2;
    }
    return Nd4j.create(xs, new long[] {BATCH, IN}, DataType.DOUBLE);
  }

  private static int[] labels(long seed) {
    SplittableRandom rng = new SplittableRandom(seed + 100);
    int[] labels = new int[BATCH];
    for (int i = 0; i < BATCH; i++) {
      labels[i] = rng.nextInt(CLASSES);
    }
    return labels;
  }
}
