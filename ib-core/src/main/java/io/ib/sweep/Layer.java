package io.ib.sweep;

import java.util.Comparator;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A measured layer of a swept network: a hidden layer counted from the input ({@code hidden1},
 * {@code hidden2}, ...; the last one is the bottleneck), the output's logits ({@code output}) or its
 * softmax probabilities ({@code softmax}). The text form is what result files hold; the natural
 * order runs from the input to the output (hidden layers by index, then logits, then softmax).
 *
 * @param kind what the layer is
 * @param index for hidden layers their 1-based position from the input; 0 for the output kinds
 */
public record Layer(Kind kind, int index) implements Comparable<Layer> {
  /** The output's logits. */
  public static final Layer OUTPUT = new Layer(Kind.OUTPUT, 0);
  /** The output's softmax probabilities. */
  public static final Layer SOFTMAX = new Layer(Kind.SOFTMAX, 0);

  private static final Pattern HIDDEN = Pattern.compile("hidden([1-9][0-9]{0,8})");
  private static final Comparator<Layer> ORDER =
      Comparator.comparing(Layer::kind).thenComparingInt(Layer::index);

  /** The kinds of measured layer, in order from the input. */
  public enum Kind {
    /** A hidden layer (its activation's output). */
    HIDDEN,
    /** The output layer's logits. */
    OUTPUT,
    /** The output layer's softmax probabilities. */
    SOFTMAX
  }

  public Layer {
    Objects.requireNonNull(kind, "kind");
    if (kind == Kind.HIDDEN ? index < 1 : index != 0) {
      throw new IllegalArgumentException(kind == Kind.HIDDEN
          ? "a hidden layer's index counts from 1, got " + index
          : "the " + kind + " layer has no index, got " + index);
    }
  }

  /** The hidden layer at a 1-based position from the input. */
  public static Layer hidden(int index) {
    return new Layer(Kind.HIDDEN, index);
  }

  /**
   * Parses the text form: {@code hiddenN} (N from 1), {@code output} or {@code softmax}.
   *
   * @throws IllegalArgumentException naming the text and the accepted forms
   */
  public static Layer parse(String text) {
    Objects.requireNonNull(text, "text");
    Matcher m = HIDDEN.matcher(text);
    if (m.matches()) {
      return hidden(Integer.parseInt(m.group(1)));
    }
    return switch (text) {
      case "output" -> OUTPUT;
      case "softmax" -> SOFTMAX;
      default -> throw new IllegalArgumentException("'" + text + "' is not a layer: expected"
          + " hidden1, hidden2, ..., output or softmax");
    };
  }

  /** True for a hidden layer. */
  public boolean isHidden() {
    return kind == Kind.HIDDEN;
  }

  @Override
  public int compareTo(Layer other) {
    return ORDER.compare(this, other);
  }

  /** The text form, e.g. {@code hidden2}. */
  @Override
  public String toString() {
    return switch (kind) {
      case HIDDEN -> "hidden" + index;
      case OUTPUT -> "output";
      case SOFTMAX -> "softmax";
    };
  }
}
