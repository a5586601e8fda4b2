package io.ib.cli;

import io.ib.info.MutualInformationEstimator;
import io.ib.io.MeasurementRow;
import io.ib.io.MeasurementsCsv;
import io.ib.io.RunDirectory;
import io.ib.sweep.CellResult;
import io.ib.sweep.LayerEstimate;
import io.ib.sweep.SnapshotAnalysis;
import io.ib.sweep.SweepResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ib analyze RUN_DIR --estimator SPEC...}: new estimators over a finished run's activation
 * snapshots, without retraining; rows are appended to {@code measurements.csv}.
 */
@Command(name = "analyze", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Apply more estimators to the activation snapshots of a finished sweep (run with"
        + " --snapshots), without retraining. Rows are appended to RUN_DIR/measurements.csv, the"
        + " analysis is recorded in RUN_DIR/sweep.json, and the summary is printed.",
        "Estimators that compare every measurement on one range (binning:bins=B,range=global) use"
            + " the range of each layer over all snapshots of the run."})
public final class AnalyzeCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run directory with snapshots.")
  Path runDir;

  @Option(names = "--estimator", paramLabel = "SPEC", required = true,
      converter = SweepCommand.EstimatorConverter.class,
      description = "An estimator with its parameters; repeat for several (syntaxes below).")
  List<MutualInformationEstimator> estimators;

  @Option(names = "--threads", paramLabel = "T",
      description = "Threads for ND4J's native operations and BLAS (default: 1).")
  int threads = 1;

  @Override
  public Integer call() throws IOException {
    if (threads < 1) {
      throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
    }
    Nd4j.getEnvironment().setMaxThreads(threads);
    Nd4j.factory().blas().setMaxThreads(threads);
    Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.DISABLED);
    PrintWriter err = spec.commandLine().getErr();
    Set<String> existing = new HashSet<>();
    for (MeasurementRow row : MeasurementsCsv.read(runDir.resolve(RunDirectory.MEASUREMENTS))) {
      existing.add(row.estimator());
    }
    List<String> names = estimators.stream().map(e -> e.spec().toString()).toList();
    int[] count = {0};
    try (RunDirectory run = RunDirectory.openForAnalysis(runDir)) {
      err.println("ib analyze: " + String.join(", ", names) + " over the snapshots of " + runDir);
      err.flush();
      Map<String, Map<String, double[]>> ranges = SnapshotAnalysis.run(runDir, estimators, m -> {
        if (count[0] == 0) {
          for (LayerEstimate e : m.estimates()) {
            String name = e.estimate().estimator().toString();
            if (existing.contains(name)) {
              throw new IllegalArgumentException(runDir + " already has results of " + name
                  + ": nothing was added");
            }
          }
        }
        run.append(m);
        count[0]++;
      });
      for (Map.Entry<String, Map<String, double[]>> e : ranges.entrySet()) {
        run.recordRanges(e.getKey(), e.getValue());
      }
      List<String> command = new ArrayList<>(List.of("ib"));
      command.addAll(spec.commandLine().getParseResult().originalArgs());
      run.recordAnalysis(names, Instant.now(), command);
    }
    List<CellResult> cells = RunDirectory.readResults(runDir);
    // No wall time of its own: the summary shows the stored results, the sweep's timings.
    SweepResult result = new SweepResult(RunDirectory.readConfig(runDir), cells, Optional.of(runDir),
        Instant.EPOCH, Instant.EPOCH);
    PrintWriter out = spec.commandLine().getOut();
    out.print(SummaryTable.format(result));
    out.println("Added " + count[0] + " measurement points x " + names.size() + " estimators to "
        + runDir.resolve(RunDirectory.MEASUREMENTS));
    ReportCommand.write(runDir, out);
    return 0;
  }
}
