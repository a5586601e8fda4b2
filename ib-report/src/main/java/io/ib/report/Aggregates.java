package io.ib.report;

import io.ib.info.EstimatorSpec;
import io.ib.run.MeasurementRow;
import io.ib.sweep.Layer;
import io.ib.sweep.LayerEstimate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * Means and spreads over seeds of a run's measurements: trajectories (per measurement step) and
 * final values (each cell's last measured step). Information values in bits.
 *
 * <p>All of it is computed in one pass over the rows, grouped by typed keys, when the object is
 * built; the queries are look-ups. (Scanning the rows once per line of a plot or cell of a table
 * made the report quadratic in the size of a sweep.)
 */
final class Aggregates {
  /** One line of estimates: an estimator on a layer, over the cells of one width. */
  private record Series(EstimatorSpec estimator, Layer layer, int width) {}

  /** The rows of one estimator on one layer, all widths: where ceilings are looked up. */
  private record Source(EstimatorSpec estimator, Layer layer) {}

  private static final Final NONE = new Final(Stat.of(List.of()), -1, -1);

  private final Map<Series, List<Point>> trajectories = new HashMap<>();
  private final Map<Series, Final> finalIxt = new HashMap<>();
  private final Map<Series, Final> finalIty = new HashMap<>();
  private final Map<Integer, List<MetricPoint>> metrics = new HashMap<>();
  private final Map<Integer, Final> finalAccuracy = new HashMap<>();
  private final Map<Source, double[]> ceilings = new LinkedHashMap<>();
  private final TreeMap<Integer, Double> epochs = new TreeMap<>();

  /**
   * One measurement step, averaged over the seeds that reached it.
   *
   * @param step optimiser steps
   * @param epoch step / steps per epoch
   * @param ixt I(X;T) over seeds, bits
   * @param ity I(T;Y) over seeds, bits
   */
  record Point(int step, double epoch, Stat ixt, Stat ity) {}

  /**
   * Test metrics at one step, over seeds.
   *
   * @param step optimiser steps
   * @param epoch step / steps per epoch
   * @param accuracy test accuracy in [0, 1]
   * @param loss test loss, nats
   */
  record MetricPoint(int step, double epoch, Stat accuracy, Stat loss) {}

  /**
   * A value at each cell's last measured step, over seeds.
   *
   * @param stat mean and spread over seeds
   * @param firstStep the smallest of the cells' last steps
   * @param lastStep the largest of the cells' last steps (equal to firstStep when all cells got
   *     equally far)
   */
  record Final(Stat stat, int firstStep, int lastStep) {
    boolean mixedSteps() {
      return firstStep != lastStep;
    }
  }

  Aggregates(RunData run) {
    Map<Series, TreeMap<Integer, List<MeasurementRow>>> seriesByStep = new HashMap<>();
    Map<Series, Map<Long, MeasurementRow>> seriesLast = new HashMap<>();
    Map<Integer, TreeMap<Integer, Map<Long, MeasurementRow>>> widthByStep = new HashMap<>();
    Map<Integer, Map<Long, MeasurementRow>> widthLast = new HashMap<>();
    for (MeasurementRow r : run.rows()) {
      epochs.putIfAbsent(r.step(), r.epoch());
      widthByStep.computeIfAbsent(r.width(), k -> new TreeMap<>())
          .computeIfAbsent(r.step(), k -> new LinkedHashMap<>()).putIfAbsent(r.seed(), r);
      keepLast(widthLast.computeIfAbsent(r.width(), k -> new LinkedHashMap<>()), r);
      if (r.estimate().isPresent()) {
        LayerEstimate e = r.estimate().get();
        EstimatorSpec spec = e.estimate().estimator();
        Series key = new Series(spec, e.layer(), r.width());
        seriesByStep.computeIfAbsent(key, k -> new TreeMap<>())
            .computeIfAbsent(r.step(), k -> new ArrayList<>()).add(r);
        keepLast(seriesLast.computeIfAbsent(key, k -> new LinkedHashMap<>()), r);
        double[] c = ceilings.computeIfAbsent(new Source(spec, e.layer()),
            k -> new double[] {Double.NaN, Double.NaN});
        c[0] = largest(c[0], e.estimate().log2nBits());
        c[1] = largest(c[1], e.estimate().hyBits());
      }
    }
    seriesByStep.forEach((key, bySteps) -> {
      List<Point> points = new ArrayList<>(bySteps.size());
      bySteps.forEach((step, rows) -> points.add(new Point(step, rows.get(0).epoch(),
          stat(rows, Aggregates::ixtBits), stat(rows, Aggregates::ityBits))));
      trajectories.put(key, List.copyOf(points));
    });
    seriesLast.forEach((key, last) -> {
      List<MeasurementRow> rows = new ArrayList<>(last.values());
      finalIxt.put(key, finalOf(rows, Aggregates::ixtBits));
      finalIty.put(key, finalOf(rows, Aggregates::ityBits));
    });
    widthByStep.forEach((width, bySteps) -> {
      List<MetricPoint> points = new ArrayList<>(bySteps.size());
      bySteps.forEach((step, bySeed) -> {
        List<MeasurementRow> rows = new ArrayList<>(bySeed.values());
        points.add(new MetricPoint(step, rows.get(0).epoch(), stat(rows, MeasurementRow::testAccuracy),
            stat(rows, MeasurementRow::testLoss)));
      });
      metrics.put(width, List.copyOf(points));
    });
    widthLast.forEach((width, last) ->
        finalAccuracy.put(width, finalOf(new ArrayList<>(last.values()), MeasurementRow::testAccuracy)));
  }

  /** The mean trajectory of one (estimator, layer, width) over seeds, by step. */
  List<Point> trajectory(EstimatorSpec estimator, Layer layer, int width) {
    return trajectories.getOrDefault(new Series(estimator, layer, width), List.of());
  }

  /** Test accuracy and loss of one width over seeds, by step. */
  List<MetricPoint> metrics(int width) {
    return metrics.getOrDefault(width, List.of());
  }

  /** I(X;T) (bits) of one (estimator, layer, width) at each cell's last step, over seeds. */
  Final finalIxt(EstimatorSpec estimator, Layer layer, int width) {
    return finalIxt.getOrDefault(new Series(estimator, layer, width), NONE);
  }

  /** I(T;Y) (bits) of one (estimator, layer, width) at each cell's last step, over seeds. */
  Final finalIty(EstimatorSpec estimator, Layer layer, int width) {
    return finalIty.getOrDefault(new Series(estimator, layer, width), NONE);
  }

  /** Test accuracy of one width at each cell's last step, over seeds. */
  Final finalAccuracy(int width) {
    return finalAccuracy.getOrDefault(width, NONE);
  }

  /** The last step measured in any cell, 0 if none. */
  int maxStep() {
    return epochs.isEmpty() ? 0 : epochs.lastKey();
  }

  /** The distinct measurement steps of the run, ascending. */
  List<Integer> steps() {
    return List.copyOf(epochs.keySet());
  }

  /** The epoch of a step as first recorded (NaN if the step was never measured). */
  double epochOf(int step) {
    return epochs.getOrDefault(step, Double.NaN);
  }

  /**
   * The ceilings log2 n and H(Y) (bits) reported with an estimator on a layer: the largest value
   * seen (NaN values left out), NaN when none.
   *
   * @param estimator an estimator, or null for every estimator
   * @param layer a layer, or null for every layer
   * @return {log2 n, H(Y)}
   */
  double[] ceilings(EstimatorSpec estimator, Layer layer) {
    double[] result = {Double.NaN, Double.NaN};
    ceilings.forEach((source, c) -> {
      if ((estimator == null || source.estimator().equals(estimator))
          && (layer == null || source.layer().equals(layer))) {
        result[0] = largest(result[0], c[0]);
        result[1] = largest(result[1], c[1]);
      }
    });
    return result;
  }

  /** Keeps, per seed, the row with the largest step (the first of equal steps). */
  private static void keepLast(Map<Long, MeasurementRow> last, MeasurementRow r) {
    MeasurementRow previous = last.get(r.seed());
    if (previous == null || r.step() > previous.step()) {
      last.put(r.seed(), r);
    }
  }

  /** A running maximum that leaves NaN values out: NaN until a value is seen. */
  private static double largest(double soFar, double v) {
    return Double.isNaN(soFar) ? v : Double.isNaN(v) ? soFar : Math.max(soFar, v);
  }

  private static Final finalOf(List<MeasurementRow> last, ToDoubleFunction<MeasurementRow> value) {
    if (last.isEmpty()) {
      return NONE;
    }
    int first = last.stream().mapToInt(MeasurementRow::step).min().orElse(-1);
    int lastStep = last.stream().mapToInt(MeasurementRow::step).max().orElse(-1);
    return new Final(stat(last, value), first, lastStep);
  }

  private static Stat stat(List<MeasurementRow> rows, ToDoubleFunction<MeasurementRow> value) {
    List<Double> values = new ArrayList<>(rows.size());
    rows.forEach(r -> values.add(value.applyAsDouble(r)));
    return Stat.of(values);
  }

  /** I(X;T) of a row with an estimate, bits. */
  private static double ixtBits(MeasurementRow r) {
    return r.estimate().orElseThrow().estimate().ixtBits();
  }

  /** I(T;Y) of a row with an estimate, bits. */
  private static double ityBits(MeasurementRow r) {
    return r.estimate().orElseThrow().estimate().ityBits();
  }
}
