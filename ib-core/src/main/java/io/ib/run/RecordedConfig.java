package io.ib.run;

import io.ib.info.MutualInformationEstimator;
import io.ib.provenance.Provenance;
import io.ib.run.RunManifest.DataRecord;
import io.ib.run.RunManifest.Estimates;
import io.ib.run.RunManifest.Evaluation;
import io.ib.sweep.Cell;
import io.ib.sweep.CompressionSummary;
import io.ib.sweep.EvaluationSet;
import io.ib.sweep.OutputLayer;
import io.ib.sweep.SweepConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The configuration of a recorded run ({@link Recording}): what of a {@link SweepConfig} applies to
 * networks trained outside ib (the cells' widths and seeds, the estimators, whether the output layer
 * is measured, the evaluation set) and nothing else. {@code sweep.json} holds only those fields under
 * {@code config} ({@link ConfigJson#recordedNode}), so that no reader takes a recorded run for an
 * MLP that ib trained; in memory the training fields are stand-ins
 * ({@link ConfigJson#RECORDED_STAND_IN}) that no reader of a recorded run uses.
 */
final class RecordedConfig {
  private RecordedConfig() {}

  /**
   * The configuration of a recording: its cells' widths and seeds in the order they first appear,
   * the output layer measured as logits if its networks have one.
   */
  static SweepConfig of(Recording recording, List<MutualInformationEstimator> estimators) {
    Set<Integer> widths = new LinkedHashSet<>();
    Set<Long> seeds = new LinkedHashSet<>();
    recording.cells().forEach(c -> {
      widths.add(c.width());
      seeds.add(c.seed());
    });
    boolean output = recording.networks().values().stream()
        .anyMatch(n -> n.layers().get(n.layers().size() - 1).output());
    return ConfigJson.RECORDED_STAND_IN.withWidths(new ArrayList<>(widths)).withSeeds(new ArrayList<>(seeds))
        .withEstimators(estimators).withOutputLayer(output ? OutputLayer.LOGITS : OutputLayer.NONE)
        .withEvaluateOn(EvaluationSet.TEST);
  }

  // ------------------------------------------------------------------ the manifest's transitions

  /**
   * The manifest of a recorded run whose first cell starts now. Its dataset: the evaluation samples
   * ({@code labels}) as the test set, of {@code classes} classes (which the labels need not all show).
   */
  static RunManifest start(Recording recording, List<MutualInformationEstimator> estimators,
      String dataset, int trainSize, int[] labels, int features, int classes,
      Provenance provenance, Instant time, boolean keepsSnapshots) {
    SweepConfig config = of(recording, estimators);
    DataRecord data = new DataRecord(dataset, trainSize, labels.length, features, classes,
        List.of());
    Evaluation evaluation = new Evaluation(EvaluationSet.TEST, labels.length,
        CompressionSummary.majorityRate(labels, classes));
    return new RunManifest(ManifestJson.FORMAT, RunStatus.RUNNING, time, Optional.empty(),
        Optional.empty(), config, Estimates.of(config), keepsSnapshots, data, evaluation,
        provenance, List.of(), List.of(), List.of(), Map.of(), Optional.of(recording));
  }

  /** A recorded run with one more cell started. */
  static RunManifest withCell(RunManifest m, Cell cell, RecordedNetwork network) {
    Recording r = m.recording().orElseThrow(() -> new IllegalStateException("not a recorded run"))
        .with(cell, network);
    return new RunManifest(m.format(), m.status(), m.started(), m.finished(), m.error(),
        of(r, m.config().estimators()), m.estimates(), m.keepsSnapshots(), m.dataset(),
        m.evaluation(), m.provenance(), m.cells(), m.resumptions(), m.analyses(), m.globalRanges(),
        Optional.of(r));
  }
}
