package io.ib.cli;

import io.ib.info.EstimatorSpec;
import io.ib.info.InformationEstimate;
import io.ib.run.RecordedLayer;
import io.ib.run.Recording;
import io.ib.sweep.Cell;
import io.ib.sweep.CellResult;
import io.ib.sweep.Layer;
import io.ib.sweep.LayerEstimate;
import io.ib.sweep.Measurement;
import io.ib.sweep.SweepResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The end-of-sweep table: per layer, one row per width with the final test accuracy and the last
 * I(X;T), I(T;Y) of each estimator, averaged over seeds (with the standard deviation when there are
 * several).
 */
final class SummaryTable {
  private SummaryTable() {}

  static String format(SweepResult result) {
    return format(result, Optional.empty());
  }

  /**
   * The table of a run; of networks trained outside ib ({@code recording}) without a bottleneck or
   * training times, which ib does not know, with the recording's capacity for the width and its
   * layers' names ({@code hidden1 = conv1}).
   */
  static String format(SweepResult result, Optional<Recording> recording) {
    boolean recorded = recording.isPresent();
    String widthName = recording.map(Recording::capacity).orElse("width");
    String widthColumn = "%" + Math.max(7, widthName.length());
    List<CellResult> cells = result.cells();
    if (cells.isEmpty()) {
      return "no cells ran\n";
    }
    StringBuilder sb = new StringBuilder();
    Measurement any = cells.get(0).last();
    int seeds = result.config().seeds().size();
    InformationEstimate ceilings = any.estimates().isEmpty() ? null : any.estimates().get(0).estimate();
    sb.append(String.format(Locale.ROOT, "%nFinal measurements (step %d, epoch %s), %s; information in bits",
        any.step(), trim(any.epoch()), seeds == 1 ? "one seed" : "mean \u00b1 sd over " + seeds + " seeds"));
    if (ceilings != null) {
      sb.append(String.format(Locale.ROOT, " (ceilings: log2 n = %.3f, H(Y) = %.3f)",
          ceilings.log2nBits(), ceilings.hyBits()));
    }
    sb.append('\n');

    // In the network's order, input side first; the bottleneck is the last hidden layer.
    java.util.TreeSet<Layer> layerSet = new java.util.TreeSet<>();
    List<EstimatorSpec> estimators = new ArrayList<>();
    for (LayerEstimate e : any.estimates()) {
      layerSet.add(e.layer());
      if (!estimators.contains(e.estimate().estimator())) {
        estimators.add(e.estimate().estimator());
      }
    }
    Layer bottleneck = recorded ? null
        : layerSet.stream().filter(Layer::isHidden).reduce((a, b) -> b).orElse(null);
    List<Layer> layers = new ArrayList<>(layerSet);
    if (layers.isEmpty()) {
      layers.add(null); // the losses and accuracy alone
    }
    for (Layer layer : layers) {
      sb.append('\n').append(layer == null ? "" : "layer " + recordedName(layer, recording)
          + (layer.equals(bottleneck) ? " (bottleneck)" : "") + "\n");
      StringBuilder head = new StringBuilder(String.format(Locale.ROOT, widthColumn + "s %15s", widthName,
          "test_acc"));
      for (EstimatorSpec est : estimators) {
        head.append(String.format(Locale.ROOT, " | %-33s", est));
      }
      sb.append(head).append('\n');
      StringBuilder sub = new StringBuilder(String.format(Locale.ROOT, widthColumn + "s %15s", "", ""));
      for (int i = 0; i < estimators.size(); i++) {
        sub.append(String.format(Locale.ROOT, " | %16s %16s", "I(X;T)", "I(T;Y)"));
      }
      sb.append(sub).append('\n');
      for (int width : result.config().widths()) {
        List<Measurement> finals = cells.stream().filter(c -> c.cell().width() == width)
            .map(CellResult::last).toList();
        if (finals.isEmpty()) {
          continue;
        }
        StringBuilder row = new StringBuilder(String.format(Locale.ROOT, widthColumn + "d %15s", width,
            stat(finals.stream().mapToDouble(Measurement::testAccuracy).toArray(), 4)));
        for (EstimatorSpec est : estimators) {
          Map<String, double[]> values = values(finals, layer, est);
          row.append(String.format(Locale.ROOT, " | %16s %16s", stat(values.get("ixt"), 3),
              stat(values.get("ity"), 3)));
        }
        sb.append(row).append('\n');
      }
    }
    double training = cells.stream().mapToDouble(CellResult::trainingSeconds).sum();
    double evaluation = cells.stream().mapToDouble(CellResult::evaluationSeconds).sum();
    double estimation = cells.stream().mapToDouble(CellResult::estimationSeconds).sum();
    double wall = java.time.Duration.between(result.started(), result.finished()).toMillis() / 1000.0;
    if (recorded) {
      sb.append(String.format(Locale.ROOT, "%n%sEstimation %.1f s (the networks were trained"
          + " outside ib)%n", wall > 0 ? String.format(Locale.ROOT, "Wall time %.1f s. ", wall)
              : "", estimation));
      return sb.toString();
    }
    sb.append(String.format(Locale.ROOT, "%n%sSummed over cells (which may run in parallel): training"
        + " %.1f s, evaluation (forward passes) %.1f s, estimation during training %.1f s%n",
        wall > 0 ? String.format(Locale.ROOT, "Wall time %.1f s. ", wall) : "", training, evaluation,
        estimation));
    return sb.toString();
  }

  /** {@code hidden1 = conv1} where every recorded cell names the layer alike, else {@code hidden1}. */
  private static String recordedName(Layer layer, Optional<Recording> recording) {
    if (recording.isEmpty()) {
      return layer.toString();
    }
    List<String> names = new ArrayList<>();
    for (Cell c : recording.get().cells()) {
      RecordedLayer l = recording.get().layers(c).get(layer);
      names.add(l == null ? null : l.name());
    }
    return names.isEmpty() || names.contains(null) || names.stream().distinct().count() > 1
        ? layer.toString() : layer + " = " + names.get(0);
  }

  private static Map<String, double[]> values(List<Measurement> finals, Layer layer,
      EstimatorSpec est) {
    double[] ixt = new double[finals.size()];
    double[] ity = new double[finals.size()];
    for (int i = 0; i < finals.size(); i++) {
      ixt[i] = Double.NaN;
      ity[i] = Double.NaN;
      for (LayerEstimate e : finals.get(i).estimates()) {
        if (e.layer().equals(layer) && e.estimate().estimator().equals(est)) {
          ixt[i] = e.estimate().ixtBits();
          ity[i] = e.estimate().ityBits();
        }
      }
    }
    Map<String, double[]> m = new LinkedHashMap<>();
    m.put("ixt", ixt);
    m.put("ity", ity);
    return m;
  }

  /** Mean, and "mean ± sd" for several values. */
  static String stat(double[] v, int decimals) {
    double mean = 0;
    for (double x : v) {
      mean += x;
    }
    mean /= v.length;
    String f = "%." + decimals + "f";
    if (v.length == 1) {
      return String.format(Locale.ROOT, f, mean);
    }
    double ss = 0;
    for (double x : v) {
      ss += (x - mean) * (x - mean);
    }
    return String.format(Locale.ROOT, f + " \u00b1 " + f, mean, Math.sqrt(ss / (v.length - 1)));
  }

  private static String trim(double epoch) {
    return epoch == Math.rint(epoch) ? String.valueOf((long) epoch)
        : String.format(Locale.ROOT, "%.3f", epoch);
  }
}
