package io.ib.cli;

import io.ib.InformationBottleneck;
import io.ib.info.Estimators;
import io.ib.info.MutualInformationEstimator;
import io.ib.report.Report;
import io.ib.run.RunFiles;
import io.ib.sweep.SweepResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.ArgGroup;
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
    description = {
        "Apply more estimators to the activation snapshots of a finished sweep (run with"
            + " --snapshots), without retraining. Rows are added to RUN_DIR/measurements.csv, the"
            + " analysis is recorded in RUN_DIR/sweep.json (both at once: a failed or stopped"
            + " analysis changes nothing and can be run again), and the summary is printed.",
        "Estimators that compare every measurement on one range (binning:bins=B,range=global) use"
            + " the range of each layer over all snapshots of the run."})
public final class AnalyzeCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run directory with snapshots.")
  String runDir;

  @Option(names = "--estimator", paramLabel = "SPEC", required = true,
      description = "An estimator with its parameters; repeat for several (syntaxes below).")
  List<String> estimators;

  @Option(names = "--threads", paramLabel = "T",
      description = "Threads for ND4J's native operations and BLAS (default: 1).")
  int threads = 1;

  @ArgGroup(validate = false, heading = "Plug-ins:")
  PluginOption plugins = new PluginOption();

  @Override
  public Integer call() throws IOException {
    Path dir = RunDirs.local(runDir, "analysed");
    if (threads < 1) {
      throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
    }
    List<MutualInformationEstimator> parsed = new ArrayList<>();
    for (String e : estimators) {
      parsed.add(Estimators.parse(e));
    }
    Nd4j.getEnvironment().setMaxThreads(threads);
    Nd4j.factory().blas().setMaxThreads(threads);
    disableProfiling();
    PrintWriter err = spec.commandLine().getErr();
    List<String> names = parsed.stream().map(e -> e.spec().toString()).toList();
    err.println(spec.qualifiedName() + ": " + String.join(", ", names) + " over the snapshots of "
        + dir);
    err.flush();
    SweepResult result = InformationBottleneck.analyze(dir, parsed)
        .commandLine(SweepSession.commandLine(spec)).run();
    PrintWriter out = spec.commandLine().getOut();
    SweepSession.printResults(out, result, dir);
    out.println("Added " + names.size() + " estimator(s) at every snapshot to "
        + dir.resolve(RunFiles.MEASUREMENTS));
    ReportCommand.say(out, Report.write(dir), dir);
    return 0;
  }

  @SuppressWarnings("deprecation") // no replacement: setProfilingConfig does not set the mode op hooks check
  private static void disableProfiling() {
    Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.DISABLED);
  }
}
