package io.ib.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.info.EstimatorSpec;
import io.ib.info.InformationEstimate;
import io.ib.run.MeasurementRow;
import io.ib.run.RunStatus;
import io.ib.sweep.Layer;
import io.ib.sweep.LayerEstimate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Aggregates} against a plain reference in the test: for every query, one scan over all rows
 * that keeps the rows the query asks for.
 */
class AggregatesTest {
  @TempDir
  Path tmp;

  @Test
  void everyAggregateAgreesWithADirectScanOfTheRows() throws Exception {
    SyntheticRun synthetic = new SyntheticRun();
    synthetic.status = RunStatus.RUNNING;
    synthetic.seeds = List.of(1L, 2L, 3L);
    synthetic.layers = List.of("hidden1", "hidden2", "output");
    synthetic.measured = (w, s) -> !(w == 100 && s == 3);
    synthetic.lastStep = (w, s) -> w == 20 && s == 2 ? 30 : w == 5 && s == 1 ? 0 : Integer.MAX_VALUE;
    RunData run = RunData.read(synthetic.write(tmp.resolve("run")));
    Aggregates agg = new Aggregates(run);
    List<MeasurementRow> rows = run.rows();

    TreeSet<Integer> steps = new TreeSet<>();
    rows.forEach(r -> steps.add(r.step()));
    assertEquals(List.copyOf(steps), agg.steps());
    assertEquals(steps.last(), agg.maxStep());
    for (int step : steps) {
      double epoch = rows.stream().filter(r -> r.step() == step).findFirst().orElseThrow().epoch();
      assertEquals(epoch, agg.epochOf(step), 0);
    }
    assertTrue(Double.isNaN(agg.epochOf(steps.last() + 1)));

    for (int width : run.widths()) {
      assertFinal(lastPerSeed(rows, width, r -> true), MeasurementRow::testAccuracy,
          agg.finalAccuracy(width));
      TreeMap<Integer, Map<Long, MeasurementRow>> byStep = new TreeMap<>();
      for (MeasurementRow r : rows) {
        if (r.width() == width) {
          byStep.computeIfAbsent(r.step(), k -> new java.util.LinkedHashMap<>()).putIfAbsent(r.seed(), r);
        }
      }
      List<Aggregates.MetricPoint> metrics = agg.metrics(width);
      assertEquals(List.copyOf(byStep.keySet()), metrics.stream().map(Aggregates.MetricPoint::step).toList());
      for (Aggregates.MetricPoint p : metrics) {
        List<MeasurementRow> at = new ArrayList<>(byStep.get(p.step()).values());
        assertEquals(at.get(0).epoch(), p.epoch(), 0);
        assertEquals(stat(at, MeasurementRow::testAccuracy), p.accuracy());
        assertEquals(stat(at, MeasurementRow::testLoss), p.loss());
      }
      for (EstimatorSpec estimator : run.estimators()) {
        for (Layer layer : run.layers()) {
          Predicate<MeasurementRow> series = r -> estimator(r).equals(estimator) && layer(r).equals(layer);
          List<MeasurementRow> last = lastPerSeed(rows, width, series);
          assertFinal(last, r -> estimate(r).ixtBits(), agg.finalIxt(estimator, layer, width));
          assertFinal(last, r -> estimate(r).ityBits(), agg.finalIty(estimator, layer, width));
          TreeMap<Integer, List<MeasurementRow>> trajectory = new TreeMap<>();
          rows.stream().filter(r -> r.width() == width && series.test(r))
              .forEach(r -> trajectory.computeIfAbsent(r.step(), k -> new ArrayList<>()).add(r));
          List<Aggregates.Point> points = agg.trajectory(estimator, layer, width);
          assertEquals(List.copyOf(trajectory.keySet()),
              points.stream().map(Aggregates.Point::step).toList());
          for (Aggregates.Point p : points) {
            List<MeasurementRow> at = trajectory.get(p.step());
            assertEquals(at.get(0).epoch(), p.epoch(), 0);
            assertEquals(stat(at, r -> estimate(r).ixtBits()), p.ixt());
            assertEquals(stat(at, r -> estimate(r).ityBits()), p.ity());
          }
        }
      }
    }
    for (EstimatorSpec estimator : java.util.Arrays.asList(null, EstimatorSpec.parse("binning:width=4"))) {
      for (Layer layer : java.util.Arrays.asList(null, Layer.hidden(1), Layer.OUTPUT)) {
        Predicate<MeasurementRow> source = r -> r.estimate().isPresent()
            && (estimator == null || estimator(r).equals(estimator))
            && (layer == null || layer(r).equals(layer));
        double log2n = rows.stream().filter(source).mapToDouble(r -> estimate(r).log2nBits())
            .max().orElse(Double.NaN);
        double hy = rows.stream().filter(source).mapToDouble(r -> estimate(r).hyBits())
            .max().orElse(Double.NaN);
        assertEquals(log2n, agg.ceilings(estimator, layer)[0], 0, estimator + " " + layer);
        assertEquals(hy, agg.ceilings(estimator, layer)[1], 0, estimator + " " + layer);
      }
    }
  }

  private static InformationEstimate estimate(MeasurementRow r) {
    return r.estimate().orElseThrow().estimate();
  }

  private static EstimatorSpec estimator(MeasurementRow r) {
    return estimate(r).estimator();
  }

  private static Layer layer(MeasurementRow r) {
    return r.estimate().map(LayerEstimate::layer).orElseThrow();
  }

  /** Per seed, the row of the width that passes the filter with the largest step (the first of ties). */
  private static List<MeasurementRow> lastPerSeed(List<MeasurementRow> rows, int width,
      Predicate<MeasurementRow> filter) {
    Map<Long, MeasurementRow> last = new java.util.LinkedHashMap<>();
    for (MeasurementRow r : rows) {
      if (r.width() == width && filter.test(r)
          && (!last.containsKey(r.seed()) || r.step() > last.get(r.seed()).step())) {
        last.put(r.seed(), r);
      }
    }
    return new ArrayList<>(last.values());
  }

  private static void assertFinal(List<MeasurementRow> last, ToDoubleFunction<MeasurementRow> value,
      Aggregates.Final actual) {
    if (last.isEmpty()) {
      assertEquals(0, actual.stat().count());
      assertEquals(-1, actual.firstStep());
      return;
    }
    assertEquals(stat(last, value), actual.stat());
    assertEquals(last.stream().mapToInt(MeasurementRow::step).min().getAsInt(), actual.firstStep());
    assertEquals(last.stream().mapToInt(MeasurementRow::step).max().getAsInt(), actual.lastStep());
  }

  private static Stat stat(List<MeasurementRow> rows, ToDoubleFunction<MeasurementRow> value) {
    return Stat.of(rows.stream().map(r -> value.applyAsDouble(r)).toList());
  }
}
