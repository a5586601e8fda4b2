package io.ib.nn;

import java.util.Objects;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A multilayer perceptron whose parameters live in one flat vector, with its forward and backward
 * pass written out plainly on ND4J arrays.
 *
 * <p>Layer l holds W_l (fanIn x fanOut) and b_l (1 x fanOut) as views into {@link #parameters()},
 * laid out W_0, b_0, W_1, b_1, ... (offsets: {@link MlpArchitecture#weightOffset},
 * {@link MlpArchitecture#biasOffset}). Keeping every parameter in one contiguous vector lets the
 * optimiser update the whole network at once.
 *
 * <p>Forward pass, for a mini-batch X (B x inputSize): A_0 = X, Z_l = A_l W_l + b_l,
 * A_{l+1} = f(Z_l) for hidden layers; the last Z is the logits (B x numClasses).
 *
 * <p>Backward pass, given G = dL/dlogits: for l from the last layer down, dW_l = A_l^T G,
 * db_l = 1^T G (the column sums of G), and below the first layer G becomes (G W_l^T) * f'(Z_{l-1}),
 * with f' expressed through the layer's output (see {@link Activation}).
 *
 * <p>A quantized architecture ({@link MlpArchitecture#quantization()}) quantizes every hidden
 * output: A_{l+1} = q(f(Z_l)). The backward pass is then straight-through (see
 * {@link Quantization}): f' is taken at the unquantized f(Z_l), which it recomputes from A_l, and
 * the gradient is cut where f(Z_l) lies outside the quantization range.
 *
 * <p>A noisy network (Goldfeld et al., ICML 2019) adds Gaussian noise after every hidden layer's
 * activation: A_{l+1} = f(Z_l) + N_l ({@link #forward(INDArray, INDArray[], INDArray[])}, with the
 * noise drawn by the caller). The noise is additive, so the gradient passes it unchanged; f' is
 * taken at the noiseless f(Z_l), which the forward pass keeps for the backward pass
 * ({@link #backward(INDArray, INDArray[], INDArray, INDArray[])}).
 *
 * <p>These two methods are the reference: {@link io.ib.train.Trainer} runs the same arithmetic with
 * its ND4J calls bound once to preallocated arrays, and a test holds the two to the same bits.
 *
 * <p>Not thread-safe: a model is trained by one thread at a time.
 */
public final class Mlp {
  private final MlpArchitecture architecture;
  private final INDArray parameters;
  private final INDArray[] weights;
  private final INDArray[] biases;

  private Mlp(MlpArchitecture architecture, INDArray parameters) {
    this.architecture = architecture;
    this.parameters = parameters;
    this.weights = new INDArray[architecture.numLayers()];
    this.biases = new INDArray[architecture.numLayers()];
    for (int l = 0; l < weights.length; l++) {
      weights[l] = weightView(architecture, parameters, l);
      biases[l] = biasView(architecture, parameters, l);
    }
  }

  /**
   * A freshly initialised network.
   *
   * @param seed seed of the Java generator that draws the parameters (layer by layer, W before b)
   * @param dataType FLOAT for training, DOUBLE for gradient checks
   */
  public static Mlp initialize(
      MlpArchitecture architecture, WeightInit init, long seed, DataType dataType) {
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(init, "init");
    SplittableRandom rng = new SplittableRandom(seed);
    float[] flat = new float[(int) architecture.parameterCount()];
    for (int l = 0; l < architecture.numLayers(); l++) {
      int in = architecture.fanIn(l);
      int out = architecture.fanOut(l);
      float[] w = new float[in * out];
      float[] b = new float[out];
      init.fill(w, b, in, out, l == architecture.numLayers() - 1, rng);
      System.arraycopy(w, 0, flat, (int) architecture.weightOffset(l), w.length);
      System.arraycopy(b, 0, flat, (int) architecture.biasOffset(l), b.length);
    }
    INDArray params = Nd4j.create(flat, new long[] {flat.length}, DataType.FLOAT).castTo(dataType);
    return new Mlp(architecture, params);
  }

  /**
   * A network with the given parameters (copied), laid out as {@link #parameters()} describes.
   *
   * @throws IllegalArgumentException if the vector length does not match the architecture
   */
  public static Mlp withParameters(MlpArchitecture architecture, INDArray flatParameters) {
    if (flatParameters.length() != architecture.parameterCount()) {
      throw new IllegalArgumentException("architecture " + architecture + " has "
          + architecture.parameterCount() + " parameters, got a vector of " + flatParameters.length());
    }
    return new Mlp(architecture, flatParameters.reshape(flatParameters.length()).dup('c'));
  }

  /** An independent copy (parameters duplicated). */
  public Mlp copy() {
    return new Mlp(architecture, parameters.dup('c'));
  }

  /** The architecture. */
  public MlpArchitecture architecture() {
    return architecture;
  }

  /** Floating-point type of the parameters. */
  public DataType dataType() {
    return parameters.dataType();
  }

  /** All parameters as one live vector (writes change the model). */
  public INDArray parameters() {
    return parameters;
  }

  /** W_l, fanIn x fanOut, a live view. */
  public INDArray weight(int layer) {
    return weights[layer];
  }

  /** b_l, 1 x fanOut, a live view. */
  public INDArray bias(int layer) {
    return biases[layer];
  }

  /**
   * The forward pass.
   *
   * @param x inputs, B x inputSize (any floating type; computed in this model's type)
   * @return one new array per layer: the hidden activations A_1 .. A_L (B x fanOut(l)), then the
   *     logits (B x numClasses)
   * @throws IllegalArgumentException if x is not a B x inputSize matrix
   */
  public INDArray[] forward(INDArray x) {
    return forward(x, null, null);
  }

  /**
   * The forward pass of the noisy network: every hidden layer's output is f(Z_l) + N_l.
   *
   * @param x inputs, B x inputSize
   * @param hiddenNoise one B x fanOut(l) array per hidden layer, added after the activation (read,
   *     not changed); null for the noiseless pass of {@link #forward(INDArray)}
   * @param beforeNoise null, or one slot per hidden layer that receives a new array holding f(Z_l)
   *     before the noise is added (the noiseless centre of the layer given its input)
   * @return the hidden outputs f(Z_l) + N_l, then the logits
   * @throws IllegalArgumentException if x or the noise has the wrong shape, or the network is
   *     quantized (noise and quantization are not combined)
   */
  public INDArray[] forward(INDArray x, INDArray[] hiddenNoise, INDArray[] beforeNoise) {
    return forward(x, hiddenNoise, null, beforeNoise);
  }

  /**
   * The forward pass of a network with dropout: hidden layer l's output is f(Z_l) M_l, M_l the
   * dropout factors (io.ib.train.HiddenDropout), then + N_l if noise is given too.
   *
   * @param factors null, or one B x fanOut(l) array or null per hidden layer (read, not changed)
   * @param beforeNoise as above; with factors it receives f(Z_l) before the factors
   */
  public INDArray[] forward(INDArray x, INDArray[] hiddenNoise, INDArray[] factors,
      INDArray[] beforeNoise) {
    checkInput(x);
    if (factors != null) {
      checkNoise(factors, x.rows());
    }
    if (hiddenNoise != null) {
      checkNoise(hiddenNoise, x.rows());
    }
    int last = architecture.numLayers() - 1;
    INDArray[] outputs = new INDArray[last + 1];
    INDArray a = x.castTo(dataType());
    for (int l = 0; l <= last; l++) {
      INDArray z = Nd4j.gemm(a, weight(l), false, false).addiRowVector(bias(l)); // Z = A W + b
      if (l < last) {
        architecture.activation().applyInPlace(z); // A = f(Z)
        architecture.quantization().applyInPlace(z); // A = q(f(Z)), if quantized
        if (beforeNoise != null) {
          beforeNoise[l] = z.dup();
        }
        if (factors != null && factors[l] != null) {
          z.muli(factors[l].castTo(dataType())); // A = f(Z) M
        }
        if (hiddenNoise != null) {
          z.addi(hiddenNoise[l].castTo(dataType())); // A = f(Z) + N
        }
      }
      outputs[l] = z;
      a = z;
    }
    return outputs;
  }

  /**
   * The backward pass for a loss whose gradient with respect to the logits is known.
   *
   * @param x the inputs of the forward pass, B x inputSize
   * @param outputs the forward pass's outputs (read, not changed)
   * @param logitGrad dL/dlogits, B x numClasses (read, not changed)
   * @return dL/dparameters, a new flat vector laid out like {@link #parameters()}
   */
  public INDArray backward(INDArray x, INDArray[] outputs, INDArray logitGrad) {
    return backward(x, outputs, logitGrad, null);
  }

  /**
   * The backward pass of the noisy network: as {@link #backward(INDArray, INDArray[], INDArray)},
   * with f' taken at the noiseless f(Z_l) (the noise is additive, so dA/df = 1).
   *
   * @param beforeNoise f(Z_l) per hidden layer, as {@link #forward(INDArray, INDArray[], INDArray[])}
   *     kept it; null for a noiseless forward pass
   */
  public INDArray backward(INDArray x, INDArray[] outputs, INDArray logitGrad,
      INDArray[] beforeNoise) {
    return backward(x, outputs, logitGrad, null, beforeNoise);
  }

  /**
   * The backward pass of a network with dropout: dL/dA_l is multiplied by the factors M_l
   * (dA/df = M), then by f' at f(Z_l) before them.
   *
   * @param factors the forward pass's factors, or null
   * @param beforeNoise f(Z_l) per hidden layer, as the forward pass kept it; null for a forward
   *     pass without noise or dropout
   */
  public INDArray backward(INDArray x, INDArray[] outputs, INDArray logitGrad, INDArray[] factors,
      INDArray[] beforeNoise) {
    checkInput(x);
    INDArray input = x.castTo(dataType());
    INDArray gradient = Nd4j.zeros(dataType(), architecture.parameterCount());
    INDArray ones = Nd4j.ones(dataType(), x.rows(), 1);
    INDArray g = logitGrad; // dL/dZ_l
    for (int l = architecture.numLayers() - 1; l >= 0; l--) {
      INDArray a = l == 0 ? input : outputs[l - 1];
      weightView(architecture, gradient, l).assign(Nd4j.gemm(a, g, true, false)); // A^T G
      biasView(architecture, gradient, l).assign(Nd4j.gemm(ones, g, true, false)); // 1^T G
      if (l > 0) {
        INDArray below = Nd4j.gemm(g, weight(l), false, true); // G W^T = dL/dA_l
        if (architecture.quantized()) {
          // Straight through q: f' at the unquantized f(Z_{l-1}), zero outside q's range.
          INDArray f = Nd4j.gemm(l == 1 ? input : outputs[l - 2], weight(l - 1), false, false)
              .addiRowVector(bias(l - 1));
          architecture.activation().applyInPlace(f);
          architecture.activation().multiplyByDerivative(f, below);
          architecture.quantization().maskOutsideRange(f, below, f.ulike(),
              architecture.activation());
        } else {
          if (factors != null && factors[l - 1] != null) {
            below.muli(factors[l - 1].castTo(dataType())); // * M
          }
          INDArray f = beforeNoise == null ? outputs[l - 1] : beforeNoise[l - 1];
          architecture.activation().multiplyByDerivative(f, below); // * f'(Z_{l-1})
        }
        g = below;
      }
    }
    return gradient;
  }

  private void checkInput(INDArray x) {
    if (x.rank() != 2 || x.columns() != architecture.inputSize()) {
      throw new IllegalArgumentException("expected inputs of shape [B, " + architecture.inputSize()
          + "], got " + java.util.Arrays.toString(x.shape()));
    }
  }

  private void checkNoise(INDArray[] noise, long rows) {
    if (architecture.quantized()) {
      throw new IllegalArgumentException("a quantized network takes no noise");
    }
    int hidden = architecture.hiddenWidths().size();
    if (noise.length != hidden) {
      throw new IllegalArgumentException("expected noise for " + hidden + " hidden layers, got "
          + noise.length);
    }
    for (int l = 0; l < hidden; l++) {
      if (noise[l] != null
          && (noise[l].rows() != rows || noise[l].columns() != architecture.fanOut(l))) {
        throw new IllegalArgumentException("expected noise of shape [" + rows + ", "
            + architecture.fanOut(l) + "] for hidden layer " + (l + 1) + ", got "
            + java.util.Arrays.toString(noise[l].shape()));
      }
    }
  }

  /** W_l as a fanIn x fanOut view into a flat vector laid out like {@link #parameters()}. */
  public static INDArray weightView(MlpArchitecture arch, INDArray flat, int layer) {
    long offset = arch.weightOffset(layer);
    return flat.get(NDArrayIndex.interval(offset, arch.biasOffset(layer)))
        .reshape('c', arch.fanIn(layer), arch.fanOut(layer));
  }

  /** b_l as a 1 x fanOut view into a flat vector laid out like {@link #parameters()}. */
  public static INDArray biasView(MlpArchitecture arch, INDArray flat, int layer) {
    long offset = arch.biasOffset(layer);
    return flat.get(NDArrayIndex.interval(offset, offset + arch.fanOut(layer)))
        .reshape('c', 1, arch.fanOut(layer));
  }
}
