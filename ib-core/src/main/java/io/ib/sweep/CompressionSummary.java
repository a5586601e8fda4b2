package io.ib.sweep;

import io.ib.info.EstimatorSpec;
import io.ib.info.InformationEstimate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How much each layer's I(X;T) fell after its peak: the "compression" of the information-bottleneck
 * debate (Shwartz-Ziv &amp; Tishby 2017, Saxe et al. 2018), per run and summarised over seeds.
 *
 * <p>Per cell, layer and estimator: the peak of I(X;T) over the measurements, the epoch of the (first)
 * peak, the last value and the drop, peak minus last (bits, &ge; 0). A drop of a few bits while
 * I(T;Y) rises is what the papers call compression; a drop near 0 means none.
 *
 * <p>Runs that never learned are flagged and left out of the means: a network whose final accuracy
 * is not above the majority-class rate of the evaluation set plus {@value #LEARNED_MARGIN} (a dead
 * ReLU network, say) has nothing to compress, and averaging it in would hide the others.
 */
public final class CompressionSummary {
  /** How far above the majority-class rate a final accuracy must be for the run to have learned. */
  public static final double LEARNED_MARGIN = 0.02;

  /**
   * One run's I(X;T) trajectory on one layer, reduced to its peak and end.
   *
   * @param estimator the estimator
   * @param layer the layer
   * @param cell width and seed
   * @param peakBits the largest I(X;T)
   * @param peakEpoch the epoch of its first occurrence
   * @param lastBits the last I(X;T)
   * @param lastEpoch the epoch of the last measurement
   * @param finalAccuracy accuracy at the last measurement
   * @param learned whether the final accuracy is above the majority-class rate plus the margin
   */
  public record Run(EstimatorSpec estimator, Layer layer, Cell cell, double peakBits, double peakEpoch,
      double lastBits, double lastEpoch, double finalAccuracy, boolean learned) {
    /** Peak minus last, bits. */
    public double dropBits() {
      return peakBits - lastBits;
    }
  }

  /**
   * The runs of one estimator, layer and width, summarised over the seeds that learned.
   *
   * @param estimator the estimator
   * @param layer the layer
   * @param width bottleneck width of the cells
   * @param peakBits peak I(X;T) over the learned seeds
   * @param peakEpoch epoch of the peak
   * @param lastBits last I(X;T)
   * @param dropBits peak minus last
   * @param seeds seeds that learned (the summaries' sample)
   * @param notLearned seeds left out because they never learned
   */
  public record Group(EstimatorSpec estimator, Layer layer, int width, Stat peakBits, Stat peakEpoch,
      Stat lastBits, Stat dropBits, int seeds, int notLearned) {}

