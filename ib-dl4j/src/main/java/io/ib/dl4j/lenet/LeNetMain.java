package io.ib.dl4j.lenet;

import io.ib.data.Dataset;
import io.ib.data.LabelledData;
import io.ib.dl4j.EvaluationSamples;
import io.ib.dl4j.InformationPlaneListener;
import io.ib.dl4j.MeasurementCost;
import io.ib.mnist.MnistLocator;
import io.ib.report.Report;
import io.ib.report.ReportFiles;
import io.ib.run.RecordedRunWriter;
import io.ib.run.RecordingSettings;
import io.ib.sweep.Cell;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The DL4J example: LeNet-5 ({@link LeNet}) on MNIST, one cell per channel count of its first
 * convolution, every layer measured while it trains by an {@link InformationPlaneListener}, all cells
 * in one ib run directory with its {@code report.html}. Run it with {@code ./ib-dl4j-lenet}
 * ({@code --help} lists the options, {@link LeNetOptions}). Exit codes: 0 done, 1 a failed run
 * (files, data), 2 a mistake in the options.
 */
public final class LeNetMain {
  /** What the cells vary, as the run and its report name it. */
  static final String CAPACITY = "conv1 channels";

  private LeNetMain() {}

  /** Entry point; exits with {@link #run}'s code. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs the example without exiting.
   *
   * @return 0 on success, 1 when the run fails, 2 for a mistake in the options
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
      out.println(LeNetOptions.USAGE);
      return 0;
    }
    LeNetOptions options;
    Path dir;
    try {
      options = LeNetOptions.parse(args);
      options.buildEstimators();
      dir = options.outOrDefault();
      requireNewDirectory(dir);
    } catch (IllegalArgumentException | IOException e) {
      err.println("ib-dl4j-lenet: " + e.getMessage());
      return 2;
    }
    try {
      Dataset mnist = MnistLocator.system().load();
      record(options, dir, mnist, args, out);
      return 0;
    } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
      err.println("ib-dl4j-lenet: " + e.getMessage());
      return 1;
    }
  }

  /** Refuses, before anything is trained, a run directory that exists and is not empty. */
  private static void requireNewDirectory(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    if (Files.isDirectory(dir)) {
      try (Stream<Path> entries = Files.list(dir)) {
        if (entries.findAny().isEmpty()) {
          return;
        }
      }
    }
    throw new IllegalArgumentException(dir + " exists and is not an empty directory: choose another"
        + " with --out");
  }

