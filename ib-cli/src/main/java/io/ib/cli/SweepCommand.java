package io.ib.cli;

import io.ib.CellJob;
import io.ib.InformationBottleneck;
import io.ib.Sweep;
import io.ib.SweepEngine;
import io.ib.data.DataSplit;
import io.ib.data.Dataset;
import io.ib.data.csv.LabelColumn;
import io.ib.data.source.DataSources;
import io.ib.info.EstimatorProvider;
import io.ib.info.Estimators;
import io.ib.info.MutualInformationEstimator;
import io.ib.info.ShuffledLabels;
import io.ib.run.CellCommits;
import io.ib.run.CellStorage;
import io.ib.run.RunDirectory;
import io.ib.run.RunLock;
import io.ib.run.SweepJson;
import io.ib.mnist.MnistLocator;
import io.ib.nn.Activation;
import io.ib.nn.Quantization;
import io.ib.nn.WeightInit;
import io.ib.optim.AdamSettings;
import io.ib.optim.OptimizerSettings;
import io.ib.optim.SgdSettings;
import io.ib.sweep.Cell;
import io.ib.sweep.CellResult;
import io.ib.sweep.CompressionSummary;
import io.ib.sweep.EvaluationSet;
import io.ib.sweep.OutputLayer;
import io.ib.sweep.SweepConfig;
import io.ib.sweep.SweepResult;
import io.ib.train.MeasurementSchedule;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code ib sweep}: a capacity sweep on MNIST. Every default comes from
 * {@link SweepConfig#notebook()}; an option given on the command line replaces it.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Train MLPs for each bottleneck width k and seed, measure loss, accuracy and I(X;T),"
            + " I(T;Y) of every hidden layer while they train, write sweep.json, measurements.csv and"
            + " report.html, and print a summary.",
        "Without options it runs the original notebook's setup (784 -> 256 -> k -> 10 on MNIST, the"
            + " defaults below); --preset starts from a paper's setup instead, and the other options"
            + " change what they name."})