  /**
   * Mean, sample standard deviation (NaN for one value), minimum and maximum; all NaN for none.
   */
  public record Stat(double mean, double sd, double min, double max) {
    static Stat of(List<Double> values) {
      if (values.isEmpty()) {
        return new Stat(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
      }
      double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
      double ss = 0;
      for (double v : values) {
        ss += (v - mean) * (v - mean);
      }
      return new Stat(mean, values.size() > 1 ? Math.sqrt(ss / (values.size() - 1)) : Double.NaN,
          values.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
          values.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
    }

    /**
     * The mean with the given decimals, followed by " [min" + separator + "max]" when there were
     * several values; {@code missing} when there were none.
     */
    public String format(int decimals, String separator, String missing) {
      if (Double.isNaN(mean)) {
        return missing;
      }
      String f = "%." + decimals + "f";
      String text = String.format(Locale.ROOT, f, mean);
      return Double.isNaN(sd) ? text
          : text + String.format(Locale.ROOT, " [" + f + separator + f + "]", min, max);
    }
  }

  private final List<Run> runs;
  private final List<Group> groups;

  private CompressionSummary(List<Run> runs, List<Group> groups) {
    this.runs = List.copyOf(runs);
    this.groups = List.copyOf(groups);
  }

  /**
   * Summarises the cells' measurements.
   *
   * @param majorityRate the share of the evaluation set's most frequent class (NaN: flag nothing)
   */
  public static CompressionSummary of(List<CellResult> cells, double majorityRate) {
    record Key(EstimatorSpec estimator, Layer layer, int width) {}
    record Series(EstimatorSpec estimator, Layer layer) {}
    List<Run> runs = new ArrayList<>();
    Map<Key, List<Run>> byGroup = new LinkedHashMap<>();
    for (CellResult cell : cells) {
      if (cell.measurements().isEmpty()) {
        continue;
      }
      Measurement last = cell.last();
      boolean learned = !(last.testAccuracy() <= majorityRate + LEARNED_MARGIN);
      Map<Series, double[]> peaks = new LinkedHashMap<>(); // peak, epoch, last, last epoch
      for (Measurement m : cell.measurements()) {
        for (LayerEstimate e : m.estimates()) {
          InformationEstimate ie = e.estimate();
          if (!Double.isFinite(ie.ixtBits()) || ie.estimator().isStandardErrors()) {
            continue; // standard errors are no information values to summarise
          }
          double[] p = peaks.computeIfAbsent(new Series(ie.estimator(), e.layer()),
              k -> new double[] {Double.NEGATIVE_INFINITY, 0, 0, 0});
          if (ie.ixtBits() > p[0]) {
            p[0] = ie.ixtBits();
            p[1] = m.epoch();
          }
          p[2] = ie.ixtBits();
          p[3] = m.epoch();
        }
      }
      for (Map.Entry<Series, double[]> e : peaks.entrySet()) {
        double[] p = e.getValue();
        Run run = new Run(e.getKey().estimator(), e.getKey().layer(), cell.cell(), p[0], p[1], p[2],
            p[3],
            last.testAccuracy(), learned);
        runs.add(run);
        byGroup.computeIfAbsent(new Key(run.estimator(), run.layer(), cell.cell().width()),
            k -> new ArrayList<>()).add(run);
      }
    }
    List<Group> groups = new ArrayList<>();
    for (Map.Entry<Key, List<Run>> g : byGroup.entrySet()) {
      List<Run> learned = g.getValue().stream().filter(Run::learned).toList();
      groups.add(new Group(g.getKey().estimator(), g.getKey().layer(), g.getKey().width(),
          Stat.of(learned.stream().map(Run::peakBits).toList()),
          Stat.of(learned.stream().map(Run::peakEpoch).toList()),
          Stat.of(learned.stream().map(Run::lastBits).toList()),
          Stat.of(learned.stream().map(Run::dropBits).toList()), learned.size(),
          g.getValue().size() - learned.size()));
    }
    groups.sort(Comparator.comparing((Group g) -> g.estimator().toString())
        .thenComparingInt(Group::width).thenComparing(Group::layer));
    return new CompressionSummary(runs, groups);
  }

  /** Every run, in cell order. */
  public List<Run> runs() {
    return runs;
  }

  /** Per estimator, width and layer (input side first), the summary over learned seeds. */
  public List<Group> groups() {
    return groups;
  }

  /** The cells that never learned (see the class comment), each once. */
  public List<Cell> notLearned() {
    return runs.stream().filter(r -> !r.learned()).map(Run::cell).distinct().toList();
  }

  /** The share of the most frequent class among labels. */
  public static double majorityRate(int[] labels, int numClasses) {
    Objects.requireNonNull(labels, "labels");
    int[] counts = new int[numClasses];
    for (int y : labels) {
      counts[y]++;
    }
    int max = 0;
    for (int c : counts) {
      max = Math.max(max, c);
    }
    return labels.length == 0 ? Double.NaN : max / (double) labels.length;
  }

  /**
   * The summary as CSV, one row per run, then one per group (machine-readable;
   * {@code compression.csv} in a run directory). Information in bits.
   */
  public String csv() {
    StringBuilder sb = new StringBuilder("kind,estimator,layer,width,seed,seeds,not_learned,"
        + "peak_bits,peak_bits_sd,peak_epoch,last_bits,last_bits_sd,drop_bits,drop_bits_sd,"
        + "drop_bits_min,drop_bits_max,final_accuracy,learned\n");
    for (Run r : runs) {
      sb.append("run,").append(quote(r.estimator().toString())).append(',').append(r.layer()).append(',')
          .append(r.cell().width()).append(',').append(r.cell().seed()).append(",1,")
          .append(r.learned() ? 0 : 1).append(',').append(r.peakBits()).append(",,")
          .append(r.peakEpoch()).append(',').append(r.lastBits()).append(",,")
          .append(r.dropBits()).append(",,,,").append(r.finalAccuracy()).append(',')
          .append(r.learned()).append('\n');
    }
    for (Group g : groups) {
      sb.append("mean,").append(quote(g.estimator().toString())).append(',').append(g.layer()).append(',')
          .append(g.width()).append(",,").append(g.seeds()).append(',').append(g.notLearned())
          .append(',').append(num(g.peakBits().mean())).append(',').append(num(g.peakBits().sd()))
          .append(',').append(num(g.peakEpoch().mean())).append(',').append(num(g.lastBits().mean()))
          .append(',').append(num(g.lastBits().sd())).append(',').append(num(g.dropBits().mean()))
          .append(',').append(num(g.dropBits().sd())).append(',').append(num(g.dropBits().min()))
          .append(',').append(num(g.dropBits().max())).append(",,\n");
    }
    return sb.toString();
  }

  private static String num(double v) {
    return Double.isNaN(v) ? "" : Double.toString(v);
  }

  private static String quote(String s) {
    return s.indexOf(',') < 0 ? s : '"' + s.replace("\"", "\"\"") + '"';
  }
}
