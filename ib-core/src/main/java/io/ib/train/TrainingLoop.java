package io.ib.train;

import io.ib.nn.InputBatch;
import java.util.List;

/**
 * The epoch loop: visits the training set in the order given by a {@link BatchOrder}, steps every
 * trainer on each mini-batch, and calls back at the measured steps.
 *
 * <p>All trainers see the same mini-batches in the same order (the batch is gathered once), which is
 * what makes models of different capacity comparable step by step and lets them train in lockstep.
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

  private TrainingLoop() {}

  /**
   * Trains for {@code epochs} epochs.
   *
   * @param measuredSteps increasing steps at which {@link Callback#measure} is called
   * @throws DivergenceException if a trainer's loss stops being finite (with epoch context)
   */
  public static void run(MiniBatches batches, BatchOrder order, int epochs, List<Trainer> trainers,
      int[] measuredSteps, Callback callback) {
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
        InputBatch x = batches.batch(permutation, from, rows);
        int[] y = batches.labels(permutation, from, rows);
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
