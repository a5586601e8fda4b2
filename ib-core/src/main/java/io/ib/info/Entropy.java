package io.ib.info;

import java.util.Arrays;

/**
 * Plug-in (maximum-likelihood) entropies of discrete samples, in bits.
 *
 * <p>H = sum_c (m_c c / n) log2(n / c), summed over the distinct count values c, where m_c symbols
 * each occur c times. Grouping by count makes the two boundary cases exact in floating point: n
 * distinct symbols give log2 n and a single symbol gives 0.
 */
public final class Entropy {
  private static final double LN2 = Math.log(2);

  private Entropy() {}

  /** log base 2. */
  public static double log2(double x) {
    return Math.log(x) / LN2;
  }

  /**
   * Entropy of a frequency table.
   *
   * @param counts occurrences of each symbol (zeros allowed)
   * @return H in bits; 0 for an empty table
   */
  public static double ofCounts(int[] counts) {
    // Only the non-zero counts matter; joint tables are mostly zeros, so sort just those.
    int[] sorted = new int[counts.length];
    int used = 0;
    long n = 0;
    for (int c : counts) {
      if (c != 0) {
        sorted[used++] = c;
        n += c;
      }
    }
    sorted = Arrays.copyOf(sorted, used);
    Arrays.sort(sorted);
    if (n == 0) {
      return 0;
    }
    double h = 0;
    int i = 0;
    while (i < sorted.length) {
      int c = sorted[i];
      int j = i;
      while (j < sorted.length && sorted[j] == c) {
        j++;
      }
      if (c > 0) {
        long mass = (long) (j - i) * c;
        h += (mass / (double) n) * log2(n / (double) c);
      }
      i = j;
    }
    return h;
  }

  /**
   * Entropy of a sequence of symbols in [0, numSymbols).
   *
   * @throws IllegalArgumentException if a symbol is out of range
   */
  public static double ofSymbols(int[] symbols, int numSymbols) {
    int[] counts = new int[numSymbols];
    for (int i = 0; i < symbols.length; i++) {
      int s = symbols[i];
      if (s < 0 || s >= numSymbols) {
        throw new IllegalArgumentException(
            "symbol " + s + " at index " + i + " is outside [0, " + numSymbols + ")");
      }
      counts[s]++;
    }
    return ofCounts(counts);
  }

  /**
   * Joint entropy H(A, B) of two aligned symbol sequences.
   *
   * @param a symbols in [0, numA)
   * @param b symbols in [0, numB), same length as a
   */
  public static double joint(int[] a, int numA, int[] b, int numB) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("sequences differ in length: " + a.length + " vs " + b.length);
    }
    long cells = (long) numA * numB;
    if (cells <= Math.max(1 << 20, 4L * a.length)) {
      int[] counts = new int[(int) cells];
      for (int i = 0; i < a.length; i++) {
        counts[a[i] * numB + b[i]]++;
      }
      return ofCounts(counts);
    }
    // Too many cells for a dense table: sort the joint keys and count runs.
    long[] keys = new long[a.length];
    for (int i = 0; i < a.length; i++) {
      keys[i] = (long) a[i] * numB + b[i];
    }
    Arrays.sort(keys);
    int[] counts = new int[a.length];
    int distinct = 0;
    for (int i = 0; i < keys.length; ) {
      int j = i;
      while (j < keys.length && keys[j] == keys[i]) {
        j++;
      }
      counts[distinct++] = j - i;
      i = j;
    }
    return ofCounts(Arrays.copyOf(counts, distinct));
  }

  /** Plug-in mutual information I(A;B) = H(A) + H(B) - H(A,B) of two aligned symbol sequences, bits. */
  public static double mutualInformation(int[] a, int numA, int[] b, int numB) {
    return ofSymbols(a, numA) + ofSymbols(b, numB) - joint(a, numA, b, numB);
  }
}