  /** Trains and measures every cell, writes the run and its report into {@code dir}. */
  static void record(LeNetOptions options, Path dir, Dataset mnist, String[] args, PrintStream out)
      throws IOException {
    LabelledData train = options.trainSamples() == 0 ? mnist.train()
        : mnist.train().head(Math.min(options.trainSamples(), mnist.train().size()));
    LabelledData test = mnist.test().head(Math.min(options.evalSamples(), mnist.test().size()));
    EvaluationSamples evaluation = EvaluationSamples.of(test.withDataType(DataType.FLOAT));
    List<String> commandLine = new ArrayList<>(List.of("ib-dl4j-lenet"));
    commandLine.addAll(List.of(args));
    out.println("ib-dl4j-lenet: " + options);
    MeasurementCost total = MeasurementCost.NONE;
    long start = System.nanoTime();
    RecordingSettings settings = evaluation.writerSettings(options.buildEstimators(),
        options.snapshots(), commandLine).withCapacity(CAPACITY)
        .withDataset(dataset(mnist.name(), train.size(), mnist.train().size(), test.size()),
            train.size());
    try (RecordedRunWriter run = RecordedRunWriter.create(dir, settings)) {
      for (int channels : options.channels()) {
        MeasurementCost cost = trainCell(options, new Cell(channels, options.seed()), train,
            evaluation, run, out);
        total = total.plus(cost);
      }
      run.finish();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    out.printf(Locale.ROOT, "measuring: %d points, per point %.3f s (CPU %.3f s) in the forward pass"
        + " and flattening, %.3f s (CPU %.3f s) in the estimators and writing; %.0f %% of the %.0f s%n",
        total.points(), total.forwardSecondsPerPoint(), total.forwardCpuSecondsPerPoint(),
        total.recordSecondsPerPoint(), total.recordCpuSecondsPerPoint(),
        100 * total.seconds() / seconds, seconds);
    ReportFiles report = Report.write(dir);
    out.println("Run: " + dir.toAbsolutePath());
    out.println("Report: " + report.html().toAbsolutePath());
  }

  /**
   * The data in words, e.g. {@code mnist (first 5,000 of 60,000 training images; measured on the
   * first 1,000 test images)}.
   */
  static String dataset(String name, int trainSamples, int allTrain, int evalSamples) {
    return name + String.format(Locale.ROOT, " (%s training images; measured on the first %,d test"
        + " images)", trainSamples == allTrain ? String.format(Locale.ROOT, "all %,d", allTrain)
        : String.format(Locale.ROOT, "first %,d of %,d", trainSamples, allTrain), evalSamples);
  }

  private static MeasurementCost trainCell(LeNetOptions options, Cell cell, LabelledData train,
      EvaluationSamples evaluation, RecordedRunWriter run, PrintStream out) {
    long start = System.nanoTime();
    long startCpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    Nd4j.getRandom().setSeed(cell.initSeed());
    MultiLayerNetwork net = LeNet.create(cell.width(), cell.initSeed());
    int n = train.size();
    int stepsPerEpoch = (n + options.batchSize() - 1) / options.batchSize();
    InformationPlaneListener listener = InformationPlaneListener.builder(run, cell, evaluation)
        .schedule(options.schedule(), stepsPerEpoch, options.epochs())
        .description("LeNet-5, " + cell.width() + " channels in conv1 (DL4J)")
        .start(net);
    net.setListeners(listener);
    INDArray x = train.features().castTo(DataType.FLOAT);
    INDArray y = oneHot(train.labels(), train.numClasses());
    // The same mini-batches for every channel count, as ib's cells (Cell.orderSeed).
    Random order = new Random(cell.orderSeed());
    List<Integer> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      rows.add(i);
    }
    for (int epoch = 0; epoch < options.epochs(); epoch++) {
      Collections.shuffle(rows, order);
      for (int from = 0; from < n; from += options.batchSize()) {
        int[] batch = rows.subList(from, Math.min(n, from + options.batchSize())).stream()
            .mapToInt(Integer::intValue).toArray();
        net.fit(Nd4j.pullRows(x, 1, batch), Nd4j.pullRows(y, 1, batch));
      }
    }
    listener.finish();
    MeasurementCost cost = listener.cost();
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpu = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - startCpu) / 1e9;
    double measuringCpu = (cost.forwardCpuNanos() + cost.recordCpuNanos()) / 1e9;
    out.printf(Locale.ROOT, "conv1 %d channels: %d points; training %.0f s (CPU %.0f s), measuring"
        + " %.0f s (CPU %.0f s); per point: forward pass %.2f s (CPU %.2f s), estimators %.2f s"
        + " (CPU %.2f s)%n", cell.width(), cost.points(), seconds - cost.seconds(),
        cpu - measuringCpu, cost.seconds(), measuringCpu, cost.forwardSecondsPerPoint(),
        cost.forwardCpuSecondsPerPoint(), cost.recordSecondsPerPoint(),
        cost.recordCpuSecondsPerPoint());
    return cost;
  }

  private static INDArray oneHot(int[] labels, int classes) {
    float[] v = new float[labels.length * classes];
    for (int i = 0; i < labels.length; i++) {
      v[i * classes + labels[i]] = 1;
    }
    return Nd4j.create(v, new long[] {labels.length, classes}, 'c');
  }
}
