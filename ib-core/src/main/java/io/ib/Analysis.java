package io.ib;

import io.ib.info.EstimatorSpec;
import io.ib.info.Estimators;
import io.ib.info.MutualInformationEstimator;
import io.ib.run.AnalysisWriter;
import io.ib.run.RunManifest;
import io.ib.run.SavedRun;
import io.ib.sweep.SnapshotAnalysis;
import io.ib.sweep.SweepConfig;
import io.ib.sweep.SweepResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * New estimators over the saved activations of a finished run (what {@code ib analyze} does). Made by
 * {@link InformationBottleneck#analyze}. The rows are added to {@code measurements.csv} and the
 * analysis is recorded in {@code sweep.json} in one step: an analysis that fails or is stopped leaves
 * the run as it was, and can simply be run again.
 */
public final class Analysis {
  private final Path directory;
  private final List<MutualInformationEstimator> estimators;
  private List<String> commandLine = List.of();

  Analysis(Path directory, List<MutualInformationEstimator> estimators) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.estimators = List.copyOf(estimators);
    if (this.estimators.isEmpty()) {
      throw new IllegalArgumentException("an analysis needs at least one estimator");
    }
  }

  /** The command line to record with the analysis (the CLI sets it). */
  public Analysis commandLine(List<String> value) {
    this.commandLine = List.copyOf(value);
    return this;
  }

  /**
   * Runs the estimators over every snapshot and adds their estimates to the run.
   *
   * @return the run's results with the new estimates
   * @throws IllegalArgumentException if an estimate is in the run already, two estimators produce the
   *     same estimate, or an estimator rejects a layer
   * @throws IOException if the directory holds no complete run with snapshots, is in use, or a file
   *     of it is damaged
   */
  public SweepResult run() throws IOException {
    SweepConfig.requireDistinctEstimates(estimators);
    estimators.forEach(Estimators::requireAvailable);
    List<EstimatorSpec> specs = new ArrayList<>();
    List<EstimatorSpec> estimates = new ArrayList<>();
    try (AnalysisWriter run = AnalysisWriter.open(directory)) {
      Set<EstimatorSpec> existing = run.estimatesWithResults();
      for (MutualInformationEstimator e : estimators) {
        specs.add(e.spec());
        for (EstimatorSpec member : e.memberSpecs()) {
          if (existing.contains(member)) {
            throw new IllegalArgumentException(directory + " already has results of " + member
                + ": nothing was added");
          }
          estimates.add(member);
        }
      }
      SnapshotAnalysis.Result result = SnapshotAnalysis.run(run.snapshots(), estimators,
          run.cells(), run.manifest().config().quantization(), recordedClasses(run.manifest()));
      run.finished(result.measurements(), result.ranges(), specs, estimates, Instant.now(),
          commandLine);
    }
    SavedRun saved = SavedRun.read(directory);
    return new SweepResult(saved.config(), saved.results(), Optional.of(directory),
        saved.manifest().started(), saved.manifest().finished().orElse(Instant.EPOCH));
  }

  /**
   * A recorded run's class count (its manifest's), which its subsample's labels may not reach; a
   * sweep's analysis takes the largest saved label + 1, as its run did.
   */
  private static int recordedClasses(RunManifest manifest) {
    return manifest.isRecorded() ? manifest.dataset().classes() : 0;
  }
}
