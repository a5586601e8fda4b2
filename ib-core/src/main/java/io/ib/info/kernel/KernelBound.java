package io.ib.info.kernel;

import java.util.Locale;

/**
 * Which of the two pairwise-distance bounds of Kolchinsky &amp; Tracey (2017) a kernel estimate is.
 * Both have the form -(1/n) sum_i ln[(1/n) sum_j exp(-D_ij / (c s2))]; they differ in c.
 */
public enum KernelBound {
  /** The upper bound (from the Kullback-Leibler divergence between mixture components): c = 2. */
  UPPER(2),
  /** The lower bound (from the Bhattacharyya distance between mixture components): c = 8. */
  LOWER(8);

  private final int divisor;

  KernelBound(int divisor) {
    this.divisor = divisor;
  }

  /** The c in exp(-D_ij / (c s2)): 2 for the upper bound, 8 for the lower. */
  public int divisor() {
    return divisor;
  }

  /** The spec value: {@code upper} or {@code lower}. */
  public String specValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The bound named by a spec value.
   *
   * @throws IllegalArgumentException unless the text is {@code upper} or {@code lower}
   */
  public static KernelBound fromSpecValue(String text) {
    for (KernelBound b : values()) {
      if (b.specValue().equals(text)) {
        return b;
      }
    }
    throw new IllegalArgumentException("parameter bound of estimator kernel must be upper or lower"
        + " (omit it for both), got '" + text + "'");
  }
}
