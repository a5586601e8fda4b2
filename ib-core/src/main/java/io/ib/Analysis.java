package io.ib;

import io.ib.info.EstimatorSpec;
import io.ib.info.MutualInformationEstimator;
import io.ib.run.RunDirectory;
import io.ib.sweep.SnapshotAnalysis;
import io.ib.sweep.SweepConfig;
import io.ib.sweep.SweepResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
    try (RunDirectory run = RunDirectory.openForAnalysis(directory)) {
      Set<String> existing = run.estimatorsWithResults();
      for (MutualInformationEstimator e : estimators) {
        for (EstimatorSpec member : e.memberSpecs()) {
          if (existing.contains(member.toString())) {
            throw new IllegalArgumentException(directory + " already has results of " + member
                + ": nothing was added");
          }
        }
      }
      SnapshotAnalysis.Result result = SnapshotAnalysis.run(run.snapshots(), estimators,
          run.finishedCells(), RunDirectory.readConfig(directory).quantization());
      List<String> specs = new ArrayList<>();
      estimators.forEach(e -> specs.add(e.spec().toString()));
      run.analysisFinished(result.measurements(), result.ranges(), specs, Instant.now(),
          commandLine);
    }
    return new SweepResult(RunDirectory.readConfig(directory), RunDirectory.readResults(directory),
        java.util.Optional.of(directory), Instant.EPOCH, Instant.EPOCH);
  }
}
