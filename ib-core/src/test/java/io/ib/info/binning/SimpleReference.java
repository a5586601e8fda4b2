package io.ib.info.binning;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The deliberately simple plug-in computation the binning tests compare against: symbols as lists in
 * a HashMap, entropies as -sum p log2 p in double, I(T;Y) as H(T) - sum_y p(y) H(T | Y = y).
 */
final class SimpleReference {
  private SimpleReference() {}

  /** {I(X;T), I(T;Y)} in bits for one symbol (any list of bin indices) per sample. */
  static double[] information(List<? extends List<?>> symbols, int[] labels, int classes) {
    int n = labels.length;
    double ht = entropy(symbols);
    double conditional = 0;
    for (int y = 0; y < classes; y++) {
      List<List<?>> subset = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (labels[i] == y) {
          subset.add(symbols.get(i));
        }
      }
      if (!subset.isEmpty()) {
        conditional += subset.size() / (double) n * entropy(subset);
      }
    }
    return new double[] {ht, ht - conditional};
  }

  private static double entropy(List<? extends List<?>> symbols) {
    Map<List<?>, Integer> counts = new HashMap<>();
    symbols.forEach(s -> counts.merge(s, 1, Integer::sum));
    double h = 0;
    for (int c : counts.values()) {
      double p = c / (double) symbols.size();
      h -= p * Math.log(p) / Math.log(2);
    }
    return h;
  }
}
