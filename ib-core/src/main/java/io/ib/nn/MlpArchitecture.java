package io.ib.nn;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The shape of a fully connected classifier: input size, hidden widths, number of classes and the
 * hidden activation. The output layer is linear (logits) and feeds a softmax cross-entropy loss.
 * Hidden activations may be quantized ({@link Quantization}); the logits never are.
 *
 * @param inputSize number of input features d (784 for MNIST)
 * @param hiddenWidths widths of the hidden layers, input side first (e.g. [256, 5])
 * @param numClasses number of output units (10 for MNIST)
 * @param activation activation of every hidden layer
 * @param quantization quantization of every hidden layer's activations, {@link Quantization#NONE}
 *     for none
 */
public record MlpArchitecture(int inputSize, List<Integer> hiddenWidths, int numClasses,
    Activation activation, Quantization quantization) {

  /** An architecture whose activations are not quantized. */
  public MlpArchitecture(int inputSize, List<Integer> hiddenWidths, int numClasses,
      Activation activation) {
    this(inputSize, hiddenWidths, numClasses, activation, Quantization.NONE);
  }

  public MlpArchitecture {
    Objects.requireNonNull(activation, "activation");
    Objects.requireNonNull(quantization, "quantization");
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
    // Products of ints fit a long; the sum over at most 2^31 layers does too.
    long total = 0;
    for (int l = 0; l <= hiddenWidths.size(); l++) {
      int in = l == 0 ? inputSize : hiddenWidths.get(l - 1);
      int out = l == hiddenWidths.size() ? numClasses : hiddenWidths.get(l);
      total += (long) in * out + out;
      if (total > MAX_PARAMETERS) {
        break;
      }
    }
    if (total > MAX_PARAMETERS) {
      throw new IllegalArgumentException("a network " + describe(inputSize, hiddenWidths, numClasses)
          + " has more than " + MAX_PARAMETERS + " parameters, the most one array holds: use"
          + " narrower layers");
    }
  }

  /** The largest number of parameters a network may have: they live in one Java float array. */
  public static final long MAX_PARAMETERS = Integer.MAX_VALUE - 8;

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

  /** Total number of trainable parameters (weights and biases), at most {@link #MAX_PARAMETERS}. */
  public long parameterCount() {
    return weightOffset(numLayers());
  }

  /**
   * Where W_l starts in the flat parameter vector, laid out W_0, b_0, W_1, b_1, ...; for
   * {@code layer = numLayers()}, the vector's length.
   */
  public long weightOffset(int layer) {
    long offset = 0;
    for (int l = 0; l < layer; l++) {
      offset += (long) fanIn(l) * fanOut(l) + fanOut(l);
    }
    return offset;
  }

  /** Where b_l starts in the flat parameter vector (right after W_l). */
  public long biasOffset(int layer) {
    return weightOffset(layer) + (long) fanIn(layer) * fanOut(layer);
  }

  /** True if the hidden activations are quantized. */
  public boolean quantized() {
    return quantization.enabled();
  }

  /**
   * A compact description such as {@code 784-256-5-10 relu}, with the quantization when there is
   * one ({@code 784-256-5-10 relu, 8 bits over [0, 6]}).
   */
  @Override
  public String toString() {
    return describe(inputSize, hiddenWidths, numClasses) + " " + activation.id()
        + (quantized() ? ", " + quantization : "");
  }

  private static String describe(int inputSize, List<Integer> hiddenWidths, int numClasses) {
    String hidden = hiddenWidths.stream().map(String::valueOf).collect(Collectors.joining("-"));
    return inputSize + "-" + (hidden.isEmpty() ? "" : hidden + "-") + numClasses;
  }
}
