package io.ib.info.kernel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Which blocks of pairs {@link PairwiseKernelSums} may skip before computing their distances, at
 * small noise variances where nearly every kernel underflows.
 *
 * <p><b>Layout.</b> Within each class (the class-sorted order is kept, so class subsets stay
 * contiguous), the rows are split recursively at the middle of the box coordinate of widest spread
 * (at its median where the middle would leave less than a quarter on one side) into leaves of at
 * most {@code leafRows} and, but for small classes, at least a quarter of {@code leafRows} rows.
 * The box coordinates are the centred units, or for d &gt; {@value #MAX_BOX_COORDINATES} the
 * {@value #MAX_BOX_COORDINATES} units of largest variance. Each leaf gets its bounding box in
 * those coordinates.
 *
 * <p><b>Bound.</b> Dropping units never lengthens a vector, so for i in leaf I and j in leaf J,
 * D_ij &ge; G_IJ = sum_u gap_u^2 with gap_u the distance between the two boxes' intervals on unit
 * u. A leaf pair is skipped when G_IJ &gt; c s2 L for the largest s2 and L = {@value #TAIL_NATS} +
 * ln n, where c is the estimator's smallest kept kernel divisor (8 if the lower bound is reported,
 * else 2). Every skipped term exp(-D_ij / (c s2)) is then below e^-L, and the upper bound's term
 * (its fourth power for c = 8) too. A row sum S_i (&ge; 1: its own term, in a diagonal block,
 * which is never skipped) loses less than (n - 1) e^-L &lt; e^-{@value #TAIL_NATS} = 1.3e-14
 * of its mass, so ln S_i moves by less than 1.3e-14 nats; the same holds for the class-restricted
 * sum S_i^y (&ge; 1 too), from which the same blocks are skipped, so S_i^y &le; S_i still holds.
 * Hence every bound on I(X;T) moves by less than 1.9e-14 bits, and I(T;Y), a difference of two such
 * means, by less than 3.8e-14 bits. (The unpruned path's clamp at e^-69 is within this: its terms
 * are below e^-L too.)
 *
 * <p>When the skipped leaf pairs would hold less than a given fraction of the pair elements
 * (large s2 against the distances), {@link #plan} returns null and the caller uses its
 * unpruned layout, whose larger blocks run faster per pair; the plan costs O(n k log n) for
 * k box coordinates, small against the n^2 d pairs.
 */
final class PairPruning {
  /** Box coordinates used at most (the units of largest variance beyond this). */
  static final int MAX_BOX_COORDINATES = 16;

  /** L - ln n: every skipped kernel is below e^-L = e^-32 / n. */
  static final double TAIL_NATS = 32;

  /** The sample index of each row, class-major and leaf-ordered within each class. */
  final int[] order;
  /** Leaf boundaries in that order: leaf a is [bounds[a], bounds[a + 1]). */
  final int[] bounds;
  /** Each leaf's box, leaf-major: coordinates [a * k, (a + 1) * k) of leaf a. */
  final double[] low;
  final double[] high;
  /** The squared distance beyond which pairs are skipped: c s2 L. */
  final double threshold;
  private final boolean[] kept;
  private final int leaves;

  private PairPruning(int[] order, int[] bounds, double[] low, double[] high, double threshold,
      boolean[] kept) {
    this.order = order;
    this.bounds = bounds;
    this.low = low;
    this.high = high;
    this.threshold = threshold;
    this.kept = kept;
    this.leaves = bounds.length - 1;
  }

  /** Whether the leaf pair (a, b), a &le; b, must be computed. */
  boolean computes(int a, int b) {
    return kept[a * leaves + b];
  }

  /**
   * The pruned layout, or null if it would skip too little.
   *
   * @param values n x d activations, row-major, in the sample's order
   * @param mean the column means
   * @param classOrder the sample index of each class-sorted row (stable counting sort)
   * @param classCount rows per class
   * @param maxNoiseVariance the largest s2 of the pass
   * @param divisor c: 8 if the lower bound's sums must hold, else 2
   * @param leafRows rows per leaf at most
   * @param minSkippedFraction the least fraction of the pair elements skipped for a plan
   */
  static PairPruning plan(float[] values, int n, int d, double[] mean, int[] classOrder,
      int[] classCount, double maxNoiseVariance, int divisor, int leafRows,
      double minSkippedFraction) {
    int[] units = boxUnits(values, n, d, mean);
    int k = units.length;
    double[] coordinates = new double[n * k];
    for (int i = 0; i < n; i++) {
      for (int u = 0; u < k; u++) {
        coordinates[i * k + u] = values[i * d + units[u]] - mean[units[u]];
      }
    }
    int[] order = classOrder.clone();
    List<Integer> cuts = new ArrayList<>();
    cuts.add(0);
    int start = 0;
    for (int count : classCount) {
      split(order, start, start + count, coordinates, k, leafRows, cuts);
      start += count;
    }
    int leaves = cuts.size() - 1;
    int[] bounds = cuts.stream().mapToInt(Integer::intValue).toArray();
    double[] low = new double[leaves * k];
    double[] high = new double[leaves * k];
    Arrays.fill(low, Double.POSITIVE_INFINITY);
    Arrays.fill(high, Double.NEGATIVE_INFINITY);
    for (int a = 0; a < leaves; a++) {
      for (int r = bounds[a]; r < bounds[a + 1]; r++) {
        for (int u = 0; u < k; u++) {
          double x = coordinates[order[r] * k + u];
          low[a * k + u] = Math.min(low[a * k + u], x);
          high[a * k + u] = Math.max(high[a * k + u], x);
        }
      }
    }
    double threshold = divisor * maxNoiseVariance * (TAIL_NATS + Math.log(n));
    boolean[] kept = new boolean[leaves * leaves];
    double skipped = 0;
    double total = 0;
    for (int a = 0; a < leaves; a++) {
      for (int b = a; b < leaves; b++) {
        double gapSquared = 0;
        for (int u = 0; u < k; u++) {
          double gap = Math.max(low[b * k + u] - high[a * k + u], low[a * k + u] - high[b * k + u]);
          gapSquared += gap > 0 ? gap * gap : 0;
        }
        double elements = (double) (bounds[a + 1] - bounds[a]) * (bounds[b + 1] - bounds[b]);
        total += elements;
        // A diagonal block has gap 0, so it is always kept (it holds each row's own term).
        kept[a * leaves + b] = !(gapSquared > threshold);
        skipped += kept[a * leaves + b] ? 0 : elements;
      }
    }
    return skipped < minSkippedFraction * total ? null
        : new PairPruning(order, bounds, low, high, threshold, kept);
  }

  /** All units for d &le; {@value #MAX_BOX_COORDINATES}, else those of largest variance. */
  private static int[] boxUnits(float[] values, int n, int d, double[] mean) {
    if (d <= MAX_BOX_COORDINATES) {
      int[] all = new int[d];
      Arrays.setAll(all, u -> u);
      return all;
    }
    double[] variance = new double[d];
    for (int i = 0; i < n; i++) {
      for (int u = 0; u < d; u++) {
        double t = values[i * d + u] - mean[u];
        variance[u] += t * t;
      }
    }
    Integer[] units = new Integer[d];
    Arrays.setAll(units, u -> u);
    Arrays.sort(units, Comparator.comparingDouble((Integer u) -> -variance[u]));
    int[] chosen = new int[MAX_BOX_COORDINATES];
    for (int u = 0; u < chosen.length; u++) {
      chosen[u] = units[u];
    }
    return chosen;
  }

  private static void sortBy(int[] order, int from, int to, double[] coordinates, int k, int u) {
    Integer[] rows = new Integer[to - from];
    for (int r = from; r < to; r++) {
      rows[r - from] = order[r];
    }
    Arrays.sort(rows, Comparator.comparingDouble((Integer i) -> coordinates[i * k + u]));
    for (int r = from; r < to; r++) {
      order[r] = rows[r - from];
    }
  }

  private static double low(int[] order, int from, int to, double[] coordinates, int k, int u) {
    double low = Double.POSITIVE_INFINITY;
    for (int r = from; r < to; r++) {
      low = Math.min(low, coordinates[order[r] * k + u]);
    }
    return low;
  }

  /** Splits order[from, to) at the middle of its widest coordinate until leaves fit. */
  private static void split(int[] order, int from, int to, double[] coordinates, int k,
      int leafRows, List<Integer> cuts) {
    if (to - from <= leafRows) {
      if (to > from) {
        cuts.add(to);
      }
      return;
    }
    int widest = 0;
    double widestSpread = -1;
    for (int u = 0; u < k; u++) {
      double low = Double.POSITIVE_INFINITY;
      double high = Double.NEGATIVE_INFINITY;
      for (int r = from; r < to; r++) {
        double x = coordinates[order[r] * k + u];
        low = Math.min(low, x);
        high = Math.max(high, x);
      }
      if (high - low > widestSpread) {
        widestSpread = high - low;
        widest = u;
      }
    }
    int middle;
    if (widestSpread > 0) {
      // Split at the middle of the spread, not at the median: clusters (saturated units) stay whole.
      double cut = low(order, from, to, coordinates, k, widest) + widestSpread / 2;
      int left = from;
      int right = to - 1;
      while (left <= right) {
        if (coordinates[order[left] * k + widest] < cut) {
          left++;
        } else {
          int t = order[left];
          order[left] = order[right];
          order[right--] = t;
        }
      }
      middle = left;
    } else {
      middle = from;
    }
    int quarter = (to - from) / 4;
    if (middle - from < quarter || to - middle < quarter) {
      // A lopsided cut would leave small leaves, whose blocks cost more in calls than in pairs:
      // cut at the median instead, so leaves keep at least a quarter of leafRows.
      sortBy(order, from, to, coordinates, k, widest);
      middle = from + (to - from) / 2;
    }
    split(order, from, middle, coordinates, k, leafRows, cuts);
    split(order, middle, to, coordinates, k, leafRows, cuts);
  }
}
