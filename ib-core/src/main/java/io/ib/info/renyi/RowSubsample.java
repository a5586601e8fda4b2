package io.ib.info.renyi;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The rows {@link RenyiEstimator} uses when a sample has more than N (its Javadoc says the same): N
 * distinct rows drawn uniformly without replacement by a partial Fisher-Yates shuffle driven by
 * {@code new SplittableRandom(}{@value #SEED}{@code )}, returned in increasing order. The draw
 * depends on n and N only, so every layer, every measurement step and every variable (X, T, Y) of
 * samples of the same size gets the same rows, and values stay comparable across layers and
 * through training.
 */
final class RowSubsample {
  /** The fixed seed of the draw (any constant would do; this one is documented). */
  static final long SEED = 20_151_211L;

  private RowSubsample() {}

  /**
   * The rows to use.
   *
   * @param n the sample's rows, at least 1
   * @param limit N, at least 1
   * @return 0..n-1 if n &lt;= N, else N distinct rows in increasing order
   */
  static int[] rows(int n, int limit) {
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    if (n <= limit) {
      return all;
    }
    SplittableRandom random = new SplittableRandom(SEED);
    for (int i = 0; i < limit; i++) {
      int j = i + random.nextInt(n - i);
      int t = all[i];
      all[i] = all[j];
      all[j] = t;
    }
    int[] chosen = Arrays.copyOf(all, limit);
    Arrays.sort(chosen);
    return chosen;
  }
}
