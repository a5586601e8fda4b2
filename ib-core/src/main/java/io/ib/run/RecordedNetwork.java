package io.ib.run;

import java.util.List;
import java.util.Objects;

/**
 * A network trained outside ib, described by its measured layers in order from the input. ib names
 * them as it names its own: the non-output layers {@code hidden1}, {@code hidden2}, ... in this
 * order, the output layer {@code output}; the run records each one's own name, kind and shape.
 *
 * @param description one line saying what the network is, e.g. {@code LeNet-5 (DL4J)}
 * @param layers the measured layers, in order from the input; at most one output layer, last
 */
public record RecordedNetwork(String description, List<RecordedLayer> layers) {
  public RecordedNetwork {
    Objects.requireNonNull(description, "description");
    layers = List.copyOf(layers);
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("a recorded network needs at least one layer");
    }
    for (int i = 0; i < layers.size() - 1; i++) {
      if (layers.get(i).output()) {
        throw new IllegalArgumentException("the output layer " + layers.get(i).name()
            + " must be the last measured layer");
      }
    }
  }
}
