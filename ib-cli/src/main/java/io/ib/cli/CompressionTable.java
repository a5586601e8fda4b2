package io.ib.cli;

import io.ib.info.EstimatorSpec;
import io.ib.sweep.Cell;
import io.ib.sweep.CompressionSummary;
import io.ib.sweep.CompressionSummary.Group;
import io.ib.sweep.CompressionSummary.Stat;
import java.util.List;
import java.util.Locale;

/**
 * The end-of-sweep table of compression: per estimator, width and layer, the peak of I(X;T), the
 * epoch of the peak, the last value and the drop, as mean (and range over seeds when there are
 * several); runs that never learned are named and left out.
 */
final class CompressionTable {
  private CompressionTable() {}

  static String format(CompressionSummary summary) {
    if (summary.groups().isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%nCompression of I(X;T)"
        + " (bits): peak, epoch of the peak, last value and drop = peak - last; mean over the seeds"
        + " that learned [min .. max]%n"));
    EstimatorSpec estimator = null;
    for (Group g : summary.groups()) {
      if (!g.estimator().equals(estimator)) {
        estimator = g.estimator();
        sb.append(String.format(Locale.ROOT, "%n%s%n%7s %-10s %22s %16s %22s %22s %6s%n",
            estimator, "width", "layer", "peak", "peak epoch", "last", "drop", "seeds"));
      }
      sb.append(String.format(Locale.ROOT, "%7d %-10s %22s %16s %22s %22s %6s%n", g.width(),
          g.layer(), stat(g.peakBits(), 3), stat(g.peakEpoch(), 0), stat(g.lastBits(), 3),
          stat(g.dropBits(), 3), g.seeds() + (g.notLearned() > 0 ? "+" + g.notLearned() : "")));
    }
    List<Cell> dead = summary.notLearned();
    if (!dead.isEmpty()) {
      sb.append(String.format(Locale.ROOT, "Never learned (final accuracy within %.2f of the"
          + " majority class; left out above, counted after '+'): %s%n",
          CompressionSummary.LEARNED_MARGIN, dead));
    }
    return sb.toString();
  }

  private static String stat(Stat s, int decimals) {
    return s.format(decimals, "..", "-");
  }
}
