package io.ib.info;

import java.util.Locale;

/**
 * The values a discrete layer can take: {@code count} evenly spaced levels from {@code lower} to
 * {@code upper}, both included (level k is lower + k * step). A sample declares them
 * ({@link LayerSample#onLevels}) when its layer was quantized, which is what lets an estimator count
 * exactly instead of binning. {@link #NONE} (no levels) marks a continuous layer.
 *
 * @param count number of levels, at least 2; 0 for {@link #NONE}
 * @param lower the lowest level
 * @param upper the highest level, &gt; lower
 */
public record UniformLevels(int count, double lower, double upper) {
  /** A continuous layer: no levels. */
  public static final UniformLevels NONE = new UniformLevels(0, 0, 0);

  public UniformLevels {
    if (count != 0) {
      if (count < 2) {
        throw new IllegalArgumentException("a layer on levels has at least 2, got " + count);
      }
      if (!Double.isFinite(lower) || !Double.isFinite(upper) || !(upper > lower)) {
        throw new IllegalArgumentException("levels need a finite range with lower < upper, got ["
            + lower + ", " + upper + "]");
      }
    } else if (lower != 0 || upper != 0) {
      throw new IllegalArgumentException("no levels (count 0) take no range");
    }
  }

  /** True if the layer is discrete on these levels. */
  public boolean discrete() {
    return count > 0;
  }

  /** Distance between neighbouring levels. */
  public double step() {
    return (upper - lower) / (count - 1);
  }

  /** A description such as {@code 256 levels over [0, 6]}, or {@code continuous}. */
  @Override
  public String toString() {
    return discrete() ? String.format(Locale.ROOT, "%d levels over [%s, %s]", count,
        EstimatorSpec.number(lower), EstimatorSpec.number(upper)) : "continuous";
  }
}
