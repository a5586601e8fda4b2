package io.ib.nn;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The shape of a fully connected classifier: input size, hidden widths, number of classes and the
 * hidden activation. The output layer is linear (logits) and feeds a softmax cross-entropy loss.
 *
 * @param inputSize number of input features d (784 for MNIST)
 * @param hiddenWidths widths of the hidden layers, input side first (e.g. [256, 5])
 * @param numClasses number of output units (10 for MNIST)
 * @param activation activation of every hidden layer
 */
public record MlpArchitecture(
    int inputSize, List<Integer> hiddenWidths, int numClasses, Activation activation) {

  public MlpArchitecture {
    Objects.requireNonNull(activation, "activation");
    hiddenWidths = List.copyOf(hiddenWidths);
    if (inputSize < 1) {
      throw new IllegalArgumentException("inputSize must be at least 1, got " + inputSize);
    }
    if (numClasses < 2) {
      throw new IllegalArgumentException("numClasses must be at least 2, got " + numClasses);
    }
    for (int w : hiddenWidths) {
      if (w < 1) {
        throw new IllegalArgumentException("hidden widths must be at least 1, got " + hiddenWidths);
      }
    }
  }

  /** Number of dense layers, hidden layers plus the output layer. */
  public int numLayers() {
    return hiddenWidths.size() + 1;
  }

  /** Fan-in of dense layer {@code l} (0-based). */
  public int fanIn(int l) {
    return l == 0 ? inputSize : hiddenWidths.get(l - 1);
  }

  /** Fan-out of dense layer {@code l} (0-based); the last layer's is {@link #numClasses()}. */
  public int fanOut(int l) {
    return l == hiddenWidths.size() ? numClasses : hiddenWidths.get(l);
  }

  /** Total number of trainable parameters (weights and biases). */
  public long parameterCount() {
    long total = 0;
    for (int l = 0; l < numLayers(); l++) {
      total += (long) fanIn(l) * fanOut(l) + fanOut(l);
    }
    return total;
  }

  /** A compact description such as {@code 784-256-5-10 relu}. */
  @Override
  public String toString() {
    String hidden = hiddenWidths.stream().map(String::valueOf).collect(Collectors.joining("-"));
    return inputSize + "-" + (hidden.isEmpty() ? "" : hidden + "-") + numClasses + " " + activation.id();
  }
}
