package io.ib.train.internal;

import io.ib.nn.Activation;
import io.ib.nn.Mlp;
import io.ib.nn.MlpArchitecture;
import io.ib.nn.SoftmaxCrossEntropy;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every array a training step needs for one model and one batch size, allocated once and reused, and
 * the step's ND4J calls, bound to them once (see {@link PreparedPass}): the forward pass, loss and
 * backward pass of {@link Mlp#forward}, {@link SoftmaxCrossEntropy} and {@link Mlp#backward}, with
 * the same arithmetic.
 */
public final class StepBuffers {
  private static final int MAX_BINDINGS = 32;
  final INDArray[] outputs;
  final INDArray[] hiddenGrad;
  final INDArray[] scratch;
  final INDArray[] unquantized; // quantized or noisy models only: f(Z) before quantization or noise
  final INDArray[] noise; // noisy models only: this step's noise per hidden layer
  final INDArray[] factors; // models with dropout only: this step's factors (null: layer without)
  final INDArray logitGrad;
  final INDArray ones;
  final SoftmaxCrossEntropy loss;
  private final List<Binding> bindings = new ArrayList<>();
  private ActiveRows activeRows; // made at the first batch of active columns, shared by its bindings
  private Mlp boundModel; // the bindings are for this model and gradient
  private GradientViews boundGradient;

  /** Buffers for mini-batches of {@code batchSize} rows. */
  public StepBuffers(Mlp model, int batchSize) {
    this(model, batchSize, false);
  }

  /**
   * Buffers for mini-batches of {@code batchSize} rows of a noisy network (noisy true), whose
   * steps take their noise (see {@link #lossAndGradient(Mlp, InputBatch, int[], GradientViews,
   * float[][])}), or of a noiseless one.
   */
  public StepBuffers(Mlp model, int batchSize, boolean noisy) {
    this(model, batchSize, noisy, -1);
  }

  /**
   * Buffers for a network whose hidden layer {@code dropoutLayer} (0-based; -1 for none) has
   * dropout, whose steps take their factors (see {@link #lossAndGradient(Mlp, InputBatch, int[],
   * GradientViews, float[][], float[][])}).
   */
  public StepBuffers(Mlp model, int batchSize, boolean noisy, int dropoutLayer) {
    MlpArchitecture arch = model.architecture();
    DataType type = model.dataType();
    int hidden = arch.hiddenWidths().size();
    this.outputs = PreparedPass.outputs(model, batchSize);
    this.hiddenGrad = new INDArray[hidden];
    boolean needsScratch = arch.activation() != Activation.LINEAR || arch.quantized();
    this.scratch = needsScratch ? new INDArray[hidden] : null;
    boolean keep = arch.quantized() || noisy || dropoutLayer >= 0;
    this.unquantized = keep ? new INDArray[hidden] : null;
    this.noise = noisy ? new INDArray[hidden] : null;
    this.factors = dropoutLayer >= 0 ? new INDArray[hidden] : null;
    if (factors != null) {
      factors[dropoutLayer] = Nd4j.createUninitialized(type, batchSize, arch.fanOut(dropoutLayer));
    }
    for (int l = 0; l < hidden; l++) {
      hiddenGrad[l] = Nd4j.createUninitialized(type, batchSize, arch.fanOut(l));
      if (needsScratch) {
        scratch[l] = Nd4j.createUninitialized(type, batchSize, arch.fanOut(l));
      }
      if (keep) {
        unquantized[l] = Nd4j.createUninitialized(type, batchSize, arch.fanOut(l));
      }
      if (noisy) {
        noise[l] = Nd4j.createUninitialized(type, batchSize, arch.fanOut(l));
      }
    }
    this.logitGrad = Nd4j.createUninitialized(type, batchSize, arch.numClasses());
    this.ones = Nd4j.ones(type, batchSize, 1);
    this.loss = new SoftmaxCrossEntropy(batchSize, arch.numClasses());
  }

  /** The forward pass's outputs: hidden activations, then logits. */
  public INDArray[] outputs() {
    return outputs;
  }

  /**
   * Forward pass, loss and backward pass for one mini-batch.
   *
   * @param model the network (parameters are read, not changed)
   * @param x inputs, B x inputSize, in the model's data type
   * @param labels the B classes
   * @param gradient receives dL/dparameters of the mean loss
   * @return the mean loss in nats
   */
  public double lossAndGradient(Mlp model, INDArray x, int[] labels, GradientViews gradient) {
    return lossAndGradient(model, InputBatch.dense(x), labels, gradient);
  }

  /**
   * Forward pass, loss and backward pass for one mini-batch, given as all columns or as its active
   * columns. Active columns are used as such for float models on the CPU backend, where they save
   * the products of the zero columns; elsewhere the batch is expanded to all columns first.
   *
   * @param model the network (parameters are read, not changed)
   * @param x the inputs, in the model's data type
   * @param labels the B classes
   * @param gradient receives dL/dparameters of the mean loss
   * @return the mean loss in nats
   */
  public double lossAndGradient(Mlp model, InputBatch x, int[] labels, GradientViews gradient) {
    return lossAndGradient(model, x, labels, gradient, null);
  }

  /**
   * As {@link #lossAndGradient(Mlp, InputBatch, int[], GradientViews)}, for buffers of a noisy
   * network.
   *
   * @param hiddenNoise this step's noise, one row-major B x fanOut(l) array per hidden layer; null
   *     exactly when the buffers are for a noiseless network
   */
  public double lossAndGradient(Mlp model, InputBatch x, int[] labels, GradientViews gradient,
      float[][] hiddenNoise) {
    return lossAndGradient(model, x, labels, gradient, hiddenNoise, null);
  }

  /**
   * As {@link #lossAndGradient(Mlp, InputBatch, int[], GradientViews, float[][])}, for buffers of a
   * network with dropout.
   *
   * @param hiddenFactors this step's dropout factors, per hidden layer null or a row-major
   *     B x fanOut(l) array; null exactly when the buffers are for a network without dropout
   */
  public double lossAndGradient(Mlp model, InputBatch x, int[] labels, GradientViews gradient,
      float[][] hiddenNoise, float[][] hiddenFactors) {
    if ((hiddenFactors != null) != (factors != null)) {
      throw new IllegalArgumentException(factors == null ? "these buffers are for a network"
          + " without dropout" : "these buffers are for a network with dropout: give its factors");
    }
    for (int l = 0; hiddenFactors != null && l < factors.length; l++) {
      if (factors[l] != null) {
        factors[l].assign(Nd4j.create(hiddenFactors[l], factors[l].shape(), DataType.FLOAT));
      }
    }
    if ((hiddenNoise != null) != (noise != null)) {
      throw new IllegalArgumentException(noise == null ? "these buffers are for a noiseless network"
          : "these buffers are for a noisy network: give the step's noise");
    }
    for (int l = 0; hiddenNoise != null && l < noise.length; l++) {
      noise[l].assign(Nd4j.create(hiddenNoise[l], noise[l].shape(), DataType.FLOAT));
    }
    if (x.inputSize() != model.architecture().inputSize()) {
      throw new IllegalArgumentException("the model takes " + model.architecture().inputSize()
          + " inputs, the batch has " + x.inputSize());
    }
    if (x.rows() != logitGrad.rows()) {
      throw new IllegalArgumentException("these buffers are for batches of " + logitGrad.rows()
          + " rows, got " + x.rows());
    }
    if (!x.isDense() && !ActiveRows.supported(model)) {
      x = InputBatch.dense(x.toDense());
    }
    Binding binding = bind(model, x.values(), gradient, x.isDense());
    ActiveRows rows = binding.activeRows;
    if (rows != null) {
      rows.gather(binding.parameterBuffer, x.columnArray(), x.activeCount(), x.values().columns());
    }
    binding.forward.run();
    double value = loss.lossAndGradient(outputs[outputs.length - 1], labels, logitGrad);
    binding.backward.run();
    if (rows != null) {
      rows.scatter(binding.gradientBuffer, x.inputSize(), x.columnArray(), x.activeCount());
    }
    return value;
  }

  // Binding the ~20 calls costs about a millisecond, so bindings are kept per input array: a training
  // loop cycles through a few (one per batch width), and the cache is bounded for callers that pass
  // a new array every time.
  private Binding bind(Mlp model, INDArray x, GradientViews gradient, boolean dense) {
    if (model != boundModel || gradient != boundGradient) {
      bindings.clear();
      boundModel = model;
      boundGradient = gradient;
    }
    for (Binding b : bindings) {
      if (b.inputs == x && (b.activeRows == null) == dense) {
        return b;
      }
    }
    if (bindings.size() == MAX_BINDINGS) {
      bindings.remove(0);
    }
    Binding b = new Binding(model, x, gradient, dense);
    bindings.add(b);
    return b;
  }

  private ActiveRows sharedActiveRows(Mlp model) {
    if (activeRows == null) {
      activeRows = new ActiveRows(model.architecture().inputSize(), model.architecture().fanOut(0));
    }
    return activeRows;
  }

  /** The prepared passes for one input array (and, for active columns, the first layer's rows). */
  private final class Binding {
    final INDArray inputs;
    final ActiveRows activeRows; // null for all columns
    final PreparedPass forward;
    final PreparedPass backward;
    final FloatBuffer parameterBuffer;
    final FloatBuffer gradientBuffer;

    Binding(Mlp model, INDArray x, GradientViews gradient, boolean dense) {
      this.inputs = x;
      this.activeRows = dense ? null : sharedActiveRows(model);
      INDArray w0 = dense ? model.weight(0) : activeRows.weight(x.columns());
      INDArray dw0 = dense ? gradient.weight(0) : activeRows.weightGrad(x.columns());
      this.forward = PreparedPass.forward(model, x, w0, outputs, unquantized, noise, factors);
      this.backward = PreparedPass.backward(model, x, outputs, logitGrad, hiddenGrad, scratch,
          unquantized, factors, ones, gradient, dw0);
      // W_0 and dW_0 come first in the flat vectors (Mlp's layout).
      this.parameterBuffer = dense ? null : model.parameters().data().asNioFloat();
      this.gradientBuffer = dense ? null : gradient.flat().data().asNioFloat();
    }
  }
}
