package io.ib.train;

import io.ib.data.LabelledData;
import io.ib.nn.Mlp;
import io.ib.nn.SoftmaxCrossEntropy;
import io.ib.train.internal.InputBatch;
import io.ib.train.internal.PreparedPass;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs models over a fixed evaluation set in one forward pass ({@link Mlp#forward}'s arithmetic),
 * reusing its buffers between calls with models of the same architecture. The set's columns that are
 * zero in every sample are left out of the first layer's product, which changes only the rounding of
 * its sums. Not thread-safe: use {@link #forAnotherThread()} to share the prepared inputs between
 * threads.
 */
public final class Evaluator {
  private final LabelledData data;
  private final int[] labels;
  private final int[] predicted;
  private final Map<DataType, InputBatch> inputsByType; // shared with the other threads' evaluators
  private InputBatch inputs;
  private INDArray[] outputs;
  private SoftmaxCrossEntropy loss;

  /** An evaluator for the given samples. */
  public Evaluator(LabelledData data) {
    this(data, new ConcurrentHashMap<>());
  }

  private Evaluator(LabelledData data, Map<DataType, InputBatch> inputsByType) {
    this.data = data;
    this.labels = data.labels();
    this.predicted = new int[labels.length];
    this.inputsByType = inputsByType;
  }

  /** An evaluator of the same samples for another thread, sharing the prepared inputs. */
  public Evaluator forAnotherThread() {
    return new Evaluator(data, inputsByType);
  }

  /** The evaluation samples. */
  public LabelledData data() {
    return data;
  }

  /**
   * Evaluates a model.
   *
   * @return loss, accuracy and the hidden activations (valid until the next call)
   */
  public Evaluation evaluate(Mlp model) {
    if (model.architecture().inputSize() != data.numFeatures()) {
      throw new IllegalArgumentException("the model takes " + model.architecture().inputSize()
          + " inputs but the evaluation data has " + data.numFeatures() + " features");
    }
    prepare(model);
    PreparedPass.forward(model, inputs, outputs);
    INDArray logits = outputs[outputs.length - 1];
    double value = loss.lossAndPredictions(logits, labels, predicted);
    int correct = 0;
    for (int i = 0; i < labels.length; i++) {
      if (predicted[i] == labels[i]) {
        correct++;
      }
    }
    return new Evaluation(value, correct / (double) labels.length,
        List.of(Arrays.copyOf(outputs, outputs.length - 1)), logits);
  }

  private void prepare(Mlp model) {
    DataType type = model.dataType();
    if (inputs == null || inputs.values().dataType() != type) {
      inputs = inputsByType.computeIfAbsent(type,
          t -> InputBatch.withoutZeroColumns(data.withDataType(t).features()));
    }
    boolean reuse = outputs != null && outputs.length == model.architecture().numLayers()
        && outputs[0].dataType() == type;
    for (int l = 0; reuse && l < outputs.length; l++) {
      reuse = outputs[l].columns() == model.architecture().fanOut(l);
    }
    if (!reuse) {
      outputs = PreparedPass.outputs(model, labels.length);
      loss = new SoftmaxCrossEntropy(labels.length, model.architecture().numClasses());
    }
  }
}
