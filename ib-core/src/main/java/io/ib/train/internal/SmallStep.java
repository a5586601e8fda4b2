package io.ib.train.internal;

import io.ib.internal.HostCopy;
import io.ib.nn.Activation;
import io.ib.nn.Mlp;
import io.ib.nn.MlpArchitecture;
import io.ib.nn.Quantization;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The training step of a small network as Java loops over primitive arrays: the forward pass, the
 * softmax cross-entropy and the backward pass of {@link Mlp#forward} and {@link Mlp#backward}, with
 * the same formulas and a different order of float sums.
 *
 * <p>Why: a network such as the 12-10-7-5-4-3-2 of the 12-bit task does a few hundred thousand
 * multiply-adds per step, less than the fixed cost of the 20-odd ND4J calls of a step (each a native
 * call of several microseconds). Here a step costs one bulk copy of the parameters and the batch in,
 * one of the gradient out, and loops whose inner index runs over the batch: activations are stored
 * feature-major (unit by unit, every sample of the batch contiguous), so the loops that dominate
 * run over contiguous floats, which the JIT compiles to vector instructions.
 *
 * <p>tanh is {@link FastTanh}, a rational approximation within a few float ulps of the exact value.
 * Quantized networks quantize each hidden unit's values with the same float operations as
 * {@link Quantization#applyInPlace}, keep the values before quantization for the straight-through
 * backward pass, and cut the gradient outside the range, as {@link Mlp#backward} does. Noisy
 * networks add the step's noise after the activation and keep the values before it, at which the
 * backward pass takes f'; networks with dropout multiply by the step's factors there, and the
 * backward pass multiplies dL/dA by them.
 * Results are deterministic, and independent of anything but the step's inputs.
 *
 * <p>Not thread-safe: one instance per trainer.
 */
public final class SmallStep {
  /** Networks with at most this many parameters, on dense float data, take this path. */
  public static final long MAX_PARAMETERS = 20_000;

  private final MlpArchitecture arch;
  private final Quantization quantization;
  private final int layers;
  private final float[] params;
  private final float[] gradient;
  private final int[] weightOffset;
  private final int[] biasOffset;
  private final double[] exps;
  private int capacity;
  private float[] xRows; // B x d, as gathered
  // Feature-major: one array per unit, holding that unit's value for every sample of the batch. Loops
  // over one such array compile to vector instructions; loops over offsets into one long array did not.
  private float[][] x; // d rows
  private float[][][] act; // layer l: fanOut(l) rows; the last is the logits, then dL/dlogits
  private float[][][] grad; // hidden layer l: fanOut(l) rows of dL/dZ_l
  // Quantized or noisy networks, hidden layer l: f(Z_l) before quantization or noise.
  private float[][][] unquantized;
  private boolean noisy; // the kept values are for noise or dropout (not quantization)
  private float[][] factors; // this step's dropout factors, or null

  /** True where this path applies: a small float model on the CPU backend. */
  public static boolean supports(Mlp model) {
    return model.dataType() == DataType.FLOAT && HostCopy.hostMemory()
        && model.architecture().parameterCount() <= MAX_PARAMETERS;
  }

  /** Buffers for one model's architecture. */
  public SmallStep(MlpArchitecture architecture) {
    this.arch = architecture;
    this.quantization = architecture.quantization();
    this.layers = architecture.numLayers();
    this.params = new float[(int) architecture.parameterCount()];
    this.gradient = new float[params.length];
    this.weightOffset = new int[layers];
    this.biasOffset = new int[layers];
    this.exps = new double[architecture.numClasses()];
    for (int l = 0; l < layers; l++) {
      weightOffset[l] = (int) architecture.weightOffset(l);
      biasOffset[l] = (int) architecture.biasOffset(l);
    }
  }

  private void ensureCapacity(int rows, boolean keep) {
    if (rows == capacity && (unquantized != null) == keep) {
      return;
    }
    // Two batch sizes alternate in an epoch (full batches and the shorter last one): the arrays
    // are sized exactly, so that the loops need no bound other than the array's length.
    capacity = rows;
    xRows = new float[rows * arch.inputSize()];
    x = new float[arch.inputSize()][rows];
    act = new float[layers][][];
    grad = new float[layers][][];
    unquantized = keep ? new float[layers - 1][][] : null;
    for (int l = 0; l < layers; l++) {
      act[l] = new float[arch.fanOut(l)][rows];
      grad[l] = new float[arch.fanOut(l)][rows];
      if (unquantized != null && l < layers - 1) {
        unquantized[l] = new float[arch.fanOut(l)][rows];
      }
    }
  }

  /**
   * Forward pass, mean softmax cross-entropy and backward pass for one mini-batch.
   *
   * @param model a model that {@link #supports} this path, of this step's architecture
   * @param inputs B x inputSize float inputs
   * @param labels the B classes
   * @param gradientOut receives dL/dparameters, laid out like {@link Mlp#parameters()}
   * @return the mean loss in nats
   */
  public double lossAndGradient(Mlp model, INDArray inputs, int[] labels, INDArray gradientOut) {
    return lossAndGradient(model, inputs, labels, gradientOut, null);
  }

  /**
   * As {@link #lossAndGradient(Mlp, INDArray, int[], INDArray)} for a noisy network.
   *
   * @param noise one row-major B x fanOut(l) array per hidden layer, added after the activation;
   *     null for none
   */
  public double lossAndGradient(Mlp model, INDArray inputs, int[] labels, INDArray gradientOut,
      float[][] noise) {
    return lossAndGradient(model, inputs, labels, gradientOut, noise, null);
  }

  /**
   * As {@link #lossAndGradient(Mlp, INDArray, int[], INDArray, float[][])} for a network with
   * dropout: hidden layer l's activation is multiplied by its factors, and dL/dA by them too.
   *
   * @param factors per hidden layer null or a row-major B x fanOut(l) array; null for none
   */
  public double lossAndGradient(Mlp model, INDArray inputs, int[] labels, INDArray gradientOut,
      float[][] noise, float[][] factors) {
    int rows = labels.length;
    int d = arch.inputSize();
    this.factors = factors;
    noisy = noise != null || factors != null;
    ensureCapacity(rows, quantization.enabled() || noisy);
    HostCopy.read(model.parameters(), params);
    if (inputs.isView() || inputs.ordering() != 'c' || inputs.length() != (long) rows * d) {
      inputs = inputs.dup('c');
    }
    HostCopy.read(inputs, xRows);
    for (int i = 0; i < d; i++) {
      float[] xi = x[i];
      for (int b = 0; b < rows; b++) {
        xi[b] = xRows[b * d + i];
      }
    }
    forward(noise);
    double loss = softmaxCrossEntropy(labels);
    backward();
    HostCopy.write(gradient, gradientOut);
    return loss;
  }

  private void forward(float[][] noise) {
    Activation f = arch.activation();
    for (int l = 0; l < layers; l++) {
      float[][] a = l == 0 ? x : act[l - 1];
      float[][] z = act[l];
      int fanIn = arch.fanIn(l);
      int fanOut = arch.fanOut(l);
      int w = weightOffset[l];
      for (int j = 0; j < fanOut; j++) {
        float[] zj = z[j];
        java.util.Arrays.fill(zj, params[biasOffset[l] + j]);
        for (int i = 0; i < fanIn; i++) {
          axpy(params[w + i * fanOut + j], a[i], zj);
        }
        if (l < layers - 1) {
          switch (f) {
            case RELU -> {
              for (int b = 0; b < zj.length; b++) {
                zj[b] = Math.max(zj[b], 0f);
              }
            }
            case TANH -> {
              for (int b = 0; b < zj.length; b++) {
                zj[b] = FastTanh.tanh(zj[b]);
              }
            }
            case LINEAR -> { }
            default -> throw new IllegalStateException("unknown activation " + f);
          }
          if (unquantized != null) {
            System.arraycopy(zj, 0, unquantized[l][j], 0, zj.length);
          }
          if (factors != null && factors[l] != null) {
            float[] ml = factors[l];
            for (int b = 0; b < zj.length; b++) {
              zj[b] *= ml[b * fanOut + j];
            }
          }
          if (noise != null) {
            float[] nl = noise[l];
            for (int b = 0; b < zj.length; b++) {
              zj[b] += nl[b * fanOut + j];
            }
          } else if (unquantized != null && factors == null) {
            quantize(zj);
          }
        }
      }
    }
  }

  /** {@link Quantization#applyInPlace}'s operations, in the same float arithmetic. */
  private void quantize(float[] values) {
    float lower = (float) quantization.lower();
    float upper = (float) quantization.upper();
    float step = (float) quantization.step();
    for (int b = 0; b < values.length; b++) {
      float level = (float) Math.rint((Math.min(Math.max(values[b], lower), upper) - lower) / step);
      values[b] = level * step + lower;
    }
  }

  /** y += alpha x. */
  private static void axpy(float alpha, float[] x, float[] y) {
    for (int b = 0; b < y.length; b++) {
      y[b] += alpha * x[b];
    }
  }

  /** The mean loss; the logits' rows then hold dL/dlogits = (softmax - onehot) / B. */
  private double softmaxCrossEntropy(int[] labels) {
    float[][] z = act[layers - 1];
    int classes = arch.numClasses();
    int rows = labels.length;
    double total = 0;
    double scale = 1.0 / rows;
    double[] e = exps;
    for (int b = 0; b < rows; b++) {
      int y = labels[b];
      if (y < 0 || y >= classes) {
        throw new IllegalArgumentException("label " + y + " at row " + b + " is outside [0, "
            + classes + ")");
      }
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < classes; j++) {
        max = Math.max(max, z[j][b]);
      }
      double sum = 0;
      for (int j = 0; j < classes; j++) {
        e[j] = Math.exp(z[j][b] - max);
        sum += e[j];
      }
      total += Math.log(sum) - (z[y][b] - max);
      for (int j = 0; j < classes; j++) {
        z[j][b] = (float) ((e[j] / sum - (j == y ? 1 : 0)) * scale);
      }
    }
    return total / rows;
  }

  private void backward() {
    Activation f = arch.activation();
    for (int l = layers - 1; l >= 0; l--) {
      float[][] g = l == layers - 1 ? act[l] : grad[l];
      float[][] a = l == 0 ? x : act[l - 1];
      int fanIn = arch.fanIn(l);
      int fanOut = arch.fanOut(l);
      int w = weightOffset[l];
      for (int j = 0; j < fanOut; j++) {
        gradient[biasOffset[l] + j] = sum(g[j]);
        for (int i = 0; i < fanIn; i++) {
          gradient[w + i * fanOut + j] = dot(a[i], g[j]);
        }
      }
      if (l == 0) {
        break;
      }
      float[][] below = grad[l - 1];
      // f' at the values before quantization (straight through q), as Mlp.backward takes it.
      float[][] out = unquantized != null ? unquantized[l - 1] : act[l - 1];
      for (int i = 0; i < fanIn; i++) {
        float[] bi = below[i];
        java.util.Arrays.fill(bi, 0f);
        for (int j = 0; j < fanOut; j++) {
          axpy(params[w + i * fanOut + j], g[j], bi);
        }
        if (factors != null && factors[l - 1] != null) {
          float[] m = factors[l - 1];
          for (int b = 0; b < bi.length; b++) {
            bi[b] *= m[b * fanIn + i]; // dA/df = M
          }
        }
        float[] oi = out[i];
        switch (f) {
          case RELU -> {
            for (int b = 0; b < bi.length; b++) {
              bi[b] = oi[b] > 0 ? bi[b] : 0f;
            }
          }
          case TANH -> {
            for (int b = 0; b < bi.length; b++) {
              bi[b] *= 1 - oi[b] * oi[b];
            }
          }
          case LINEAR -> { }
          default -> throw new IllegalStateException("unknown activation " + f);
        }
        if (unquantized != null && !noisy) {
          float lower = (float) quantization.lower();
          float upper = (float) quantization.upper();
          for (int b = 0; b < bi.length; b++) {
            bi[b] = oi[b] >= lower && oi[b] <= upper ? bi[b] : 0f;
          }
        }
      }
    }
  }

  // Eight independent partial sums: Java does not reorder float additions, so one running sum
  // would wait for each addition to finish; eight keep the adders busy (twice as fast as four).
  private static float dot(float[] a, float[] b) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    float s4 = 0;
    float s5 = 0;
    float s6 = 0;
    float s7 = 0;
    int n = a.length;
    int k = 0;
    for (; k + 7 < n; k += 8) {
      s0 += a[k] * b[k];
      s1 += a[k + 1] * b[k + 1];
      s2 += a[k + 2] * b[k + 2];
      s3 += a[k + 3] * b[k + 3];
      s4 += a[k + 4] * b[k + 4];
      s5 += a[k + 5] * b[k + 5];
      s6 += a[k + 6] * b[k + 6];
      s7 += a[k + 7] * b[k + 7];
    }
    for (; k < n; k++) {
      s0 += a[k] * b[k];
    }
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  }

  private static float sum(float[] a) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    int n = a.length;
    int k = 0;
    for (; k + 3 < n; k += 4) {
      s0 += a[k];
      s1 += a[k + 1];
      s2 += a[k + 2];
      s3 += a[k + 3];
    }
    for (; k < n; k++) {
      s0 += a[k];
    }
    return (s0 + s1) + (s2 + s3);
  }
}
