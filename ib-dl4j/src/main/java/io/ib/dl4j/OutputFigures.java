package io.ib.dl4j;

import io.ib.sweep.ActivationMatrix;
import java.util.OptionalDouble;

/**
 * The evaluation set's loss and accuracy, from the output layer's activations.
 *
 * @param loss mean cross-entropy in nats, -(1/n) sum_i ln p_i(y_i), when the output is a softmax
 *     trained on cross-entropy (DL4J's {@code MCXENT} or {@code NEGATIVELOGLIKELIHOOD}, as its score
 *     without regularisation terms and class weights); empty for other outputs
 * @param accuracy the fraction of samples whose largest output is their class (ties: the first)
 */
record OutputFigures(OptionalDouble loss, double accuracy) {
  /** Probabilities below this count as this in the loss, so that a confident mistake stays finite. */
  private static final double SMALLEST_PROBABILITY = 1e-30;

  static OutputFigures of(ActivationMatrix output, int[] labels, boolean softmaxCrossEntropy) {
    float[] p = output.values();
    int classes = output.columns();
    int correct = 0;
    double nats = 0;
    for (int i = 0; i < labels.length; i++) {
      int row = i * classes;
      int best = 0;
      for (int c = 1; c < classes; c++) {
        if (p[row + c] > p[row + best]) {
          best = c;
        }
      }
      if (best == labels[i]) {
        correct++;
      }
      nats -= Math.log(Math.max(p[row + labels[i]], SMALLEST_PROBABILITY));
    }
    return new OutputFigures(softmaxCrossEntropy ? OptionalDouble.of(nats / labels.length)
        : OptionalDouble.empty(), correct / (double) labels.length);
  }
}
