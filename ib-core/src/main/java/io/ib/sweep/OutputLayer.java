package io.ib.sweep;

import java.util.Locale;

/**
 * Whether and how the output layer is measured besides the hidden layers. The logits are the layer's
 * values; the softmax probabilities are what Shwartz-Ziv &amp; Tishby (2017) and Saxe et al. (2018)
 * measure as the output layer (a different variable: softmax is not invertible on its own range, and
 * its values lie in [0, 1], where fixed bins see them differently).
 */
public enum OutputLayer {
  /** Hidden layers only. */
  NONE,
  /** The logits, as layer {@code output}. */
  LOGITS,
  /** The softmax probabilities, as layer {@code softmax}. */
  SOFTMAX,
  /** Both, as layers {@code output} and {@code softmax}. */
  BOTH;

  /** The name in configurations and on the command line. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True if the logits are measured. */
  public boolean logits() {
    return this == LOGITS || this == BOTH;
  }

  /** True if the softmax probabilities are measured. */
  public boolean softmax() {
    return this == SOFTMAX || this == BOTH;
  }

  /**
   * Parses {@code none}, {@code logits}, {@code softmax} or {@code both}.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static OutputLayer parse(String text) {
    for (OutputLayer o : values()) {
      if (o.id().equalsIgnoreCase(text.trim())) {
        return o;
      }
    }
    throw new IllegalArgumentException("unknown output layer '" + text
        + "': expected none, logits, softmax or both");
  }
}