public final class SweepCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--preset", paramLabel = "NAME",
      description = "Start from a published setup instead of the notebook's; options beside it"
          + " replace its values, --estimator adds to its estimators. Presets are listed below.")
  String preset;

  @Option(names = "--widths", split = ",", paramLabel = "K",
      description = "Bottleneck widths to sweep, comma-separated (default: ${sys:ib.default.widths}).")
  List<Integer> widths;

  @Option(names = "--hidden", split = ",", paramLabel = "W",
      description = "Widths of the hidden layers before the bottleneck (default: ${sys:ib.default.hidden}).")
  List<Integer> hidden;

  @Option(names = "--seeds", paramLabel = "N|S1,S2,...", converter = SeedsConverter.class,
      description = "A count N (runs seeds 1..N) or a comma-separated list of seeds; a single"
          + " chosen seed is written with a trailing comma, e.g. 7, (default: ${sys:ib.default.seeds}).")
  List<Long> seeds;

  @Option(names = "--epochs", paramLabel = "E", description = "Training epochs (default: ${sys:ib.default.epochs}).")
  Integer epochs;

  @Option(names = "--batch-size", paramLabel = "B|full",
      description = "Mini-batch size, or 'full' for the whole training set at every step (default:"
          + " ${sys:ib.default.batch-size}).")
  String batchSize;

  @Option(names = "--order", paramLabel = "shuffled|fixed",
      description = "Visit the training samples in a new random order every epoch, or always in"
          + " their own order (default: ${sys:ib.default.order}).")
  String order;

  @Option(names = "--optimizer", paramLabel = "adam|sgd",
      description = "The optimiser (default: ${sys:ib.default.optimizer}); Adam uses PyTorch's betas"
          + " and epsilon.")
  String optimizer;

  @Option(names = "--lr", paramLabel = "LR", description = "Learning rate (default: ${sys:ib.default.lr}).")
  Double learningRate;

  @Option(names = "--momentum", paramLabel = "M",
      description = "Momentum of SGD, in [0, 1) (default: 0; only with --optimizer sgd).")
  Double momentum;

  @Option(names = "--activation", paramLabel = "relu|tanh|linear",
      converter = ActivationConverter.class,
      description = "Hidden-layer activation (default: ${sys:ib.default.activation}).")
  Activation activation;

  @Option(names = "--quantize", paramLabel = "BITS",
      description = "Quantize every hidden layer's activations (and the softmax output, when"
          + " measured) to 2^BITS levels during training and measurement, with straight-through"
          + " gradients (Lorenzen et al. 2022), over a fixed range: [-1, 1] for tanh, [0, 6] for"
          + " ReLU. Exact estimates: --estimator quantized. 0 for none (default).")
  Integer quantize;

  @Option(names = "--quantize-range", paramLabel = "LO:HI",
      description = "The range that --quantize spreads its levels over, instead of the"
          + " activation's (needed for linear layers).")
  String quantizeRange;

  @Option(names = "--init", paramLabel = "pytorch|xavier|he|truncated-normal|saxe",
      converter = InitConverter.class,
      description = "Weight initialisation (default: ${sys:ib.default.init}; pytorch is nn.Linear's"
          + " default, truncated-normal the IDNNs code's, saxe that of Saxe et al.'s code).")
  WeightInit init;

  @Option(names = "--estimator", paramLabel = "SPEC",
      description = "An estimator with its parameters; repeat the option for several (default:"
          + " ${sys:ib.default.estimators}). Syntaxes are listed below.")
  List<String> estimators;

  @Option(names = "--shuffled-baseline",
      description = "Also run every estimator on labels in a fixed shuffled order: I(T; permuted Y)"
          + " is the estimator's bias floor, reported beside its value (spec with"
          + " labels=shuffled; any one estimator: add ,labels=shuffled to its spec).")
  boolean shuffledBaseline;

  @Option(names = "--plugin", paramLabel = "JAR",
      description = "A jar with your own estimators (listed in its"
          + " META-INF/services/io.ib.info.EstimatorProvider); repeat for several.")
  List<Path> plugins;

  @Option(names = "--measure-steps", paramLabel = "S[,S...]|none",
      description = "Optimiser steps at which to measure besides step 0 and the epoch points"
          + " (default: ${sys:ib.default.measure-steps}); steps beyond the end of training are left"
          + " out with a warning; 'none' for none.")
  String measureSteps;

  @Option(names = "--epoch-points", paramLabel = "every:N|log:C|none",
      description = "Epochs with a measurement: every N epochs, C log-spaced epochs as the IDNNs code"
          + " (log:400), or none (default: ${sys:ib.default.epoch-points}).")
  String epochPoints;

  @Option(names = "--measure-at", paramLabel = "start|end",
      description = "Measure at the start or at the end of those epochs (default:"
          + " ${sys:ib.default.measure-at}).")
  String measureAt;

  @Option(names = "--measure-on", paramLabel = "test|train|all",
      description = "The samples loss, accuracy and information are measured on (default:"
          + " ${sys:ib.default.measure-on}).")
  String measureOn;

  @Option(names = "--data", paramLabel = "PATH",
      description = "The data: a directory of IDX files in MNIST's layout, a .csv file or a MATLAB"
          + " .mat file (variables F and y, as the 12-bit task of Shwartz-Ziv & Tishby). Default:"
          + " MNIST from --data-dir.")
  Path data;

  @Option(names = "--test-data", paramLabel = "PATH",
      description = "A separate test file of the same kind as --data (instead of --split).")
  Path testData;

  @Option(names = "--split", paramLabel = "first[:fraction=F]|random[:fraction=F][,seed=S]",
      description = "How one data file is divided into train and test: the first fraction of its"
          + " rows, or a seeded random fraction (default: random:fraction=0.8,seed=1; the szt2017"
          + " preset: first:fraction=0.8, as the IDNNs code).")
  String split;

  @Option(names = "--label-column", paramLabel = "NAME|INDEX",
      description = "The label column of a .csv file, by header name or 0-based index (default: the"
          + " last column).")
  String labelColumn;

  @Option(names = "--header-lines", paramLabel = "N",
      description = "Header lines at the top of a .csv file (default: 1 with a named label column,"
          + " else 0).")
  Integer headerLines;

  @Option(names = "--mat-variables", split = ",", paramLabel = "FEATURES,LABELS",
      description = "The variables of a .mat file (default: F,y).")
  List<String> matVariables;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Directory with the four MNIST files (default: $IB_DATA_DIR, else a per-user"
          + " cache where they are downloaded and verified).")
  Path dataDir;

  @Option(names = "--out", paramLabel = "DIR|URI",
      description = "Output directory: a new or empty one (default: a new runs/<date-time>). With"
          + " --engine spark also a Hadoop URI (hdfs://, s3a://, ...): the cells commit there, the"
          + " run is merged in a local staging directory and uploaded when it is complete.")
  String outText;

  /** --out as a local directory (null if not given, or a URI). */
  private Path out;
  /** --out as a URI other than file: (null otherwise). */
  private URI remoteOut;

  @Option(names = "--overwrite",
      description = "Replace an earlier ib run in --out DIR (its files only; other files stay).")
  boolean overwrite;

  @Option(names = "--output-layer", paramLabel = "logits|softmax|both|none", arity = "0..1",
      fallbackValue = "logits",
      description = "Also measure the output layer besides every hidden layer: its logits (the"
          + " default when given without a value), its softmax probabilities (as the papers on the"
          + " 12-bit task), or both (default: ${sys:ib.default.output-layer}).")
  String outputLayer;

  @Option(names = "--snapshots",
      description = "Save the test-set activations of every measured layer at every measurement as"
          + " .npy files under OUT/snapshots (NumPy can load them), for 'ib analyze'. About 11 MB per"
          + " measurement of the default network.")
  boolean snapshots;

  @Option(names = "--resume", paramLabel = "RUN_DIR",
      description = "Finish an interrupted sweep in RUN_DIR with its stored configuration: cells that"
          + " finished are kept, the others run again with the same seeds. Options that change the"
          + " configuration must be left out or equal the stored values.")
  Path resume;

  @Option(names = "--threads", paramLabel = "T",
      description = "Threads for ND4J's native operations and BLAS per cell (default: 1, the fastest"
          + " for these layer sizes on small machines, and reproducible).")
  int threads = 1;

  @Option(names = "--parallel", paramLabel = "P",
      description = "Cores to use (default: the number of processors divided by --threads). Each"
          + " cell runs on its own thread; when more cells are in progress than cores, they take"
          + " turns, so that the last cells finish together. Results do not depend on it.")
  Integer parallel;

  @Option(names = "--engine", paramLabel = "local|spark",
      description = "Where the cells run: this process's threads (local, the default), or Apache"
          + " Spark tasks (spark: an embedded local[*] Spark unless --master is given; needs"
          + " ib-spark, which ./ib adds). The results are the same byte for byte.")
  String engine = "local";

  @Option(names = "--master", paramLabel = "URL",
      description = "With --engine spark: the Spark master, e.g. spark://host:7077 or local[4]"
          + " (default: local[*]). The run directory must be reachable from every executor.")
  String master;

  @Option(names = "--spark-conf", paramLabel = "KEY=VALUE",
      description = "With --engine spark: a Spark setting, as spark-submit's --conf (e.g."
          + " spark.executor.memory=4g); repeat for several.")
  List<String> sparkConf;

  @Option(names = "--list-cells",
      description = "For job arrays (SLURM, Kubernetes): start the run in --out DIR without running"
          + " any cell and print its cells, one per line: INDEX WIDTH SEED STATE. With --resume"
          + " RUN_DIR, print the cells of that run and whether each is merged, committed or pending.")
  boolean listCells;

  @Option(names = "--cell-index", paramLabel = "I",
      description = "For job arrays: with --resume RUN_DIR, run only cell I (0-based, see"
          + " --list-cells) and commit it to RUN_DIR/cells; any number of such tasks may run at"
          + " once. Afterwards 'ib sweep --resume RUN_DIR' merges the committed cells, runs any"
          + " missing ones and writes the report.")
  Integer cellIndex;

  /** The data options as given (absolute paths), set by {@link #loadData}. */
  private DataArguments dataArguments;

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
    if (parallel != null && parallel < 1) {
      throw new IllegalArgumentException("--parallel must be at least 1, got " + parallel);
    }
    if (outText != null && outText.isBlank()) {
      throw new IllegalArgumentException("--out is empty: give a directory");
    }
    if (outText != null && outText.matches("[A-Za-z][A-Za-z0-9+.-]+://.*")
        && !outText.startsWith("file:")) {
      remoteOut = URI.create(outText.endsWith("/") ? outText : outText + "/");
    } else if (outText != null) {
      out = outText.startsWith("file:") ? Path.of(URI.create(outText)) : Path.of(outText);
    }
    Preset chosen = preset == null ? null : Preset.parse(preset);
    String engineName = engine.strip().toLowerCase(Locale.ROOT);
    if (!engineName.equals("local") && !engineName.equals("spark")) {
      throw new IllegalArgumentException("--engine must be local or spark, got '" + engine + "'");
    }
    if (remoteOut != null && (!engineName.equals("spark") || resume != null || listCells
        || cellIndex != null)) {
      throw new IllegalArgumentException("--out " + outText + " is a URI: a new sweep with --engine"
          + " spark writes there; other runs, --resume, --list-cells and --cell-index take a local"
          + " directory");
    }
    if ((master != null || sparkConf != null) && !engineName.equals("spark")) {
      throw new IllegalArgumentException((master != null ? "--master names a Spark master"
          : "--spark-conf is a Spark setting") + ": add --engine spark");
    }
    if (cellIndex != null || listCells) {
      if (cellIndex != null && listCells) {
        throw new IllegalArgumentException("--list-cells lists the cells, --cell-index runs one:"
            + " give one of them");
      }
      if (!engineName.equals("local")) {
        throw new IllegalArgumentException((listCells ? "--list-cells" : "--cell-index")
            + " is the job-array mode, which runs without --engine " + engineName);
      }
      if (cellIndex != null && resume == null) {
        throw new IllegalArgumentException("--cell-index runs a cell of a started run: give"
            + " --resume RUN_DIR (start it with --out RUN_DIR --list-cells)");
      }
      return jobArray(chosen);
    }
    Sweep sweep;
    Path output;
    Dataset dataset;
    if (resume != null) {
      if (outText != null || overwrite || preset != null) {
        throw new IllegalArgumentException("--resume continues in RUN_DIR with its stored"
            + " configuration; leave out --out, --overwrite and --preset");
      }
      // Before the data is loaded: a complete run needs none. One stopped while writing its report
      // gets that last phase finished.
      if (RunDirectory.isComplete(resume)) {
        Path report = resume.resolve(RunDirectory.REPORT);
        if (Files.exists(report)) {
          throw new IOException(resume + " holds a complete run: there is nothing to resume (its"
              + " report is " + report + ")");
        }
        spec.commandLine().getErr().println("ib sweep: " + resume + " holds a complete run whose"
            + " report was not written (the sweep stopped while writing it): writing it now");
        ReportCommand.write(resume, spec.commandLine().getOut());
        return 0;
      }
      sweep = InformationBottleneck.resume(resume);
      requireSameConfiguration(sweep.config());
      output = resume;
      // A run in use is refused before the data is loaded (or downloaded); the sweep takes the lock
      // for good when it starts.
      RunLock.acquire(resume, "ib sweep").close();
      dataset = loadData(chosen);
    } else {
      SweepConfig config = config(chosen != null ? chosen.config() : SweepConfig.notebook());
      // The data first: a sweep that cannot start leaves no empty runs/<date-time> behind.
      dataset = loadData(chosen);
      output = remoteOut != null ? RemoteRun.stage(remoteOut)
          : out != null ? out : newRunDirectory(Path.of("runs"));
      sweep = InformationBottleneck.sweep(config).writeTo(output).overwrite(overwrite)
          .saveSnapshots(snapshots);
      if (remoteOut != null) {
        RemoteRun.requireEmpty(remoteOut);
        sweep.commitTo(remoteOut.resolve(CellCommits.DIRECTORY + "/"));
      }
    }
    SweepConfig config = sweep.config();
    if (engineName.equals("spark")) {
      sweep.engine(sparkEngine(), dataArguments);
    }
    int cores = Runtime.getRuntime().availableProcessors();
    int workers = Math.min(config.cells().size(),
        parallel != null ? parallel : Math.max(1, cores / threads));
    sweep.parallelism(workers);
    Nd4j.getEnvironment().setMaxThreads(threads);
    Nd4j.factory().blas().setMaxThreads(threads);

    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();
    err.println("ib sweep: widths " + config.widths() + ", seeds " + describeSeeds(config.seeds())
        + ", " + config.epochs() + " epochs, "
        + (config.quantization().enabled() ? "quantized to " + config.quantization() + ", " : "")
        + config.estimators().size() + " estimators, "
        + (engineName.equals("spark") ? "on Spark (" + (master != null ? master
            : System.getProperty("spark.master", "local[*]"))
            + ")" : workers + " core(s)") + " x " + threads + " thread(s); "
        + (resume != null ? "resuming in " : "writing to ") + (remoteOut != null ? remoteOut
            + " (merged in " + output + ")" : output));
    err.flush();

    // originalArgs() holds the whole command line, subcommand name included.
    List<String> command = new ArrayList<>(List.of("ib"));
    command.addAll(spec.commandLine().getParseResult().originalArgs());
    SweepResult result;
    try (ProgressReporter progress = ProgressReporter.forTerminal(err)) {
      result = sweep.on(dataset).commandLine(command).listener(progress).run();
    } catch (IOException | RuntimeException e) {
      if (out == null && resume == null) {
        removeIfEmpty(output);
      }
      throw e;
    }
    stdout.print(SummaryTable.format(result));
    stdout.print(CompressionTable.format(CompressionSummary.of(result.cells(),
        CompressionSummary.majorityRate(config.evaluateOn().labels(dataset),
            dataset.numClasses()))));
    if (remoteOut == null) {
      stdout.println("Results: " + output.resolve("measurements.csv") + " and "
          + output.resolve("sweep.json"));
    }
    ReportCommand.write(output, stdout);
    if (remoteOut != null) {
      RemoteRun.upload(output, remoteOut);
      stdout.println("Uploaded the run to " + remoteOut + " (measurements.csv, sweep.json,"
          + " report.html, ...)");
    }
    return 0;
  }

  /** The Spark engine from ib-spark, found through {@link SweepEngine.Provider}. */
  private SweepEngine sparkEngine() {
    Map<String, String> options = new TreeMap<>();
    if (master != null) {
      options.put("master", master);
    }
    options.put("threads", String.valueOf(threads));
    for (String kv : sparkConf == null ? List.<String>of() : sparkConf) {
      int eq = kv.indexOf('=');
      if (eq <= 0 || !kv.startsWith("spark.")) {
        throw new IllegalArgumentException("--spark-conf takes spark.KEY=VALUE, got '" + kv + "'");
      }
      options.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    for (SweepEngine.Provider p : ServiceLoader.load(SweepEngine.Provider.class)) {
      if (p.name().equals("spark")) {
        return p.create(options);
      }
    }
    throw new IllegalArgumentException("--engine spark needs the ib-spark module and Apache Spark on"
        + " the class path: run ib through ./ib (which adds them when it sees --engine spark), or"
        + " submit ib-spark's shaded jar with spark-submit (see README)");
  }

  /** --list-cells and --cell-index: the job-array mode. */
  private Integer jobArray(Preset chosen) throws IOException {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<String> command = new ArrayList<>(List.of("ib"));
    command.addAll(spec.commandLine().getParseResult().originalArgs());
    if (resume == null) {
      // --list-cells on a new run: start it (sweep.json), run nothing.
      SweepConfig config = config(chosen != null ? chosen.config() : SweepConfig.notebook());
      Dataset dataset = loadData(chosen);
      Path output = out != null ? out : newRunDirectory(Path.of("runs"));
      CellJob job = InformationBottleneck.sweep(config).writeTo(output).overwrite(overwrite)
          .saveSnapshots(snapshots).on(dataset).commandLine(command).prepare(dataArguments);
      printCells(stdout, job.cells(), List.of(), List.of());
      err.println("ib sweep: started " + output + " with " + job.cells().size() + " cells: run"
          + " 'ib sweep --resume " + output + " --cell-index I' for I in 0.." + (job.cells().size() - 1)
          + " (a job array), then 'ib sweep --resume " + output + "' to merge them");
      return 0;
    }
    if (outText != null || overwrite || preset != null) {
      throw new IllegalArgumentException("--resume continues in RUN_DIR with its stored"
          + " configuration; leave out --out, --overwrite and --preset");
    }
    SweepConfig stored = RunDirectory.readConfig(resume);
    requireSameConfiguration(stored);
    List<Cell> merged = RunDirectory.finishedCells(resume);
    List<Cell> committed = CellCommits.committedCells(
        CellStorage.local(resume.resolve(CellCommits.DIRECTORY)), stored);
    if (listCells) {
      printCells(stdout, stored.cells(), merged, committed);
      return 0;
    }
    int n = stored.cells().size();
    if (cellIndex < 0 || cellIndex >= n) {
      throw new IllegalArgumentException("--cell-index must be between 0 and " + (n - 1) + " (the"
          + " run has " + n + " cells), got " + cellIndex);
    }
    Cell cell = stored.cells().get(cellIndex);
    if (merged.contains(cell) || committed.contains(cell)) {
      err.println("ib sweep: cell " + cellIndex + " (" + cell + ") is already "
          + (merged.contains(cell) ? "merged" : "committed") + ": nothing to do");
      return 0;
    }
    Dataset dataset = loadData(null);
    CellJob job = CellJob.forRun(resume, dataset, dataArguments);
    Nd4j.getEnvironment().setMaxThreads(threads);
    Nd4j.factory().blas().setMaxThreads(threads);
    err.println("ib sweep: running cell " + cellIndex + " (" + cell + ") of " + resume);
    err.flush();
    CellResult result = job.run(cell);
    stdout.println("cell " + cellIndex + " (" + cell + ") committed to " + job.commitTo()
        + ": final test accuracy " + result.last().testAccuracy());
    return 0;
  }

  private static void printCells(PrintWriter out, List<Cell> cells, List<Cell> merged,
      List<Cell> committed) {
    for (int i = 0; i < cells.size(); i++) {
      Cell c = cells.get(i);
      out.println(i + " " + c.width() + " " + c.seed() + " " + (merged.contains(c) ? "merged"
          : committed.contains(c) ? "committed" : "pending"));
    }
  }

  /**
   * Removes a directory this command created for a sweep that stopped before writing anything into
   * it (its checks failed), so failed starts leave no empty runs behind; anything else is kept.
   */
  private static void removeIfEmpty(Path directory) {
    try (Stream<Path> entries = Files.list(directory)) {
      if (entries.findAny().isEmpty()) {
        Files.delete(directory);
      }
    } catch (IOException ignored) {
      // Kept: an empty directory is harmless, and the sweep's own error is the one to report.
    }
  }

  /**
   * A new directory {@code parent/<date-time>}, with a suffix -2, -3, ... when another sweep took
   * that name in the same second: created here, atomically, so two sweeps never share one.
   */
  static Path newRunDirectory(Path parent) throws IOException {
    Files.createDirectories(parent);
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    for (int i = 1; ; i++) {
      Path candidate = parent.resolve(i == 1 ? stamp : stamp + "-" + i);
      try {
        return Files.createDirectory(candidate);
      } catch (FileAlreadyExistsException e) {
        // taken: try the next suffix
      }
    }
  }

  private static String describeSeeds(List<Long> seeds) {
    return seeds.size() <= 10 ? seeds.toString()
        : seeds.size() + " (" + seeds.get(0) + " ... " + seeds.get(seeds.size() - 1) + ")";
  }

  /**
   * With --resume, options that change the configuration must equal the stored values: a different
   * value would mix two sweeps in one directory.
   */
  private void requireSameConfiguration(SweepConfig stored) {
    if (snapshots) {
      throw new IllegalArgumentException("--resume keeps the run's snapshot setting; leave out"
          + " --snapshots");
    }
    var wanted = SweepJson.config(config(stored));
    var have = SweepJson.config(stored);
    List<String> differences = new ArrayList<>();
    wanted.fieldNames().forEachRemaining(field -> {
      if (!wanted.get(field).equals(have.get(field))) {
        differences.add(field + " " + wanted.get(field) + " (stored: " + have.get(field) + ")");
      }
    });
    if (!differences.isEmpty()) {
      throw new IllegalArgumentException("--resume continues " + resume + " with its stored"
          + " configuration, but the options ask for " + String.join("; ", differences));
    }
  }

  /** {@code base} with every configuration option given on the command line applied. */
  SweepConfig config(SweepConfig base) {
    SweepConfig c = base;
    if (widths != null) {
      c = c.withWidths(widths);
    }
    if (hidden != null) {
      c = c.withHiddenBeforeBottleneck(hidden);
    }
    if (seeds != null) {
      c = c.withSeeds(seeds);
    }
    if (epochs != null) {
      c = c.withEpochs(epochs);
    }
    if (batchSize != null) {
      c = c.withBatchSize(batchSize(batchSize));
    }
    if (order != null) {
      c = c.withShuffle(switch (order.strip().toLowerCase(Locale.ROOT)) {
        case "shuffled" -> true;
        case "fixed" -> false;
        default -> throw new IllegalArgumentException("--order must be shuffled or fixed, got '"
            + order + "'");
      });
    }
    c = c.withOptimizer(optimizer(c.optimizer()));
    if (activation != null) {
      c = c.withActivation(activation);
    }
    if (init != null) {
      c = c.withInit(init);
    }
    c = quantization(c);
    if (estimators != null) {
      // Beside a preset, --estimator adds to its estimators; otherwise it replaces the notebook's.
      List<MutualInformationEstimator> parsed = new ArrayList<>(
          preset != null ? c.estimators() : List.of());
      for (String e : estimators) {
        parsed.add(Estimators.parse(e));
      }
      c = c.withEstimators(parsed);
    }
    if (shuffledBaseline) {
      c = c.withEstimators(ShuffledLabels.withBaselines(c.estimators()));
    }
    if (outputLayer != null) {
      c = c.withOutputLayer(OutputLayer.parse(outputLayer));
    }
    if (measureOn != null) {
      c = c.withEvaluateOn(EvaluationSet.parse(measureOn));
    }
    MeasurementSchedule s = c.schedule();
    if (measureSteps != null) {
      s = s.withSteps(steps(measureSteps));
    }
    if (epochPoints != null) {
      s = s.withEpochs(MeasurementSchedule.EpochPoints.parse(epochPoints));
    }
    if (measureAt != null) {
      s = s.withAnchor(MeasurementSchedule.Anchor.parse(measureAt));
    }
    return c.withSchedule(s);
  }

  /** --quantize and --quantize-range applied, after the activation. */
  private SweepConfig quantization(SweepConfig c) {
    if (quantize == null && quantizeRange == null) {
      return c;
    }
    int bits = quantize != null ? quantize : c.quantization().bits();
    if (bits < 0 || bits > Quantization.MAX_BITS) {
      throw new IllegalArgumentException("--quantize takes 1 to " + Quantization.MAX_BITS
          + " bits (0 for none), got " + bits);
    }
    if (quantizeRange == null) {
      return c.withQuantizeBits(bits);
    }
    if (bits == 0) {
      throw new IllegalArgumentException("--quantize-range needs --quantize BITS");
    }
    int colon = quantizeRange.indexOf(':', 1);
    if (colon < 0) {
      throw new IllegalArgumentException("--quantize-range must be LO:HI, e.g. 0:4, got '"
          + quantizeRange + "'");
    }
    return c.withQuantization(new Quantization(bits,
        Estimators.finiteNumber(quantizeRange.substring(0, colon), "--quantize-range's lower end"),
        Estimators.finiteNumber(quantizeRange.substring(colon + 1), "--quantize-range's upper end")));
  }

  private OptimizerSettings optimizer(OptimizerSettings base) {
    OptimizerSettings o = base;
    if (optimizer != null) {
      o = switch (optimizer.strip().toLowerCase(Locale.ROOT)) {
        case "adam" -> o instanceof AdamSettings ? o
            : AdamSettings.pytorchDefaults(o.learningRate());
        case "sgd" -> o instanceof SgdSettings ? o : new SgdSettings(o.learningRate(), 0);
        default -> throw new IllegalArgumentException("--optimizer must be adam or sgd, got '"
            + optimizer + "'");
      };
    }
    if (learningRate != null) {
      o = o.withLearningRate(learningRate);
    }
    if (momentum != null) {
      if (!(o instanceof SgdSettings sgd)) {
        throw new IllegalArgumentException("--momentum is a setting of SGD: add --optimizer sgd");
      }
      o = new SgdSettings(sgd.learningRate(), momentum);
    }
    return o;
  }

  /** --batch-size: a positive number, or "full". */
  static int batchSize(String text) {
    if (text.strip().equalsIgnoreCase("full")) {
      return SweepConfig.FULL_BATCH;
    }
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--batch-size must be a number of samples or full, got '"
          + text + "'");
    }
  }

  /** The data the options name: --data (with its options), else MNIST from --data-dir. */
  private Dataset loadData(Preset chosen) throws IOException {
    boolean dataOptions = testData != null || split != null || labelColumn != null
        || headerLines != null || matVariables != null;
    if (data == null) {
      if (dataOptions) {
        throw new IllegalArgumentException("--test-data, --split, --label-column, --header-lines"
            + " and --mat-variables describe --data: give --data PATH");
      }
      if (chosen != null && chosen.needsData()) {
        throw new IllegalArgumentException("the preset " + chosen.id + " runs on the 12-bit task of"
            + " Shwartz-Ziv & Tishby, which ib does not ship (its licence forbids redistribution):"
            + " give your copy with --data PATH/var_u.mat");
      }
      Dataset mnist = dataDir != null ? MnistLocator.system().load(dataDir)
          : MnistLocator.system().load();
      dataArguments = new DataArguments(null, null, null, null, null, null, DataArguments.absolute(
          dataDir != null ? dataDir : MnistLocator.system().locate().directory()));
      return mnist;
    }
    if (dataDir != null) {
      throw new IllegalArgumentException("--data-dir is MNIST's directory; with --data leave it out");
    }
    String splitText = null;
    if (split != null) {
      splitText = DataSplit.parse(split).toString();
    } else if (chosen != null && chosen.split != null && testData == null
        && DataSources.kind(data) != DataSources.Kind.IDX_DIRECTORY) {
      splitText = chosen.split.toString();
    }
    if (labelColumn != null) {
      LabelColumn.parse(labelColumn); // a usage error before anything is read
    }
    if (matVariables != null && matVariables.size() != 2) {
      throw new IllegalArgumentException("--mat-variables takes two names, features and labels,"
          + " e.g. F,y");
    }
    dataArguments = new DataArguments(DataArguments.absolute(data), DataArguments.absolute(testData),
        splitText, labelColumn, headerLines, matVariables, null);
    return dataArguments.load();
  }

  /** The steps of --measure-steps: a comma-separated list of steps, or "none". */
  static List<Integer> steps(String text) {
    if (text.strip().equalsIgnoreCase("none")) {
      return List.of();
    }
    List<Integer> steps = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      try {
        steps.add(Integer.parseInt(part.strip()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--measure-steps takes steps separated by commas, or"
            + " none; '" + part.strip() + "' in '" + text + "' is not a step");
      }
    }
    return steps;
  }

  /**
   * Publishes the preset's values as system properties for the {@code ${sys:ib.default.*}} variables
   * in the option descriptions, so --help shows the defaults without restating them.
   */
  static void publishDefaults() {
    SweepConfig c = SweepConfig.notebook();
    System.setProperty("ib.default.widths", join(c.widths()));
    System.setProperty("ib.default.hidden", join(c.hiddenBeforeBottleneck()));
    System.setProperty("ib.default.seeds", join(c.seeds()));
    System.setProperty("ib.default.epochs", String.valueOf(c.epochs()));
    System.setProperty("ib.default.batch-size", String.valueOf(c.batchSize()));
    System.setProperty("ib.default.lr", String.valueOf(c.optimizer().learningRate()));
    System.setProperty("ib.default.activation", c.activation().id());
    System.setProperty("ib.default.init", c.init().id());
    System.setProperty("ib.default.estimators", String.join(" and ",
        c.estimators().stream().map(e -> e.spec().toString()).toList()));
    System.setProperty("ib.default.measure-steps", join(c.schedule().steps()));
    System.setProperty("ib.default.epoch-points", c.schedule().epochs().toString());
    System.setProperty("ib.default.measure-at", c.schedule().anchor().id());
    System.setProperty("ib.default.measure-on", c.evaluateOn().id());
    System.setProperty("ib.default.order", c.shuffle() ? "shuffled" : "fixed");
    System.setProperty("ib.default.optimizer", c.optimizer().name());
    System.setProperty("ib.default.output-layer", c.outputLayer().id());
  }

  private static String join(List<?> values) {
    return String.join(",", values.stream().map(String::valueOf).toList());
  }

  /** Lists every registered estimator's syntax under the options in --help. */
  static String estimatorHelp() {
    StringBuilder sb = new StringBuilder("%nEstimators (--estimator):%n");
    for (EstimatorProvider p : Estimators.providers()) {
      sb.append("  ").append(p.usage()).append("%n");
    }
    sb.append("  Any estimator with labels=shuffled (e.g. binning:width=4,labels=shuffled): its bias"
        + " floor, the same estimate on labels in a fixed shuffled order%n");
    return sb.toString();
  }

  /** Turns a validation failure into picocli's "Invalid value for option" one-liner. */
  private static <T> T convertOrExplain(java.util.function.Supplier<T> conversion) {
    try {
      return conversion.get();
    } catch (NumberFormatException e) {
      throw new TypeConversionException("not a number: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }

  static final class SeedsConverter implements ITypeConverter<List<Long>> {
    @Override
    public List<Long> convert(String value) {
      return convertOrExplain(() -> parse(value));
    }

    private static List<Long> parse(String value) {
      String text = value.trim();
      List<Long> result = new ArrayList<>();
      if (!text.contains(",")) {
        int count = Integer.parseInt(text);
        if (count < 1) {
          throw new IllegalArgumentException("a seed count must be at least 1, got " + count);
        }
        if (count > SweepConfig.MAX_CELLS) {
          throw new IllegalArgumentException("a seed count must be at most " + SweepConfig.MAX_CELLS
              + " (the most cells a sweep has), got " + count);
        }
        for (long s = 1; s <= count; s++) {
          result.add(s);
        }
        return result;
      }
      String[] parts = text.split(",");
      if (parts.length > SweepConfig.MAX_CELLS) {
        throw new IllegalArgumentException("at most " + SweepConfig.MAX_CELLS + " seeds, got "
            + parts.length);
      }
      for (String part : parts) {
        if (!part.isBlank()) {
          result.add(Long.parseLong(part.trim()));
        }
      }
      return result;
    }
  }

  static final class ActivationConverter implements ITypeConverter<Activation> {
    @Override
    public Activation convert(String value) {
      return convertOrExplain(() -> Activation.parse(value));
    }
  }

  static final class InitConverter implements ITypeConverter<WeightInit> {
    @Override
    public WeightInit convert(String value) {
      return convertOrExplain(() -> WeightInit.parse(value));
    }
  }
}
