package io.ib.info.binning;

import io.ib.info.LayerSample;
import java.util.Arrays;

/**
 * Whole-layer binning with B equal-mass (adaptive) bins per unit, the edges at quantiles of that
 * unit's observed values. Spec: {@code binning:bins=B,edges=quantile}.
 *
 * <p><b>Quantile rule.</b> For each unit, sort its n values: s_0 &le; s_1 &le; ... &le; s_{n-1}.
 * The B - 1 edges are e_k = s_{floor(k n / B)} for k = 1 .. B - 1, and a value v goes to bin
 * #{k : e_k &le; v}, an index in [0, B - 1]. For a unit whose n values are distinct, bin b holds
 * exactly the values of ranks floor(b n / B) .. floor((b + 1) n / B) - 1: n / B values each when B
 * divides n, otherwise floor(n / B) or ceil(n / B). The symbols and entropies are then those of
 * every {@link BinningEstimator} (whole-layer tuples of bin indices, plug-in entropies).
 *
 * <p><b>Ties</b> (ReLU units have many exact zeros): equal values are never split between bins. If
 * a value v fills the ranks of m &ge; 2 edge positions, those m edges coincide, the m - 1 bins
 * between them stay empty, and v's bin, [v, next larger edge), holds every copy of v together with
 * the larger values below the next distinct edge. Example: n = 1000 with 600 zeros and 400 distinct
 * positive values, B = 4: e_1 = s_250 = 0, e_2 = s_500 = 0, e_3 = s_750 &gt; 0, so the zeros and
 * the 150 smallest positive values share bin 2 and the other 250 values fill bin 3 (bins 0 and 1
 * are empty); with B = 5 the edges are 0, 0, s_600, s_800 and the bins hold 600, 200 and 200
 * values. A unit thus uses 1 + (number of distinct edges) &le; B bins; a constant unit uses one.
 * -0.0 counts as 0.0.
 *
 * <p>The result depends on each unit's ranks only, so it is invariant under any strictly increasing
 * transformation of a unit (scale, shift, exp). The edges are refitted to every sample: unlike a
 * fixed width or range, the ruler changes between epochs and networks, which keeps every unit at
 * about B occupied bins (no saturation from one run-away unit) but means that equal-mass results
 * compare occupancy patterns, not distances. With B bins per unit, H(T) &le; min(log2 n, d log2 B).
 *
 * <p>Cost: one bulk copy of the layer (shared), then per unit one sort of n (value, row) pairs in a
 * primitive array and one pass over the sorted order (O(d n log n)); no per-element ND4J calls.
 */
public final class AdaptiveBinning extends BinCountBinning {
  /**
   * @param bins B &ge; 1, bins per unit
   * @throws IllegalArgumentException if B &lt; 1
   */
  public AdaptiveBinning(int bins) {
    super(bins, "edges", "quantile");
  }

  /**
   * Bins every unit from its sort order. Each unit's values are sorted together with their row
   * indices (packed into longs: an order-preserving integer image of the float above the row
   * index). For a run of equal values v occupying ranks [r0, r1), e_k &le; v exactly when
   * floor(k n / B) &lt; r1, i.e. k n &lt; r1 B, so v's bin #{k in 1..B-1 : e_k &le; v} is
   * min(B - 1, floor((r1 B - 1) / n)): the quantile rule without a search.
   */
  @Override
  protected void bin(float[] values, int[] out, LayerSample sample) {
    sample.finiteActivations(); // throws for NaN or infinite activations
    int n = sample.size();
    int d = sample.width();
    int bins = bins();
    long[] keyed = new long[n];
    for (int u = 0; u < d; u++) {
      for (int i = 0, at = u; i < n; i++, at += d) {
        keyed[i] = ((long) sortableBits(values[at]) << 32) | i;
      }
      Arrays.sort(keyed);
      for (int r0 = 0; r0 < n; ) {
        int key = (int) (keyed[r0] >> 32);
        int r1 = r0 + 1;
        while (r1 < n && (int) (keyed[r1] >> 32) == key) {
          r1++;
        }
        int bin = (int) Math.min(bins - 1, ((long) r1 * bins - 1) / n);
        for (int r = r0; r < r1; r++) {
          out[(int) keyed[r] * d + u] = bin;
        }
        r0 = r1;
      }
    }
  }

  /**
   * An int whose signed order is the numeric order of finite floats, with -0.0 and 0.0 equal (the
   * sign bit of a negative float flips the other bits, so larger magnitudes sort lower).
   */
  private static int sortableBits(float v) {
    int bits = Float.floatToIntBits(v + 0.0f); // -0.0 + 0.0 = 0.0
    return bits ^ ((bits >> 31) & 0x7fffffff);
  }
}
