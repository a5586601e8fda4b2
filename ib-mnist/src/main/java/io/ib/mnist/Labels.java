package io.ib.mnist;

import java.util.BitSet;

/** The rules for class labels read from users' files (CSV columns, MAT vectors). */
final class Labels {
  /** Largest label accepted, so a stray value cannot ask for billions of classes. */
  static final int MAX = 65_535;

  private Labels() {}

  /** True for an integral value in [0, {@value #MAX}]; written so that NaN is false. */
  static boolean valid(double value) {
    return value >= 0 && value <= MAX && value == Math.rint(value);
  }

  /** What {@link #valid} requires, for messages. */
  static String rule() {
    return "an integer in [0, " + MAX + "]";
  }

  /** How many different labels occur in all of the given sets together. */
  static int distinct(int[]... sets) {
    BitSet seen = new BitSet();
    for (int[] labels : sets) {
      for (int label : labels) {
        seen.set(label);
      }
    }
    return seen.cardinality();
  }

  /** Largest label in all of the given sets together, -1 if they are empty. */
  static int max(int[]... sets) {
    int max = -1;
    for (int[] labels : sets) {
      for (int label : labels) {
        max = Math.max(max, label);
      }
    }
    return max;
  }
}
