package io.ib.info.binning;

import io.ib.info.LayerSample;
import java.math.BigDecimal;

/**
 * Whole-layer binning with B equal bins over a fixed range [lo, hi]: unit value a falls in bin
 * floor((a - lo) / (hi - lo) * B), and values outside the range are clamped into the first or last bin
 * (never wrapped). Spec: {@code binning:bins=B,range=LO:HI}.
 *
 * <p><b>Edges.</b> The formula is evaluated exactly, as arithmetic on real numbers, for the
 * float32 activation a and the double ends lo and hi; it is not rounded step by step. Bin j
 * (0 &lt; j &lt; B) thus starts exactly at the edge e_j = lo + j (hi - lo) / B: a value equal to
 * e_j falls in bin j, the largest float below it in bin j - 1. A value a &ge; hi (the top edge e_B
 * included) goes to the last bin B - 1, a value a &lt; lo to bin 0. Step-by-step double arithmetic
 * cannot promise this: (a - lo) / (hi - lo) * B puts a = 1 into bin 0 for range 0:49 with 49 bins
 * (1 / 49 * 49 rounds to 1 - 2^-53), and (a - lo) * (B / (hi - lo)) put a = h / 2 into bin 14 for
 * range 0:h with 30 bins and h the float 0.9176471 (an 8-bit softmax level).
 *
 * <p><b>Changed rule.</b> Earlier versions computed floor((a - lo) * (B / (hi - lo))) in double,
 * which could put a value lying exactly on an interior edge (or within rounding distance of one)
 * into the neighbouring bin (and every value into bin 0 if hi - lo overflowed, as for
 * -1e308:1e308). Data with values on edges notice: quantized layers,
 * whose values lie on a grid, and {@code range=point}, whose ends are data values: one unit with
 * the values 0, h / 2, the next float above h / 2 and h of the example above, 30 bins over its own
 * range, had bins 0, 14, 15, 29 and H(T) = 2 bits, and has 0, 15, 15, 29 and 1.5 bits. All other
 * values keep their bins.
 *
 * <p>How: for each interior edge the smallest float32 at or above it is found once per estimator
 * by exact comparisons (in BigDecimal where double precision cannot decide); each value's bin is
 * a double-precision guess, corrected against those thresholds by comparisons of floats, which
 * are exact.
 *
 * <p>Beware of ranges that do not cover the activations: a range of [-1, 1] on ReLU units puts
 * everything above 1 into one bin and fakes compression.
 */
public final class FixedRangeBinning extends BinCountBinning {
  private final double lo;
  private final double hi;
  // lowest[j], 0 < j < B: the smallest float a in bin j or above; lowest[0] = -infinity and
  // lowest[B] = +infinity, so that the correction loops in bin need no bounds tests.
  private final float[] lowest;

  /**
   * @param bins B &ge; 1
   * @param lo lower end of the range
   * @param hi upper end, &gt; lo
   */
  public FixedRangeBinning(int bins, double lo, double hi) {
    super(requireBins(bins), "range", rangeText(lo, hi));
    this.lo = lo;
    this.hi = hi;
    this.lowest = lowestFloats(bins, lo, hi);
  }

  @Override
  protected void bin(float[] values, int[] out, LayerSample sample) {
    // One shared pass; a NaN test accumulated in this loop made it slower than that pass.
    sample.finiteActivations();
    // First a guess in double, which rounding can put one bin off near an edge (or further if
    // hi - lo or B / (hi - lo) overflows); then the guess is moved to the bin whose thresholds
    // enclose the value, exactly. Two loops, because the first one vectorizes (the clamp is
    // min/max, no branch) and the table look-ups of the second would stop it: fused, they ran at
    // half the speed.
    int bins = bins();
    double scale = bins / (hi - lo);
    double last = bins - 1;
    for (int i = 0; i < values.length; i++) {
      out[i] = (int) Math.max(0, Math.min(last, Math.floor((values[i] - lo) * scale)));
    }
    float[] lowest = this.lowest;
    for (int i = 0; i < values.length; i++) {
      float a = values[i];
      int k = out[i];
      while (a < lowest[k]) {
        k--;
      }
      while (a >= lowest[k + 1]) {
        k++;
      }
      out[i] = k;
    }
  }

