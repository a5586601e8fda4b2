package io.ib.run;

import java.util.List;
import java.util.Objects;

/**
 * One measured layer of a network trained outside ib (imported activations, a DL4J model).
 *
 * @param name the layer's name in its framework, e.g. {@code conv1}
 * @param kind what it is, in words: {@code dense}, {@code convolution}, {@code subsampling},
 *     {@code output}, ...
 * @param shape the shape of one sample's activations, e.g. {@code [6, 24, 24]} for six 24 x 24
 *     feature maps; the activations are flattened to {@link #width()} values per sample
 * @param output true for the output layer's logits (or probabilities), measured as ib's
 *     {@code output} layer; every other layer is a hidden layer, numbered from the input
 */
public record RecordedLayer(String name, String kind, List<Integer> shape, boolean output) {
  public RecordedLayer {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    shape = List.copyOf(shape);
    if (shape.isEmpty() || shape.stream().anyMatch(s -> s < 1)) {
      throw new IllegalArgumentException("layer " + name + " has shape " + shape
          + ": need at least one dimension, each at least 1");
    }
    // The fields are not assigned yet in a compact constructor: the parameter, not width().
    if (product(shape) > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("layer " + name + " has " + product(shape)
          + " units per sample");
    }
  }

  /** Number of activations per sample: the product of the shape. */
  public long width() {
    return product(shape);
  }

  private static long product(List<Integer> shape) {
    long w = 1;
    for (int s : shape) {
      w *= s;
    }
    return w;
  }
}
