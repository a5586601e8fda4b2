package io.ib.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ib.info.EstimatorSpec;
import io.ib.info.Estimators;
import io.ib.info.InformationEstimate;
import io.ib.nn.Activation;
import io.ib.run.MeasurementsCsv;
import io.ib.run.SweepJson;
import io.ib.sweep.Cell;
import io.ib.sweep.LayerEstimate;
import io.ib.sweep.Measurement;
import io.ib.sweep.SweepConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.UnaryOperator;

/**
 * Writes run directories for tests: a {@code sweep.json} built with Jackson in the format of
 * {@code io.ib.run.RunDirectory}, and a {@code measurements.csv} written through
 * {@link MeasurementsCsv}. Values follow {@link #ixt} and {@link #ity}, closed forms the tests can
 * evaluate themselves.
 */
final class SyntheticRun {
  static final int N = 10_000;
  /** Plug-in H(Y) of the MNIST test labels, bits. */
  static final double HY = 3.31942;
  static final int STEPS_PER_EPOCH = 100;

  List<Integer> widths = List.of(5, 20, 100);
  List<Long> seeds = List.of(1L, 2L);
  List<Integer> steps = List.of(0, 10, 30, 100, 200);
  List<String> estimators = List.of("binning:width=4", "binning:width=0.5", "binning:width=1",
      "per-unit:bins=30,units=50");
  List<String> layers = List.of("hidden1", "hidden2");
  /** The hidden layers' activation recorded in the configuration. */
  String activation = "relu";
  String status = "complete";
  String error = null;
  String note = "synthetic";
  /** The manifest's "format"; null leaves the field out. */
  String format = "ib-sweep/1";
  /** Whether the manifest holds its "config" object. */
  boolean withConfig = true;
  /**
   * Whether that object is a whole configuration as ib writes it (format ib-sweep/2, from
   * {@link SweepJson#config}), so the run's typed results and compression summary can be read; by
   * default it holds only the fields the report reads.
   */
  boolean fullConfig = false;
  Instant started = Instant.parse("2026-01-02T03:04:05Z");
  /** When the run ended (written unless the status is running). */
  Instant ended = Instant.parse("2026-01-02T03:05:15.5Z");
  /** Times of {@code ib sweep --resume}, written as the manifest's "resumed" entries. */
  List<Instant> resumed = List.of();
  /** Times of {@code ib analyze}, written as the manifest's "analyses" entries. */
  List<Instant> analysed = List.of();
  /** Applied to every measurement before it is written (e.g. to make a run diverge). */
  UnaryOperator<Measurement> transform = UnaryOperator.identity();
  /** Which (width, seed) cells have measurements; all by default. */
  BiPredicate<Integer, Long> measured = (w, s) -> true;
  /** The last step measured in a cell (for unfinished cells); the last of {@link #steps} by default. */
  java.util.function.ToIntBiFunction<Integer, Long> lastStep = (w, s) -> Integer.MAX_VALUE;
  /** Cells listed as finished in sweep.json; by default those measured to the end. */
  Set<List<Long>> finished = null;

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

