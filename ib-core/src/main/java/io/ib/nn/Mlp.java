package io.ib.nn;

import java.util.Objects;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A multilayer perceptron whose parameters live in one flat vector.
 *
 * <p>Layer l holds W_l (fanIn x fanOut) and b_l (1 x fanOut) as views into {@link #parameters()},
 * laid out W_0, b_0, W_1, b_1, ... Keeping every parameter in one contiguous vector lets the optimiser
 * update the whole network with a couple of ND4J calls instead of two per tensor.
 *
 * <p>Forward pass, for a mini-batch X (B x inputSize): A_0 = X, Z_l = A_l W_l + b_l,
 * A_{l+1} = f(Z_l) for hidden layers; the last Z is the logits (B x numClasses).
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
    this.weights = weightViews(architecture, parameters);
    this.biases = biasViews(architecture, parameters);
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
    float[] flat = new float[Math.toIntExact(architecture.parameterCount())];
    int offset = 0;
    for (int l = 0; l < architecture.numLayers(); l++) {
      int in = architecture.fanIn(l);
      int out = architecture.fanOut(l);
      float[] w = new float[in * out];
      float[] b = new float[out];
      init.fill(w, b, in, out, rng);
      System.arraycopy(w, 0, flat, offset, w.length);
      offset += w.length;
      System.arraycopy(b, 0, flat, offset, b.length);
      offset += b.length;
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
   * Runs the forward pass into preallocated outputs.
   *
   * @param x inputs, B x inputSize
   * @param outputs one B x fanOut(l) array per layer: hidden activations f(Z_l), then the logits
   */
  public void forward(INDArray x, INDArray[] outputs) {
    PreparedPass.forward(this, x, weight(0), outputs).run();
  }

  /**
   * Runs the forward pass of a batch given as all columns or as its active columns (see
   * {@link InputBatch}); for active columns, W_0's rows of those columns are copied first.
   *
   * @param x inputs in this model's data type
   * @param outputs one B x fanOut(l) array per layer: hidden activations f(Z_l), then the logits
   */
  public void forward(InputBatch x, INDArray[] outputs) {
    if (x.inputSize() != architecture.inputSize()) {
      throw new IllegalArgumentException("the model takes " + architecture.inputSize()
          + " inputs, the batch has " + x.inputSize());
    }
    if (x.isDense()) {
      forward(x.values(), outputs);
      return;
    }
    int count = x.activeCount();
    INDArray w0 = Nd4j.zeros(dataType(), x.values().columns(), architecture.fanOut(0));
    if (count > 0) {
      w0.get(NDArrayIndex.interval(0, count), NDArrayIndex.all())
          .assign(Nd4j.pullRows(weight(0), 1, java.util.Arrays.copyOf(x.columnArray(), count)));
    }
    PreparedPass.forward(this, x.values(), w0, outputs).run();
  }

  /**
   * Runs the forward pass into newly allocated arrays.
   *
   * @param x inputs, B x inputSize
   * @return one array per layer: hidden activations, then the logits (B x numClasses)
   */
  public INDArray[] forward(INDArray x) {
    checkInput(x);
    INDArray[] outputs = allocateOutputs(x.rows());
    forward(x.castTo(dataType()), outputs);
    return outputs;
  }

  /**
   * Backward pass for a loss whose gradient with respect to the logits is known.
   *
   * @param x the inputs of the forward pass, B x inputSize
   * @param outputs the forward pass's outputs (hidden activations are read, not changed)
   * @param logitGrad dL/dlogits, B x numClasses; left unchanged
   * @param hiddenGrad one B x width scratch array per hidden layer (receives dL/dZ)
   * @param scratch one B x width scratch array per hidden layer (used by some activations) or null
   * @param ones a B x 1 array of ones (bias gradients are ones^T G, a GEMM)
   * @param gradient flat gradient vector laid out like {@link #parameters()}; overwritten
   */
  public void backward(INDArray x, INDArray[] outputs, INDArray logitGrad, INDArray[] hiddenGrad,
      INDArray[] scratch, INDArray ones, GradientViews gradient) {
    PreparedPass.backward(this, x, outputs, logitGrad, hiddenGrad, scratch, ones, gradient,
        gradient.weight(0)).run();
  }

  /** One B x fanOut(l) array per layer in this model's data type. */
  public INDArray[] allocateOutputs(long batchSize) {
    INDArray[] outputs = new INDArray[architecture.numLayers()];
    for (int l = 0; l < outputs.length; l++) {
      outputs[l] = Nd4j.createUninitialized(dataType(), batchSize, architecture.fanOut(l));
    }
    return outputs;
  }

  private void checkInput(INDArray x) {
    if (x.rank() != 2 || x.columns() != architecture.inputSize()) {
      throw new IllegalArgumentException("expected inputs of shape [B, " + architecture.inputSize()
          + "], got " + java.util.Arrays.toString(x.shape()));
    }
  }

  static INDArray[] weightViews(MlpArchitecture arch, INDArray flat) {
    INDArray[] views = new INDArray[arch.numLayers()];
    long offset = 0;
    for (int l = 0; l < views.length; l++) {
      int in = arch.fanIn(l);
      int out = arch.fanOut(l);
      views[l] = segment(flat, offset, (long) in * out).reshape('c', in, out);
      offset += (long) in * out + out;
    }
    return views;
  }

  static INDArray[] biasViews(MlpArchitecture arch, INDArray flat) {
    INDArray[] views = new INDArray[arch.numLayers()];
    long offset = 0;
    for (int l = 0; l < views.length; l++) {
      int in = arch.fanIn(l);
      int out = arch.fanOut(l);
      offset += (long) in * out;
      views[l] = segment(flat, offset, out).reshape('c', 1, out);
      offset += out;
    }
    return views;
  }

  private static INDArray segment(INDArray flat, long offset, long length) {
    return flat.get(NDArrayIndex.interval(offset, offset + length));
  }
}
