package io.ib.cli;

import io.ib.InformationBottleneck;
import io.ib.info.Estimators;
import io.ib.info.MutualInformationEstimator;
import io.ib.run.RunDirectory;
import io.ib.sweep.CompressionSummary;
import io.ib.sweep.SweepResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * snapshots, without retraining; rows are added to {@code measurements.csv}.
 */
@Command(name = "analyze", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Apply more estimators to the activation snapshots of a finished sweep (run with"
        + " --snapshots), without retraining. Rows are added to RUN_DIR/measurements.csv, the"
        + " analysis is recorded in RUN_DIR/sweep.json (both at once: a failed or stopped analysis"
        + " changes nothing and can be run again), and the summary is printed.",
        "Estimators that compare every measurement on one range (binning:bins=B,range=global) use"
            + " the range of each layer over all snapshots of the run."})
public final class AnalyzeCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run directory with snapshots.")
  Path runDir;

  @Option(names = "--estimator", paramLabel = "SPEC", required = true,
      description = "An estimator with its parameters; repeat for several (syntaxes below).")
  List<String> estimators;

  @Option(names = "--plugin", paramLabel = "JAR",
      description = "A jar with your own estimators; repeat for several.")
  List<Path> plugins;

  @Option(names = "--threads", paramLabel = "T",
      description = "Threads for ND4J's native operations and BLAS (default: 1).")
  int threads = 1;

  @Override
  public Integer call() throws IOException {
    try (Plugins loaded = Plugins.load(plugins)) {
      return run();
    }
  }

  private Integer run() throws IOException {
    if (threads < 1) {
      throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
    }
    List<MutualInformationEstimator> parsed = new ArrayList<>();
    for (String e : estimators) {
      parsed.add(Estimators.parse(e));
    }
    Nd4j.getEnvironment().setMaxThreads(threads);
    Nd4j.factory().blas().setMaxThreads(threads);
    Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.DISABLED);
    PrintWriter err = spec.commandLine().getErr();
    List<String> names = parsed.stream().map(e -> e.spec().toString()).toList();
    err.println("ib analyze: " + String.join(", ", names) + " over the snapshots of " + runDir);
    err.flush();
    List<String> command = new ArrayList<>(List.of("ib"));
    command.addAll(spec.commandLine().getParseResult().originalArgs());
    SweepResult result = InformationBottleneck.analyze(runDir, parsed).commandLine(command).run();
    PrintWriter out = spec.commandLine().getOut();
    out.print(SummaryTable.format(result));
    out.print(CompressionTable.format(CompressionSummary.of(result.cells(),
        RunDirectory.majorityRate(runDir))));
    out.println("Added " + names.size() + " estimator(s) at every snapshot to "
        + runDir.resolve(RunDirectory.MEASUREMENTS));
    ReportCommand.write(runDir, out);
    return 0;
  }
}