  Path write(Path dir) throws IOException {
    Files.createDirectories(dir);
    List<List<Long>> done = new ArrayList<>();
    try (MeasurementsCsv csv = MeasurementsCsv.create(dir.resolve("measurements.csv"))) {
      for (long seed : seeds) {
        for (int width : widths) {
          if (!measured.test(width, seed)) {
            continue;
          }
          int last = lastStep.applyAsInt(width, seed);
          for (int step : steps) {
            if (step > last) {
              break;
            }
            csv.append(transform.apply(measurement(width, seed, step)));
          }
          if (last >= steps.get(steps.size() - 1)) {
            done.add(List.of((long) width, seed));
          }
        }
      }
    }
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode m = mapper.createObjectNode();
    if (format != null) {
      m.put("format", format);
    }
    m.put("status", status);
    m.put("started", started.toString());
    if (status.equals("running")) {
      m.putNull("finished");
    } else {
      m.put("finished", ended.toString());
    }
    for (Instant t : resumed) {
      ObjectNode r = m.withArray("resumed").addObject();
      r.put("time", t.toString());
      r.putArray("command_line").add("ib").add("sweep").add("--resume").add(dir.toString());
    }
    for (Instant t : analysed) {
      ObjectNode a = m.withArray("analyses").addObject();
      a.put("time", t.toString());
      a.putArray("estimators").add("binning:width=2");
      a.putArray("command_line").add("ib").add("analyze").add(dir.toString());
    }
    if (error != null) {
      m.put("error", error);
    }
    if (fullConfig) {
      SweepConfig full = SweepConfig.notebook().withWidths(widths).withSeeds(seeds)
          .withActivation(Activation.parse(activation)).withEpochs(2)
          .withEstimators(estimators.stream().map(Estimators::parse).toList());
      m.put("format", SweepJson.FORMAT);
      m.set("config", SweepJson.config(full));
      m.put("config_sha256", SweepJson.configSha256(full));
      m.put("snapshots", false);
    }
    ObjectNode config = !withConfig ? mapper.createObjectNode()
        : fullConfig ? mapper.createObjectNode() : m.putObject("config");
    ArrayNode w = config.putArray("widths");
    widths.forEach(w::add);
    config.putArray("hidden_before_bottleneck").add(256);
    ArrayNode s = config.putArray("seeds");
    seeds.forEach(s::add);
    config.put("activation", activation);
    config.put("epochs", 2);
    config.put("batch_size", 256);
    ObjectNode opt = config.putObject("optimizer");
    opt.put("name", "adam");
    opt.put("learning_rate", 0.001);
    ArrayNode est = config.putArray("estimators");
    estimators.forEach(est::add);
    config.put("note", note);
    if (!fullConfig) {
      m.put("config_sha256", "0123abcd");
    }
    ObjectNode data = m.putObject("dataset");
    data.put("name", "mnist");
    data.put("test_size", N);
    ObjectNode file = data.putArray("files").addObject();
    file.put("name", "t10k-images-idx3-ubyte.gz");
    file.put("sha256", "1a1a05eab793c14bb050b398624a11b0ffd1a2953baed553b1b9bd079e2a20be");
    file.put("bytes", 1616508);
    ObjectNode prov = m.putObject("provenance");
    prov.put("library_version", "0.1.0-SNAPSHOT");
    prov.put("java_version", "17");
    ArrayNode cmd = prov.putArray("command_line");
    cmd.add("ib").add("sweep").add("--out").add(dir.toString());
    ArrayNode cells = m.putArray("cells");
    for (List<Long> c : finished != null ? new ArrayList<>(finished) : done) {
      ObjectNode cell = cells.addObject();
      cell.put("width", c.get(0));
      cell.put("seed", c.get(1));
      cell.put("measurements", steps.size());
      if (fullConfig) {
        Cell typed = new Cell(c.get(0).intValue(), c.get(1));
        cell.put("init_seed", typed.initSeed());
        cell.put("order_seed", typed.orderSeed());
        cell.put("rows", (long) steps.size() * layers.size() * estimators.size());
      }
      cell.put("final_test_accuracy", accuracy(c.get(0).intValue(), c.get(1), steps.get(steps.size() - 1)));
      cell.put("training_seconds", 1.25);
      cell.put("evaluation_seconds", 0.5);
      ObjectNode es = cell.putObject("estimator_seconds");
      estimators.forEach(e -> es.put(e, 0.1));
    }
    Files.write(dir.resolve("sweep.json"), mapper.writeValueAsBytes(m));
    return dir;
  }

  /**
   * A {@link #transform} that makes the run diverge. From step 100 on: losses about 1e21 (infinite
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
          : le.layer().equals("hidden1") && m.step() == 100 && m.cell().seed() == 1 ? Double.NaN
          : e.ityBits();
      estimates.add(new LayerEstimate(le.layer(), le.layerWidth(), new InformationEstimate(e.estimator(),
          ixt, ity, Double.NaN, e.n(), e.hyBits())));
    }
    return new Measurement(m.cell(), m.step(), m.epoch(), loss, loss, 0.098, estimates);
  }

  private Measurement measurement(int width, long seed, int step) {
    List<LayerEstimate> estimates = new ArrayList<>();
    for (String layer : layers) {
      int layerWidth = layer.equals("hidden2") ? width : layer.equals("output") ? 10 : 256;
      for (String e : estimators) {
        estimates.add(new LayerEstimate(layer, layerWidth, new InformationEstimate(EstimatorSpec.parse(e),
            ixt(width, seed, step, layer, e), ity(width, seed, step, layer, e), Double.NaN, N, HY)));
      }
    }
    double acc = accuracy(width, seed, step);
    return new Measurement(new Cell(width, seed), step, step / (double) STEPS_PER_EPOCH,
        step == 0 ? Double.NaN : 2.3 * (1 - acc), 2.3 * (1 - acc) + 0.05, acc, estimates);
  }
}
