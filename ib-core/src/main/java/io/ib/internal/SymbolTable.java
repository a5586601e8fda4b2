package io.ib.internal;

import java.util.Arrays;

/**
 * Assigns each row of an integer matrix a symbol id, equal rows getting equal ids: an open-addressing
 * hash table keyed by row, with full row comparison on every hash match, so the result is exact. Used
 * by the binning estimators (rows of bin indices) and the k-nearest-neighbour estimators (rows of
 * float bit patterns, to find exactly repeated points).
 */
public final class SymbolTable {
  private SymbolTable() {}

  /**
   * Numbers the distinct rows of an integer matrix.
   *
   * @param cells n x d integers, row-major
   * @param n rows
   * @param d columns
   * @param ids receives the symbol id (0 .. S-1, in order of first appearance) of each row
   * @return S, the number of distinct rows
   */
  public static int symbolize(int[] cells, int n, int d, int[] ids) {
    int capacity = Integer.highestOneBit(Math.max(16, 2 * n - 1)) << 1;
    int mask = capacity - 1;
    int[] representative = new int[capacity];
    Arrays.fill(representative, -1);
    int[] slotId = new int[capacity];
    int distinct = 0;
    for (int r = 0; r < n; r++) {
      int from = r * d;
      int slot = (int) hash(cells, from, d) & mask;
      while (true) {
        int other = representative[slot];
        if (other < 0) {
          representative[slot] = r;
          slotId[slot] = distinct;
          ids[r] = distinct++;
          break;
        }
        int otherFrom = other * d;
        if (Arrays.equals(cells, from, from + d, cells, otherFrom, otherFrom + d)) {
          ids[r] = slotId[slot];
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
    return distinct;
  }

  // Four independent lanes: one chain of multiplications over 256 values is latency-bound.
  private static long hash(int[] cells, int from, int d) {
    long h0 = 0x9E3779B97F4A7C15L ^ d;
    long h1 = 0x632BE59BD9B4E019L;
    long h2 = 0x85EBCA77C2B2AE63L;
    long h3 = 0xC2B2AE3D27D4EB4FL;
    int i = from;
    int end = from + d;
    for (; i + 3 < end; i += 4) {
      h0 = mix(h0 ^ cells[i]);
      h1 = mix(h1 ^ cells[i + 1]);
      h2 = mix(h2 ^ cells[i + 2]);
      h3 = mix(h3 ^ cells[i + 3]);
    }
    for (; i < end; i++) {
      h0 = mix(h0 ^ cells[i]);
    }
    long h = h0 ^ Long.rotateLeft(h1, 16) ^ Long.rotateLeft(h2, 32) ^ Long.rotateLeft(h3, 48);
    h = (h ^ (h >>> 32)) * 0x94D049BB133111EBL;
    return h ^ (h >>> 29);
  }

  private static long mix(long h) {
    h *= 0xBF58476D1CE4E5B9L;
    return h ^ (h >>> 29);
  }
}
