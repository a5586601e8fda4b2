package io.ib.run;

import io.ib.sweep.ActivationMatrix;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One measurement point of a network trained outside ib: every measured layer's activations on the
 * evaluation set, with the training figures known at that point.
 *
 * @param step the number of optimiser steps taken so far (0 before training)
 * @param epoch the number of epochs taken so far, possibly fractional
 * @param activations one n x width matrix per layer of the network, in the network's order
 * @param trainLoss the training loss, if known
 * @param testLoss the evaluation set's loss, if known
 * @param testAccuracy the evaluation set's accuracy in [0, 1], if known
 */
public record RecordedPoint(int step, double epoch, List<ActivationMatrix> activations,
    OptionalDouble trainLoss, OptionalDouble testLoss, OptionalDouble testAccuracy) {
  public RecordedPoint {
    if (step < 0 || !(epoch >= 0)) {
      throw new IllegalArgumentException("step and epoch must be at least 0, got step " + step
          + ", epoch " + epoch);
    }
    activations = List.copyOf(activations);
    Objects.requireNonNull(trainLoss, "trainLoss");
    Objects.requireNonNull(testLoss, "testLoss");
    Objects.requireNonNull(testAccuracy, "testAccuracy");
  }
}