  /**
   * lowest[j] for 0 &lt; j &lt; B: the smallest float at or above the edge e_j (+infinity if no
   * finite float is); lowest[0] = -infinity, lowest[B] = +infinity. A float a is then in bin j
   * exactly when lowest[j] &le; a &lt; lowest[j + 1].
   */
  private static float[] lowestFloats(int bins, double lo, double hi) {
    float[] lowest = new float[bins + 1];
    lowest[0] = Float.NEGATIVE_INFINITY;
    lowest[bins] = Float.POSITIVE_INFINITY;
    for (int j = 1; j < bins; j++) {
      lowest[j] = new Edge(bins, j, lo, hi).smallestFloatAtOrAbove();
    }
    return lowest;
  }

  /** Edge e_j = lo + j (hi - lo) / B = (lo (B - j) + hi j) / B, compared exactly with floats. */
  private record Edge(int bins, int j, double lo, double hi) {
    /**
     * By bisection over the floats in their numeric order, first within a few floats of the edge
     * computed in double.
     */
    float smallestFloatAtOrAbove() {
      int negativeInfinity = orderedKey(Float.NEGATIVE_INFINITY); // never at or above
      int positiveInfinity = orderedKey(Float.POSITIVE_INFINITY); // taken as at or above
      // Within a few units in the last place of the edge, and never overflowing.
      double near = lo * ((double) (bins - j) / bins) + hi * ((double) j / bins);
      int guess = orderedKey((float) Math.max(-Float.MAX_VALUE, Math.min(Float.MAX_VALUE, near)));
      int below = Math.max(negativeInfinity, guess - 4);
      int atOrAbove = Math.min(positiveInfinity, guess + 4);
      if (below != negativeInfinity && isAtOrBelow(floatOfKey(below))) {
        below = negativeInfinity;
      }
      if (atOrAbove != positiveInfinity && !isAtOrBelow(floatOfKey(atOrAbove))) {
        atOrAbove = positiveInfinity;
      }
      // Invariant: the float of key 'below' is under the edge, that of 'atOrAbove' at or above it.
      while (atOrAbove - below > 1) {
        int middle = below + (atOrAbove - below) / 2;
        if (isAtOrBelow(floatOfKey(middle))) {
          atOrAbove = middle;
        } else {
          below = middle;
        }
      }
      return floatOfKey(atOrAbove);
    }

    /** Whether the edge is at or below f, i.e. f B &ge; lo (B - j) + hi j, exactly. */
    boolean isAtOrBelow(float f) {
      // In double, f B is exact (24 + 21 bits) and the right side is off by less than
      // 2^-51 (|lo| (B - j) + |hi| j), or 2^-1070 after underflow: a larger difference decides
      // (NaN and infinities never do).
      double low = lo * (bins - j);
      double high = hi * j;
      double difference = (double) f * bins - (low + high);
      if (Math.abs(difference) > 0x1p-50 * (Math.abs(low) + Math.abs(high)) + 0x1p-1060) {
        return difference > 0;
      }
      BigDecimal edgeTimesBins = new BigDecimal(lo).multiply(BigDecimal.valueOf(bins - j))
          .add(new BigDecimal(hi).multiply(BigDecimal.valueOf(j)));
      return new BigDecimal(f).multiply(BigDecimal.valueOf(bins)).compareTo(edgeTimesBins) >= 0;
    }
  }

  /** An int whose signed order is the numeric order of the floats (-0.0 just below 0.0). */
  private static int orderedKey(float f) {
    int bits = Float.floatToRawIntBits(f);
    return bits ^ ((bits >> 31) & 0x7fffffff);
  }

  private static float floatOfKey(int key) {
    return Float.intBitsToFloat(key ^ ((key >> 31) & 0x7fffffff));
  }
}
