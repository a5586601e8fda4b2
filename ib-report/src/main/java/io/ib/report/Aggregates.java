package io.ib.report;

import io.ib.io.MeasurementRow;
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
 */
final class Aggregates {
  private final RunData run;

  Aggregates(RunData run) {
    this.run = run;
  }

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

  /** The mean trajectory of one (estimator, layer, width) over seeds, by step. */
  List<Point> trajectory(String estimator, String layer, int width) {
    TreeMap<Integer, List<MeasurementRow>> bySteps = new TreeMap<>();
    for (MeasurementRow r : run.estimateRows()) {
      if (r.width() == width && r.layer().equals(layer) && r.estimator().equals(estimator)) {
        bySteps.computeIfAbsent(r.step(), k -> new ArrayList<>()).add(r);
      }
    }
    List<Point> result = new ArrayList<>();
    bySteps.forEach((step, rows) -> result.add(new Point(step, rows.get(0).epoch(),
        stat(rows, MeasurementRow::ixtBits), stat(rows, MeasurementRow::ityBits))));
    return result;
  }

  /** Test accuracy and loss of one width over seeds, by step. */
  List<MetricPoint> metrics(int width) {
    TreeMap<Integer, Map<Long, MeasurementRow>> bySteps = new TreeMap<>();
    for (MeasurementRow r : run.rows()) {
      if (r.width() == width) {
        bySteps.computeIfAbsent(r.step(), k -> new LinkedHashMap<>()).putIfAbsent(r.seed(), r);
      }
    }
    List<MetricPoint> result = new ArrayList<>();
    bySteps.forEach((step, bySeed) -> {
      List<MeasurementRow> rows = new ArrayList<>(bySeed.values());
      result.add(new MetricPoint(step, rows.get(0).epoch(), stat(rows, MeasurementRow::testAccuracy),
          stat(rows, MeasurementRow::testLoss)));
    });
    return result;
  }

  /** I(X;T) (bits) of one (estimator, layer, width) at each cell's last step, over seeds. */
  Final finalIxt(String estimator, String layer, int width) {
    return finalValue(width, r -> r.layer().equals(layer) && r.estimator().equals(estimator),
        MeasurementRow::ixtBits);
  }

  /** I(T;Y) (bits) of one (estimator, layer, width) at each cell's last step, over seeds. */
  Final finalIty(String estimator, String layer, int width) {
    return finalValue(width, r -> r.layer().equals(layer) && r.estimator().equals(estimator),
        MeasurementRow::ityBits);
  }

  /** Test accuracy of one width at each cell's last step, over seeds. */
  Final finalAccuracy(int width) {
    return finalValue(width, r -> true, MeasurementRow::testAccuracy);
  }

  /** The last step measured in any cell, 0 if none. */
  int maxStep() {
    return run.rows().stream().mapToInt(MeasurementRow::step).max().orElse(0);
  }

  /** The distinct measurement steps of the run, ascending. */
  List<Integer> steps() {
    return run.rows().stream().map(MeasurementRow::step).distinct().sorted().toList();
  }

  /** The epoch of a step as recorded (NaN if the step was never measured). */
  double epochOf(int step) {
    return run.rows().stream().filter(r -> r.step() == step).mapToDouble(MeasurementRow::epoch)
        .findFirst().orElse(Double.NaN);
  }

  /**
   * The ceilings log2 n and H(Y) (bits) reported with an estimator on a layer: the largest value
   * seen, NaN when none.
   *
   * @return {log2 n, H(Y)}
   */
  double[] ceilings(String estimator, String layer) {
    double log2n = Double.NaN;
    double hy = Double.NaN;
    for (MeasurementRow r : run.estimateRows()) {
      if ((estimator == null || r.estimator().equals(estimator))
          && (layer == null || r.layer().equals(layer))) {
        log2n = Double.isNaN(log2n) ? r.log2nBits() : Math.max(log2n, r.log2nBits());
        hy = Double.isNaN(hy) ? r.hyBits() : Math.max(hy, r.hyBits());
      }
    }
    return new double[] {log2n, hy};
  }

  private Final finalValue(int width, java.util.function.Predicate<MeasurementRow> filter,
      ToDoubleFunction<MeasurementRow> value) {
    Map<Long, MeasurementRow> last = new HashMap<>();
    for (MeasurementRow r : run.rows()) {
      if (r.width() != width || !filter.test(r)) {
        continue;
      }
      MeasurementRow previous = last.get(r.seed());
      if (previous == null || r.step() > previous.step()) {
        last.put(r.seed(), r);
      }
    }
    if (last.isEmpty()) {
      return new Final(new Stat(Double.NaN, Double.NaN, 0), -1, -1);
    }
    List<MeasurementRow> rows = new ArrayList<>(last.values());
    int first = rows.stream().mapToInt(MeasurementRow::step).min().orElse(-1);
    int lastStep = rows.stream().mapToInt(MeasurementRow::step).max().orElse(-1);
    return new Final(stat(rows, value), first, lastStep);
  }

  private static Stat stat(List<MeasurementRow> rows, ToDoubleFunction<MeasurementRow> value) {
    List<Double> values = new ArrayList<>(rows.size());
    rows.forEach(r -> values.add(value.applyAsDouble(r)));
    return Stat.of(values);
  }
}
