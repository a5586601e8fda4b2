package io.ib.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every array a training step needs for one model and one batch size, allocated once and reused, and
 * the step's ND4J calls, bound to them once (see {@link PreparedPass}).
 */
public final class BatchBuffers {
  final INDArray[] outputs;
  final INDArray[] hiddenGrad;
  final INDArray[] scratch;
  final INDArray logitGrad;
  final INDArray ones;
  final SoftmaxCrossEntropy loss;
  // The prepared passes and what they are bound to; bound again when any of these changes.
  private Mlp boundModel;
  private INDArray boundInputs;
  private GradientViews boundGradient;
  private PreparedPass forward;
  private PreparedPass backward;

  /** Buffers for mini-batches of {@code batchSize} rows. */
  public BatchBuffers(Mlp model, int batchSize) {
    MlpArchitecture arch = model.architecture();
    DataType type = model.dataType();
    int hidden = arch.hiddenWidths().size();
    this.outputs = model.allocateOutputs(batchSize);
    this.hiddenGrad = new INDArray[hidden];
    boolean needsScratch = arch.activation() != Activation.LINEAR;
    this.scratch = needsScratch ? new INDArray[hidden] : null;
    for (int l = 0; l < hidden; l++) {
      hiddenGrad[l] = Nd4j.createUninitialized(type, batchSize, arch.fanOut(l));
      if (needsScratch) {
        scratch[l] = Nd4j.createUninitialized(type, batchSize, arch.fanOut(l));
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
    if (model != boundModel || x != boundInputs || gradient != boundGradient) {
      forward = PreparedPass.forward(model, x, outputs);
      backward = PreparedPass.backward(model, x, outputs, logitGrad, hiddenGrad, scratch, ones,
          gradient);
      boundModel = model;
      boundInputs = x;
      boundGradient = gradient;
    }
    forward.run();
    double value = loss.lossAndGradient(outputs[outputs.length - 1], labels, logitGrad);
    backward.run();
    return value;
  }
}
