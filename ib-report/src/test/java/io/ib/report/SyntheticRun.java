package io.ib.report;

import io.ib.data.DataFile;
import io.ib.data.Dataset;
import io.ib.data.LabelledData;
import io.ib.info.EstimatorSpec;
import io.ib.info.Estimators;
import io.ib.info.InformationEstimate;
import io.ib.info.LayerSample;
import io.ib.info.MutualInformationEstimator;
import io.ib.nn.Activation;
import io.ib.provenance.Provenance;
import io.ib.run.AnalysisWriter;
import io.ib.run.RunStatus;
import io.ib.run.RunWriter;
import io.ib.sweep.Cell;
import io.ib.sweep.CellResult;
import io.ib.sweep.Layer;
import io.ib.sweep.LayerEstimate;
import io.ib.sweep.Measurement;
import io.ib.sweep.OutputLayer;
import io.ib.sweep.SweepConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.ToIntBiFunction;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Writes run directories for tests through ib's own writer ({@link RunWriter}, and
 * {@link AnalysisWriter} for analyses), as a sweep would: a configuration built from the fields
 * below, a small dataset, a hand-made provenance, and each cell's measurements followed by its
 * result once it measured its last step. Values follow {@link #ixt} and {@link #ity}, closed forms
 * the tests can evaluate themselves.
 */
final class SyntheticRun {
  static final int N = 10_000;
  /** Plug-in H(Y) of the MNIST test labels, bits (the test labels here have their class counts). */
  static final double HY = 3.31942;
  static final int STEPS_PER_EPOCH = 100;
  /** The configuration's batch size; the training part has {@code STEPS_PER_EPOCH} batches of it. */
  static final int BATCH_SIZE = 256;
  /** Samples per class of the MNIST test set, whose labels the test part of the data copies. */
  private static final int[] MNIST_TEST_CLASS_COUNTS =
      {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009};
  /** The estimator each {@link #analysed} analysis adds. */
  static final String ANALYSIS_ESTIMATOR = "binning:width=2";

  List<Integer> widths = List.of(5, 20, 100);
  List<Long> seeds = List.of(1L, 2L);
  List<Integer> steps = List.of(0, 10, 30, 100, 200);
  /**
   * Estimator specs: built-in estimators are the real ones ({@link Estimators#create}), any other
   * name is a {@link Recorded} estimator (the report reads such runs with stand-ins).
   */
  List<String> estimators = List.of("binning:width=4", "binning:width=0.5", "binning:width=1",
      "per-unit:bins=30,units=50");
  List<String> layers = List.of("hidden1", "hidden2");
  /** The hidden layers' activation in the configuration. */
  String activation = "relu";
  RunStatus status = RunStatus.COMPLETE;
  /** The reason of a failed run. */
  String error = "synthetic failure";
  /** The dataset's name, as the manifest records it. */
  String dataName = "mnist";
  Instant started = Instant.parse("2026-01-02T03:04:05Z");
  /** When the run ended (completed or failed; unused while it runs). */
  Instant ended = Instant.parse("2026-01-02T03:05:15.5Z");
  /**
   * Times of resumptions ({@code ib sweep --resume}): the run stops after a share of its finished
   * cells and is resumed, once per time. Cells that do not finish are written in the last session
   * (a resumption drops the rows of unfinished cells, which a sweep measures again).
   */
  List<Instant> resumed = List.of();
  /** Times of analyses ({@code ib analyze}) of a complete run, each adding {@link #ANALYSIS_ESTIMATOR}. */
  List<Instant> analysed = List.of();
  /** Applied to every measurement before it is written (e.g. to make a run diverge). */
  UnaryOperator<Measurement> transform = UnaryOperator.identity();
  /** Which (width, seed) cells have measurements; all by default. */
  BiPredicate<Integer, Long> measured = (w, s) -> true;
  /**
   * The last step measured in a cell; the last of {@link #steps} by default. A cell finishes (its
   * result goes into the manifest) when it measured the last of {@link #steps}.
   */
  ToIntBiFunction<Integer, Long> lastStep = (w, s) -> Integer.MAX_VALUE;

  /** I(X;T) in bits of a cell at a step: rises with step, larger for wider layers and finer bins. */
  static double ixt(int width, long seed, int step, String layer, String estimator) {
    if (estimator.startsWith("per-unit")) {
      return width > 28 ? 0.001 : 0.0;
    }
    // digitize's 30 edges over [-1, 1] bin about as finely as width 0.07
    double resolution = estimator.startsWith("digitize") ? 0.07
        : Double.parseDouble(estimator.substring(estimator.indexOf('=') + 1));
    double capacity = Math.min(Math.log(N) / Math.log(2),
        Math.log(2 + width) / Math.log(2) * 3.0 / Math.sqrt(resolution) + (layer.equals("hidden1") ? 1 : 0));
    return capacity * (1 - Math.exp(-step / 40.0)) * (1 + 0.03 * seed);
  }

  /** I(T;Y) in bits: bounded by H(Y), rising with I(X;T). */
  static double ity(int width, long seed, int step, String layer, String estimator) {
    if (estimator.startsWith("per-unit")) {
      return 0.2 + 0.1 * seed + step / 1000.0;
    }
    return HY * (1 - Math.exp(-ixt(width, seed, step, layer, estimator) / 3.0));
  }

  /** Test accuracy: rises with step and width, with a seed offset. */
  static double accuracy(int width, long seed, int step) {
    return 0.1 + 0.85 * (1 - Math.exp(-step / 50.0)) * (1 - 1.0 / (width + 5)) - 0.01 * seed;
  }

  /** The configuration the run records: the notebook's, with the fields above. */
  SweepConfig config() {
    return SweepConfig.notebook().withWidths(widths).withSeeds(seeds)
        .withActivation(Activation.parse(activation)).withEpochs(2).withBatchSize(BATCH_SIZE)
        .withOutputLayer(layers.contains("output") ? OutputLayer.LOGITS : OutputLayer.NONE)
        .withEstimators(estimators.stream().map(SyntheticRun::estimator).toList());
  }

  /**
   * Writes the run into {@code dir}, a new directory.
   *
   * @return {@code dir}
   */
  Path write(Path dir) throws IOException {
    SweepConfig config = config();
    if (!config.deferredEstimators().isEmpty()) {
      throw new IllegalArgumentException("the fixture writes the estimates of estimators that run"
          + " while cells train, not " + config.deferredEstimators());
    }
    Dataset data = dataset(dataName);
    List<Cell> finishing = new ArrayList<>();
    List<Cell> unfinished = new ArrayList<>();
    for (Cell c : config.cells()) {
      if (measured.test(c.width(), c.seed())) {
        (finishes(c) ? finishing : unfinished).add(c);
      }
    }
    RunWriter run = RunWriter.create(dir, config, data, provenance(dir), started, false, false);
    try {
      int sessions = resumed.size() + 1;
      for (int session = 0; session < sessions; session++) {
        if (session > 0) {
          run.close(); // a stop
          run = RunWriter.resume(dir, data, List.of("ib", "sweep", "--resume", dir.toString()),
              resumed.get(session - 1));
        }
        for (Cell c : finishing.subList(finishing.size() * session / sessions,
            finishing.size() * (session + 1) / sessions)) {
          writeCell(run, c);
        }
      }
      for (Cell c : unfinished) {
        writeCell(run, c);
      }
      switch (status) {
        case COMPLETE -> run.finished(ended, config.cells(), List.of(), Map.of());
        case FAILED -> run.failed(ended, error);
        case RUNNING -> { } // stopped, or still running: nothing more is written
        default -> throw new IllegalStateException("unknown status " + status);
      }
    } finally {
      run.close();
    }
    for (Instant time : analysed) {
      analyse(dir, time);
    }
    return dir;
  }

  private boolean finishes(Cell c) {
    return lastStep.applyAsInt(c.width(), c.seed()) >= steps.get(steps.size() - 1);
  }

  /** The measurements of a cell up to its last step, then its result if it measured them all. */
  private void writeCell(RunWriter run, Cell c) throws IOException {
    int last = lastStep.applyAsInt(c.width(), c.seed());
    List<Measurement> written = new ArrayList<>();
    for (int step : steps) {
      if (step > last) {
        break;
      }
      Measurement m = transform.apply(measurement(c.width(), c.seed(), step));
      run.measured(m);
      written.add(m);
    }
    if (finishes(c) && !written.isEmpty()) {
      Map<EstimatorSpec, Double> seconds = new LinkedHashMap<>();
      estimators.forEach(e -> seconds.put(EstimatorSpec.parse(e), 0.1));
      run.cellFinished(new CellResult(c, written, 1.25, 0.5, seconds));
    }
  }

  /** An analysis of a complete run: {@link #ANALYSIS_ESTIMATOR} at every finished measurement. */
  private void analyse(Path dir, Instant time) throws IOException {
    if (status != RunStatus.COMPLETE) {
      throw new IllegalStateException("only a complete run is analysed, not a " + status + " one");
    }
    EstimatorSpec spec = EstimatorSpec.parse(ANALYSIS_ESTIMATOR);
    try (AnalysisWriter analysis = AnalysisWriter.open(dir)) {
      List<Measurement> added = new ArrayList<>();
      for (CellResult cell : analysis.cells()) {
        for (Measurement m : cell.measurements()) {
          Cell c = m.cell();
          added.add(new Measurement(c, m.step(), m.epoch(), m.trainLoss(), m.testLoss(),
              m.testAccuracy(), estimates(c.width(), c.seed(), m.step(), List.of(spec))));
        }
      }
      analysis.finished(added, Map.of(), List.of(spec), List.of(spec), time,
          List.of("ib", "analyze", dir.toString()));
    }
  }

  /**
   * A transform that makes the run diverge. From step 100 on: losses about 1e21 (infinite
   * for seed 2 at step 200), chance accuracy, I(X;T) about 1e20 per unit of width, I(T;Y) infinite for
   * seed 2 at step 200 and NaN on hidden1 at step 100 for seed 1.
   */
  static Measurement diverged(Measurement m) {
    if (m.step() < 100) {
      return m;
    }
    boolean blownUp = m.step() == 200 && m.cell().seed() == 2;
    double loss = blownUp ? Double.POSITIVE_INFINITY : 1e21 * (1 + m.step() / 100.0);
    List<LayerEstimate> estimates = new ArrayList<>();
    for (LayerEstimate le : m.estimates()) {
      InformationEstimate e = le.estimate();
      double ixt = 1e20 * (1 + m.cell().width()) * (1 + 0.1 * m.cell().seed());
      double ity = blownUp ? Double.POSITIVE_INFINITY
          : le.layer().equals(Layer.hidden(1)) && m.step() == 100 && m.cell().seed() == 1 ? Double.NaN
          : e.ityBits();
      estimates.add(new LayerEstimate(le.layer(), le.layerWidth(), new InformationEstimate(e.estimator(),
          ixt, ity, Double.NaN, e.n(), e.hyBits())));
    }
    return new Measurement(m.cell(), m.step(), m.epoch(), loss, loss, 0.098, estimates);
  }

  private Measurement measurement(int width, long seed, int step) {
    double acc = accuracy(width, seed, step);
    return new Measurement(new Cell(width, seed), step, step / (double) STEPS_PER_EPOCH,
        step == 0 ? Double.NaN : 2.3 * (1 - acc), 2.3 * (1 - acc) + 0.05, acc,
        estimates(width, seed, step, estimators.stream().map(EstimatorSpec::parse).toList()));
  }

  /** Every estimator on every layer, from the closed forms. */
  private List<LayerEstimate> estimates(int width, long seed, int step, List<EstimatorSpec> specs) {
    List<LayerEstimate> estimates = new ArrayList<>();
    for (String layer : layers) {
      int layerWidth = layer.equals("hidden2") ? width : layer.equals("output") ? 10 : 256;
      for (EstimatorSpec spec : specs) {
        String e = spec.toString();
        estimates.add(new LayerEstimate(Layer.parse(layer), layerWidth, new InformationEstimate(spec,
            ixt(width, seed, step, layer, e), ity(width, seed, step, layer, e), Double.NaN, N, HY)));
      }
    }
    return estimates;
  }

  /**
   * The estimator of a spec: the built-in one where a provider has the name, else a
   * {@link Recorded} one. Either must estimate exactly the spec given, which the rows are named by.
   */
  private static MutualInformationEstimator estimator(String text) {
    EstimatorSpec spec = EstimatorSpec.parse(text);
    boolean builtIn = Estimators.providers().stream().anyMatch(p -> p.name().equals(spec.name()));
    MutualInformationEstimator e = builtIn ? Estimators.create(spec) : new Recorded(spec);
    if (!e.memberSpecs().equals(List.of(spec))) {
      throw new IllegalArgumentException(text + " estimates " + e.memberSpecs()
          + ": the fixture names each estimator's rows by the spec given");
    }
    return e;
  }

  /**
   * An estimator known by its spec only, as a user's estimator that is not on the report's class
   * path: the fixture writes its values, it never computes any.
   */
  record Recorded(EstimatorSpec spec) implements MutualInformationEstimator {
    @Override
    public InformationEstimate estimate(LayerSample sample) {
      throw new UnsupportedOperationException("the fixture's estimators compute nothing");
    }
  }

  /** The run's software, written by hand: a report shows it, nothing checks it. */
  private static Provenance provenance(Path dir) {
    return new Provenance("0.1.0-SNAPSHOT", "1.0.0-M2.1", "CPU", "OPENBLAS", 2, 2, 2, "17.0.13",
        "Eclipse Adoptium", "Linux 6.8 amd64", List.of("ib", "sweep", "--out", dir.toString()));
  }

  /**
   * One input feature (all zero: nothing is trained); N test samples with the class counts of the
   * MNIST test set; as many training samples as {@code STEPS_PER_EPOCH} batches hold, so that the
   * results read back give each step the epoch the rows give it.
   */
  private static Dataset dataset(String name) {
    int[] test = new int[N];
    for (int c = 0, i = 0; c < MNIST_TEST_CLASS_COUNTS.length; c++) {
      for (int k = 0; k < MNIST_TEST_CLASS_COUNTS[c]; k++) {
        test[i++] = c;
      }
    }
    int[] train = new int[STEPS_PER_EPOCH * BATCH_SIZE];
    for (int i = 0; i < train.length; i++) {
      train[i] = i % MNIST_TEST_CLASS_COUNTS.length;
    }
    int classes = MNIST_TEST_CLASS_COUNTS.length;
    return new Dataset(name,
        LabelledData.of(Nd4j.zeros(DataType.FLOAT, train.length, 1), train, classes),
        LabelledData.of(Nd4j.zeros(DataType.FLOAT, test.length, 1), test, classes),
        List.of(new DataFile("t10k-images-idx3-ubyte.gz",
            "1a1a05eab793c14bb050b398624a11b0ffd1a2953baed553b1b9bd079e2a20be", 1616508)));
  }
}
