package io.ib.cli;

import io.ib.data.activations.ActivationImport;
import io.ib.info.Estimators;
import io.ib.info.MutualInformationEstimator;
import io.ib.info.binning.FixedWidthBinning;
import io.ib.report.Report;
import io.ib.run.Recording;
import io.ib.run.SavedRun;
import io.ib.sweep.SweepResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ib import DUMP_DIR --out RUN_DIR}: activations recorded by another framework (layout:
 * docs/import.md) made into an ib run directory, estimated, with its report.
 */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Turn a directory of activations saved by another framework (PyTorch, DL4J, ...; layout in"
            + " docs/import.md: labels.npy, optional inputs.npy, layers.csv, optional steps.csv,"
            + " step{N}/{layer}.npy, one network or cells w{W}-s{S}) into a run directory: the"
            + " estimators at every step, measurements.csv, the activations kept as snapshots for"
            + " 'ib analyze', compression.csv, the plots and report.html.",
        "A damaged or inconsistent dump (a missing layer, another shape than at the first step, a"
            + " NaN, more or fewer samples than labels) is refused with one line naming the file."
            + " The run records that it was trained outside ib: 'ib resume' refuses it."})
public final class ImportCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DUMP_DIR", description = "The directory of activations.")
  Path dump;

  @Option(names = "--out", paramLabel = "RUN_DIR", required = true,
      description = "The new run directory (it must not exist, or be empty).")
  Path out;

  @Option(names = "--estimator", paramLabel = "SPEC",
      description = "An estimator with its parameters; repeat for several (default: binning with"
          + " bins of width " + FixedWidthBinning.DEFAULT_WIDTH + "; see 'ib estimators').")
  List<String> estimators = new ArrayList<>();

  @Option(names = "--width", paramLabel = "W", description = "The capacity of a dump of one network"
      + " (default: 1); a dump of several names them in its directories w{W}-s{S}.")
  int width = 1;

  @Option(names = "--capacity", paramLabel = "NAME", description = "What the widths count, as the"
      + " report names them, e.g. 'conv1 channels' (default: " + Recording.DEFAULT_CAPACITY + ").")
  String capacity = Recording.DEFAULT_CAPACITY;

  @Option(names = "--seed", paramLabel = "S",
      description = "The replicate of a dump of one network (default: 1).")
  long seed = 1;

  @Option(names = "--threads", paramLabel = "T",
      description = "Threads for ND4J's native operations and BLAS (default: 1).")
  int threads = 1;

  @ArgGroup(validate = false, heading = "Plug-ins:")
  PluginOption plugins = new PluginOption();

  @Override
  public Integer call() throws IOException {
    if (threads < 1) {
      throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
    }
    List<MutualInformationEstimator> parsed = new ArrayList<>();
    for (String e : estimators) {
      parsed.add(Estimators.parse(e));
    }
    if (parsed.isEmpty()) {
      parsed.add(new FixedWidthBinning(FixedWidthBinning.DEFAULT_WIDTH));
    }
    Nd4j.getEnvironment().setMaxThreads(threads);
    Nd4j.factory().blas().setMaxThreads(threads);
    PrintWriter err = spec.commandLine().getErr();
    err.println(spec.qualifiedName() + ": " + String.join(", ", parsed.stream()
        .map(e -> e.spec().toString()).toList()) + " over the activations in " + dump);
    err.flush();
    Path dir = ActivationImport.run(dump, out, new ActivationImport.Options(parsed, width, seed,
        SweepSession.commandLine(spec), capacity));
    SavedRun saved = SavedRun.read(dir);
    PrintWriter o = spec.commandLine().getOut();
    SweepSession.printResults(o, new SweepResult(saved.config(), saved.results(),
        Optional.of(dir), saved.manifest().started(),
        saved.manifest().finished().orElse(Instant.EPOCH)), dir);
    o.println("Imported " + saved.manifest().cells().size() + " network(s) into " + dir);
    ReportCommand.say(o, Report.write(dir), dir);
    return 0;
  }
}
