package io.ib.train;

import io.ib.data.LabelledData;
import io.ib.train.internal.InputBatch;
import io.ib.train.internal.MiniBatches;
import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The epoch loop over one training set: visits it in the order given by a {@link BatchOrder}, steps
 * every trainer on each mini-batch, and calls back at the measured steps.
 *
 * <p>All trainers of one {@link #run} see the same mini-batches in the same order (each batch is
 * gathered once), which is what makes models of different capacity comparable step by step and lets
 * them train in lockstep.
 *
 * <p>Thread-safe: the training set is prepared once (sparse data such as MNIST is indexed so that a
 * batch can leave out its all-zero input columns), and each thread that runs the loop gathers its
 * batches into buffers of its own.
 */
public final class TrainingLoop {
  /** What the loop reports. */
  public interface Callback {
    /**
     * Called after every step.
     *
     * @param step the number of updates applied so far (1-based)
     * @param losses each trainer's mini-batch loss (nats), in trainer order
     */
    default void afterStep(int step, double[] losses) {}

    /**
     * Called at each measured step, after that step's update (step 0: before training).
     *
     * @param step updates applied so far
     */
    void measure(int step);
  }

  private final LabelledData data;
  private final ThreadLocal<MiniBatches> batches;

  private TrainingLoop(LabelledData data) {
    this.data = data;
    MiniBatches shared = new MiniBatches(data, DataType.FLOAT);
    this.batches = ThreadLocal.withInitial(shared::forAnotherThread);
  }

  /** A loop over this training set (prepared once here; share the loop between threads). */
  public static TrainingLoop over(LabelledData train) {
    return new TrainingLoop(Objects.requireNonNull(train, "train"));
  }

  /** The training set. */
  public LabelledData data() {
    return data;
  }

  /**
   * Trains for {@code epochs} epochs.
   *
   * @param order the sample order; its size must be the training set's
   * @param measuredSteps increasing steps at which {@link Callback#measure} is called
   * @throws DivergenceException if a trainer's loss diverges (with epoch context)
   * @throws IllegalArgumentException if the order does not fit the training set
   */
  public void run(BatchOrder order, int epochs, List<Trainer> trainers, int[] measuredSteps,
      Callback callback) {
    if (order.size() != data.size()) {
      throw new IllegalArgumentException("the batch order is for " + order.size()
          + " samples, the training set has " + data.size());
    }
    MiniBatches gatherer = batches.get();
    int next = 0;
    if (next < measuredSteps.length && measuredSteps[next] == 0) {
      callback.measure(0);
      next++;
    }
    double[] losses = new double[trainers.size()];
    int step = 0;
    for (int epoch = 1; epoch <= epochs; epoch++) {
      int[] permutation = order.permutation(epoch);
      for (int from = 0; from < permutation.length; from += order.batchSize()) {
        int rows = Math.min(order.batchSize(), permutation.length - from);
        InputBatch x = gatherer.batch(permutation, from, rows);
        int[] y = gatherer.labels(permutation, from, rows);
        for (int t = 0; t < trainers.size(); t++) {
          try {
            losses[t] = trainers.get(t).step(x, y);
          } catch (DivergenceException e) {
            throw e.withContext("epoch " + epoch);
          }
        }
        step++;
        callback.afterStep(step, losses);
        if (next < measuredSteps.length && measuredSteps[next] == step) {
          callback.measure(step);
          next++;
        }
      }
    }
  }
}
