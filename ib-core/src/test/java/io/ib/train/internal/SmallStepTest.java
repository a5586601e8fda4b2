package io.ib.train.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.nn.Activation;
import io.ib.nn.Mlp;
import io.ib.nn.MlpArchitecture;
import io.ib.nn.Quantization;
import io.ib.nn.SoftmaxCrossEntropy;
import io.ib.nn.WeightInit;
import io.ib.train.HiddenDropout;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The Java step of small networks against the plain passes in double precision. Float sums of N terms
 * in any order are within gamma_N = N u / (1 - N u) (u = 2^-24) of the exact sum of the terms, relative
 * to the sum of their magnitudes; a gradient entry dW[i][j] = sum_b a_ib g_jb is at the end of a chain
 * of at most N = B + sum_l fanIn(l) such operations, so each entry must lie within
 * 2 gamma_N sum_b |a_ib g_jb| of the double result (tanh adds its approximation's 2^-21, below that).
 */
class SmallStepTest {
  private static final int BATCH = 64;

  @ParameterizedTest
  @EnumSource(Activation.class)
  void gradientWithinFloatRoundingOfTheDoublePasses(Activation activation) {
    assertWithinFloatRounding(new MlpArchitecture(12, List.of(10, 7, 5, 4, 3), 2, activation));
  }

  /**
   * Quantized networks, with ranges that bind. Float and double values may round to different
   * levels when they lie within rounding of a level boundary; with these seeds none does, so the
   * same bound holds.
   */
  @ParameterizedTest
  @EnumSource(Activation.class)
  void quantizedGradientWithinFloatRoundingOfTheDoublePasses(Activation activation) {
    Quantization q = switch (activation) {
      case TANH -> new Quantization(3, -1, 1);
      case RELU -> new Quantization(4, 0, 0.8);
      case LINEAR -> new Quantization(4, -0.6, 0.5);
    };
    assertWithinFloatRounding(new MlpArchitecture(12, List.of(10, 7, 5, 4, 3), 2, activation, q));
  }

  /**
   * Noisy networks: the noise is one more float addition per hidden layer on each chain (counted in
   * N), and f' is taken at the values before the noise on both sides.
   */
  @ParameterizedTest
  @EnumSource(Activation.class)
  void noisyGradientWithinFloatRoundingOfTheDoublePasses(Activation activation) {
    MlpArchitecture arch = new MlpArchitecture(12, List.of(10, 7, 5, 4, 3), 2, activation);
    assertWithinFloatRounding(arch, new io.ib.train.HiddenNoise(0.05, 9).draw(1, BATCH, arch));
  }

  /**
   * Dropout (both kinds): the factors are one more float multiplication on the last hidden layer's
   * forward and backward chains (counted in N), and f' is taken before them on both sides.
   */
  @ParameterizedTest
  @EnumSource(Activation.class)
  void dropoutGradientWithinFloatRoundingOfTheDoublePasses(Activation activation) {
    MlpArchitecture arch = new MlpArchitecture(12, List.of(10, 7, 5, 4, 3), 2, activation);
    for (HiddenDropout.Kind kind : HiddenDropout.Kind.values()) {
      assertWithinFloatRounding(arch, null, new HiddenDropout(kind, 0.3, 9).draw(1, BATCH, arch));
    }
  }

  private static void assertWithinFloatRounding(MlpArchitecture arch) {
    assertWithinFloatRounding(arch, null);
  }

  private static void assertWithinFloatRounding(MlpArchitecture arch, float[][] noise) {
    assertWithinFloatRounding(arch, noise, null);
  }

  private static void assertWithinFloatRounding(MlpArchitecture arch, float[][] noise,
      float[][] factors) {
    Activation activation = arch.activation();
    Mlp floats = Mlp.initialize(arch, WeightInit.TRUNCATED_NORMAL, 3, DataType.FLOAT);
    Mlp doubles = Mlp.withParameters(arch, floats.parameters().castTo(DataType.DOUBLE));
    SplittableRandom rng = new SplittableRandom(8);
    float[] xs = new float[BATCH * 12];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = rng.nextInt(2);
    }
    int[] labels = rng.ints(BATCH, 0, 2).toArray();
    INDArray x = Nd4j.create(xs, new long[] {BATCH, 12}, DataType.FLOAT);

    INDArray gradient = Nd4j.zeros(DataType.FLOAT, arch.parameterCount());
    double loss = new SmallStep(arch).lossAndGradient(floats, x, labels, gradient, noise, factors);

    INDArray xd = x.castTo(DataType.DOUBLE);
    INDArray[] noiseArrays = null;
    INDArray[] before = null;
    if (noise != null) {
      noiseArrays = new INDArray[noise.length];
      for (int l = 0; l < noise.length; l++) {
        noiseArrays[l] = Nd4j.create(noise[l], new long[] {BATCH, arch.fanOut(l)}, DataType.FLOAT);
      }
      before = new INDArray[arch.numLayers()];
    }
    INDArray[] factorArrays = null;
    if (factors != null) {
      factorArrays = new INDArray[factors.length];
      for (int l = 0; l < factors.length; l++) {
        factorArrays[l] = factors[l] == null ? null
            : Nd4j.create(factors[l], new long[] {BATCH, arch.fanOut(l)}, DataType.FLOAT);
      }
      before = new INDArray[arch.numLayers()];
    }
    INDArray[] out = doubles.forward(xd, noiseArrays, factorArrays, before);
    INDArray logits = out[out.length - 1];
    INDArray logitGrad = logits.ulike();
    double exactLoss = new SoftmaxCrossEntropy(BATCH, 2).lossAndGradient(logits, labels, logitGrad);
    double[] exact = doubles.backward(xd, out, logitGrad, factorArrays, before).toDoubleVector();
    // sum_b |a_ib g_jb| per weight entry: the same backward pass on magnitudes.
    double[] magnitude = magnitudes(doubles, xd, out, logitGrad, factorArrays, before);

    int n = BATCH + (noise == null ? 0 : noise.length) + (factors == null ? 0 : 2);
    for (int l = 0; l < arch.numLayers(); l++) {
      n += arch.fanIn(l);
    }
    double u = Math.ulp(1.0f) / 2;
    double gamma = n * u / (1 - n * u) + Math.scalb(1.0, -21);
    float[] actual = gradient.toFloatVector();
    for (int p = 0; p < exact.length; p++) {
      assertEquals(exact[p], actual[p], 2 * gamma * magnitude[p] + Double.MIN_NORMAL,
          activation + ": parameter " + p);
    }
    assertEquals(exactLoss, loss, 2 * gamma * (1 + exactLoss), activation + ": loss");
  }

  /** |A|^T |G| and 1^T |G| per layer, laid out like the gradient, from the double passes. */
  private static double[] magnitudes(Mlp model, INDArray x, INDArray[] out, INDArray logitGrad,
      INDArray[] factors, INDArray[] before) {
    MlpArchitecture arch = model.architecture();
    double[] result = new double[(int) arch.parameterCount()];
    INDArray g = logitGrad;
    for (int l = arch.numLayers() - 1; l >= 0; l--) {
      INDArray a = l == 0 ? x : out[l - 1];
      double[] w = Transforms.abs(a).transpose().mmul(Transforms.abs(g)).ravel().toDoubleVector();
      System.arraycopy(w, 0, result, (int) arch.weightOffset(l), w.length);
      double[] b = Transforms.abs(g).sum(0).toDoubleVector();
      System.arraycopy(b, 0, result, (int) arch.biasOffset(l), b.length);
      if (l > 0) {
        INDArray below = g.mmul(model.weight(l).transpose());
        if (arch.quantized()) { // straight through, f' at the values before quantization
          INDArray f = (l == 1 ? x : out[l - 2]).mmul(model.weight(l - 1))
              .addiRowVector(model.bias(l - 1));
          arch.activation().applyInPlace(f);
          arch.activation().multiplyByDerivative(f, below);
          arch.quantization().maskOutsideRange(f, below, f.ulike(), arch.activation());
        } else {
          if (factors != null && factors[l - 1] != null) {
            below.muli(factors[l - 1].castTo(below.dataType()));
          }
          arch.activation().multiplyByDerivative(before == null ? out[l - 1] : before[l - 1], below);
        }
        g = below;
      }
    }
    return result;
  }

  @Test
  void fastTanhIsWithinTwoToTheMinus21OfTanh() {
    double worst = 0;
    for (int i = -2_000_000; i <= 2_000_000; i++) {
      float v = i * 6e-6f; // -12 .. 12
      double exact = Math.tanh(v);
      double error = Math.abs(FastTanh.tanh(v) - exact) / Math.max(Math.abs(exact), Double.MIN_NORMAL);
      worst = Math.max(worst, v == 0 ? 0 : error);
    }
    assertTrue(worst <= Math.scalb(1.0, -21), "largest relative error " + worst);
    assertEquals(0f, FastTanh.tanh(0f), 0f);
    assertEquals(1f, FastTanh.tanh(30f), 0f);
    assertEquals(-1f, FastTanh.tanh(-30f), 0f);
  }
}
