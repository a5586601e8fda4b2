package io.ib.run;

import io.ib.info.EstimatorSpec;
import io.ib.run.RunManifest.CellRecord;
import io.ib.sweep.Cell;
import io.ib.sweep.CellResult;
import io.ib.sweep.LayerEstimate;
import io.ib.sweep.Measurement;
import io.ib.train.BatchOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The results of a run's finished cells rebuilt from its rows, equal to those the sweep returned:
 * each cell must have the measurements and rows its manifest records, and epochs are recomputed
 * from the steps exactly as training computed them (the file holds them rounded; a recorded run's
 * are the file's).
 */
final class RunResults {
  private RunResults() {}

  /**
   * One result per finished cell, in the manifest's order.
   *
   * @param rows every row of {@code measurements.csv}
   * @param csvFile the file the rows come from, for messages
   * @throws DamagedFileException if a cell's rows do not match its manifest entry
   */
  static List<CellResult> of(RunManifest m, List<MeasurementRow> rows, Path csvFile)
      throws DamagedFileException {
    Set<EstimatorSpec> online = new HashSet<>(m.estimates().online());
    Map<Cell, TreeMap<Integer, List<MeasurementRow>>> byCell = new HashMap<>();
    Map<Cell, Long> rowCounts = new HashMap<>();
    for (MeasurementRow row : rows) {
      byCell.computeIfAbsent(row.cell(), c -> new TreeMap<>())
          .computeIfAbsent(row.step(), s -> new ArrayList<>()).add(row);
      if (row.estimate().map(e -> online.contains(e.estimate().estimator())).orElse(true)) {
        rowCounts.merge(row.cell(), 1L, Long::sum); // the rows written while the cell trained
      }
    }
    double stepsPerEpoch = stepsPerEpoch(m);
    List<CellResult> result = new ArrayList<>();
    for (CellRecord c : m.cells()) {
      TreeMap<Integer, List<MeasurementRow>> bySteps = byCell.getOrDefault(c.cell(),
          new TreeMap<>());
      long rowCount = rowCounts.getOrDefault(c.cell(), 0L);
      if (bySteps.size() != c.measurements() || rowCount != c.rows()) {
        throw new DamagedFileException(csvFile, "it holds " + bySteps.size() + " measurements in "
            + rowCount + " rows of " + c.cell() + ", but " + RunFiles.MANIFEST + " records "
            + c.measurements() + " measurements in " + c.rows() + " rows");
      }
      List<Measurement> measurements = new ArrayList<>();
      for (List<MeasurementRow> point : bySteps.values()) {
        MeasurementRow first = point.get(0);
        List<LayerEstimate> estimates = new ArrayList<>();
        point.forEach(r -> r.estimate().ifPresent(estimates::add));
        // A recorded network's epochs are its own: the file's, to six digits.
        double epoch = m.isRecorded() ? first.epoch() : first.step() / stepsPerEpoch;
        measurements.add(new Measurement(c.cell(), first.step(), epoch,
            first.trainLoss(), first.testLoss(), first.testAccuracy(), estimates));
      }
      result.add(new CellResult(c.cell(), measurements, c.trainingSeconds(),
          c.evaluationSeconds(), c.estimatorSeconds()));
    }
    return result;
  }

  /** Steps per epoch of the run's training, as the sweep computed them. */
  private static double stepsPerEpoch(RunManifest m) {
    return new BatchOrder(Math.max(1, m.dataset().trainSize()), m.config().batchSize(), 1)
        .stepsPerEpoch();
  }
}
