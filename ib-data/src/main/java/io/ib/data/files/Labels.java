package io.ib.data.files;

import java.util.BitSet;

/** The rules for class labels read from users' files (CSV columns, MAT vectors). */
public final class Labels {
  /** Largest label accepted, so a stray value cannot ask for billions of classes. */
  public static final int MAX = 65_535;

  private Labels() {}

  /** True for an integral value in [0, {@value #MAX}]; written so that NaN is false. */
  public static boolean valid(double value) {
    return value >= 0 && value <= MAX && value == Math.rint(value);
  }

  /** What {@link #valid} requires, for messages. */
  public static String rule() {
    return "an integer in [0, " + MAX + "]";
  }

  /** How many different labels occur in all of the given sets together. */
  public static int distinct(int[]... sets) {
    BitSet seen = new BitSet();
    for (int[] labels : sets) {
      for (int label : labels) {
        seen.set(label);
      }
    }
    return seen.cardinality();
  }

  /** Largest label in all of the given sets together, -1 if they are empty. */
  public static int max(int[]... sets) {
    int max = -1;
    for (int[] labels : sets) {
      for (int label : labels) {
        max = Math.max(max, label);
      }
    }
    return max;
  }
}
