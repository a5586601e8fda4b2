package io.ib.sweep;

/**
 * The smallest and largest value of a layer's activations over every measurement compared on one
 * ruler: what an estimator that bins over a shared range ({@code range=global}) used.
 *
 * @param min the smallest activation
 * @param max the largest activation (at least {@code min})
 */
public record ValueRange(double min, double max) {
  public ValueRange {
    if (!(min <= max)) {
      throw new IllegalArgumentException("a range needs min <= max, got [" + min + ", " + max + "]");
    }
  }

  /** The range of a set of values together with this one's. */
  ValueRange including(float[] values) {
    double lo = min;
    double hi = max;
    for (float v : values) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    return new ValueRange(lo, hi);
  }

  /** The range of a set of values (at least one). */
  static ValueRange of(float[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("the range of no values");
    }
    return new ValueRange(values[0], values[0]).including(values);
  }
}
