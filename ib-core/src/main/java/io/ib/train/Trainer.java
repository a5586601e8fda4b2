package io.ib.train;

import io.ib.nn.BatchBuffers;
import io.ib.nn.GradientViews;
import io.ib.nn.InputBatch;
import io.ib.nn.Mlp;
import io.ib.optim.Adam;
import io.ib.optim.AdamSettings;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Trains one model with Adam on mini-batches, reusing its buffers from step to step.
 *
 * <p>A step is: forward pass, softmax cross-entropy, backward pass, a finiteness check of the loss,
 * and one fused Adam update of the flat parameter vector. Several trainers can be driven with the same
 * mini-batches (see {@link TrainingLoop}).
 */
public final class Trainer {
  private final Mlp model;
  private final Adam adam;
  private final GradientViews gradient;
  private final Map<Integer, BatchBuffers> buffersBySize = new HashMap<>();

  /** A trainer that updates {@code model} in place. */
  public Trainer(Mlp model, AdamSettings settings) {
    this.model = model;
    this.adam = new Adam(settings, model.parameters());
    this.gradient = new GradientViews(model);
  }

  /** The model being trained (updated in place by {@link #step}). */
  public Mlp model() {
    return model;
  }

  /** Number of updates applied so far. */
  public int stepCount() {
    return adam.stepCount();
  }

  /** The optimiser settings. */
  public AdamSettings settings() {
    return adam.settings();
  }

  /**
   * One optimisation step.
   *
   * @param x inputs, B x inputSize, in the model's data type
   * @param labels the B classes
   * @return the mean mini-batch loss before the update, in nats
   * @throws DivergenceException if the loss is NaN or infinite (the model is left unchanged)
   */
  public double step(INDArray x, int[] labels) {
    return step(InputBatch.dense(x), labels);
  }

  /**
   * One optimisation step on a batch given as all columns or as its active columns (see
   * {@link MiniBatches#batch}).
   *
   * @param x the inputs, in the model's data type
   * @param labels the B classes
   * @return the mean mini-batch loss before the update, in nats
   * @throws DivergenceException if the loss is NaN or infinite (the model is left unchanged)
   */
  public double step(InputBatch x, int[] labels) {
    BatchBuffers buffers = buffersBySize.computeIfAbsent(
        x.rows(), rows -> new BatchBuffers(model, rows));
    double loss = buffers.lossAndGradient(model, x, labels, gradient);
    if (!Double.isFinite(loss)) {
      throw new DivergenceException(loss, adam.stepCount() + 1, adam.settings().learningRate());
    }
    adam.update(model.parameters(), gradient.flat());
    return loss;
  }
}
