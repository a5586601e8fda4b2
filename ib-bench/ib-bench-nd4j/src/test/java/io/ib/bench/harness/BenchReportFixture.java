package io.ib.bench.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The results of a made-up benchmark run, shaped as the contenders and the harness write them, for
 * rendering the text report without running anything: two widths, two repetitions, sections with 1
 * and 2 cores, every contender, GEMM rates, a profile and estimator timings. Numbers are arbitrary but
 * vary by variant, repetition and width, so every figure of the report is computed from distinct
 * values.
 */
final class BenchReportFixture {
  static final ObjectMapper JSON = new ObjectMapper();
  static final int[] WIDTHS = {5, 100};
  static final int EPOCHS = 2;
  static final int STEPS_PER_EPOCH = 235;
  static final List<Integer> MEASURED = List.of(0, 10, 100, 470);

  boolean gemm = true;
  boolean profile = true;
  boolean estimators = true;
  List<String> failures = new ArrayList<>();

  Bench.Settings settings() {
    return new Bench.Settings(false, 2, new int[] {1, 2}, WIDTHS, EPOCHS, 1, 3, List.of("ib", "libtorch",
        "dl4j"), List.of(""), null, "3g", Path.of("ib-bench"), Path.of("out"), false, 5);
  }

  JsonNode workload() {
    ObjectNode w = JSON.createObjectNode();
    w.put("stepsPerEpoch", STEPS_PER_EPOCH);
    ArrayNode m = w.putArray("measuredSteps");
    MEASURED.forEach(m::add);
    return w;
  }

  Map<String, JsonNode> gemm() {
    Map<String, JsonNode> g = new LinkedHashMap<>();
    if (!gemm) {
      return g;
    }
    double[] scale = {1.0, 1.7, 1.2, 2.1};
    String[] keys = {"nd4j-1", "nd4j-2", "torch-1", "torch-2"};
    for (int i = 0; i < keys.length; i++) {
      ObjectNode n = JSON.createObjectNode();
      ArrayNode rows = n.putArray("gemm");
      String[] shapes = {"fwd 256x784x256", "bwd-W 784x256x256", "test 10000x784x256"};
      for (int s = 0; s < shapes.length; s++) {
        for (boolean parallel : i == 0 ? new boolean[] {false, true} : new boolean[] {false}) {
          ObjectNode r = rows.addObject();
          r.put("shape", shapes[s]);
          r.put("threads", parallel ? "2 Java threads x 1" : keys[i].endsWith("2") ? "2" : "1");
          r.put("gflopsBest", 40 * scale[i] * (1 + 0.1 * s) * (parallel ? 1.8 : 1));
          r.put("gflopsMedian", 36 * scale[i] * (1 + 0.1 * s) * (parallel ? 1.7 : 1));
          r.put("msMin", 1.5 / scale[i] + s);
        }
      }
      if (i != 3) {
        n.put("openblasCore", i < 2 ? "Haswell" : "SkylakeX");
      }
      g.put(keys[i], n);
    }
    return g;
  }

  JsonNode profile() {
    if (!profile) {
      return null;
    }
    ObjectNode p = JSON.createObjectNode();
    p.put("width", 20);
    p.put("batch", 256);
    p.put("stepUsMedian", 812.0);
    p.put("stepUsMin", 790.0);
    p.put("stepWithGatherUsMedian", 905.0);
    p.put("sumOfPartsUs", 880.0);
    ArrayNode parts = p.putArray("parts");
    part(parts, "MiniBatches.batch (gather the active columns of 256 rows)", 93.0, 88.0);
    part(parts, "StepBuffers.lossAndGradient (forward, loss, backward on the prepared ops)", 640.0, 610.0);
    part(parts, "Adam.update (all parameters, one flat buffer)", 147.0, 140.0);
    p.put("lossUsMedian", 41.0);
    p.put("sumInsideUs", 1210.0);
    ObjectNode kinds = p.putObject("insideUsByKind");
    kinds.put("gemm", 700.0);
    kinds.put("elementwise", 380.0);
    kinds.put("reduce", 130.0);
    ArrayNode inside = p.putArray("inside");
    part(inside, "mmul 256x784 . 784x256", 420.0, 400.0);
    part(inside, "relu forward", 60.0, 55.0);
    p.put("evaluateMsMedian", 48.5);
    ArrayNode measurement = p.putArray("measurement");
    part(measurement, "binning:width=0.5 on hidden1", 15200.0, 15000.0);
    ArrayNode alternatives = p.putArray("alternatives");
    ObjectNode lib = part(alternatives, "library: fused softmax cross-entropy", 41.0, 39.0);
    lib.putNull("maxAbsDiffVsLibrary");
    ObjectNode alt = part(alternatives,
        "a very long name of the ND4J op that the library replaced, cut to width", 77.0, 70.0);
    alt.put("maxAbsDiffVsLibrary", 3.2e-7);
    return p;
  }

  private static ObjectNode part(ArrayNode to, String op, double median, double min) {
    ObjectNode o = to.addObject();
    o.put("op", op);
    o.put("usMedian", median);
    o.put("usMin", min);
    return o;
  }

  JsonNode estimators() {
    if (!estimators) {
      return null;
    }
    ObjectNode e = JSON.createObjectNode();
    ArrayNode rows = e.putArray("estimators");
    String[] specs = {"binning:width=0.5", "kde:noise_variance=0.1",
        "a-much-longer-estimator-name:with=parameters"};
    int[] dims = {10, 256};
    for (int s = 0; s < specs.length; s++) {
      for (int d : dims) {
        ObjectNode r = rows.addObject();
        r.put("spec", specs[s]);
        r.put("d", d);
        boolean none = s == 1 && d == 256;
        r.put("calls", none ? 0 : 5);
        if (none) {
          r.put("note", "too slow at this size");
        } else {
          r.put("msMedian", 3.0 * (s + 1) * d / 10);
          r.put("msMin", 2.5 * (s + 1) * d / 10);
          r.put("msMax", 4.0 * (s + 1) * d / 10);
        }
      }
    }
    ArrayNode reg = e.putArray("registry");
    for (String n : new String[] {"binning", "kde", "per-unit"}) {
      reg.addObject().put("name", n);
    }
    return e;
  }

  /** Every variant of both sections in two repetitions. */
  List<SweepRun> runs() {
    List<SweepRun> runs = new ArrayList<>();
    int fullSteps = STEPS_PER_EPOCH * EPOCHS;
    for (int rep = 1; rep <= 2; rep++) {
      for (int section : new int[] {1, 2}) {
        for (Variant v : Variant.of(section, List.of("ib", "libtorch", "dl4j"))) {
          runs.add(SweepRun.of(v, rep, result(v, rep), fullSteps, MEASURED.size()));
        }
      }
    }
    return runs;
  }

  private static JsonNode result(Variant v, int rep) {
    boolean ib = v.contender().equals("ib");
    double speed = (ib ? 1.0 : v.contender().equals("libtorch") ? 1.3 : 2.2) * (1 + 0.05 * rep)
        / (v.section() == 1 ? 1 : 1.6);
    ObjectNode r = JSON.createObjectNode();
    ArrayNode widths = r.putArray("widths");
    int steps = ib ? STEPS_PER_EPOCH * EPOCHS : STEPS_PER_EPOCH; // the baselines run one epoch of two
    int points = ib ? MEASURED.size() : 3;
    double wall = 0;
    for (int i = 0; i < WIDTHS.length; i++) {
      int k = WIDTHS[i];
      ObjectNode w = widths.addObject();
      w.put("width", k);
      w.put("steps", steps);
      w.put("points", points);
      double train = speed * steps * (0.002 + k * 1e-5);
      w.put("trainSeconds", train);
      w.put("forwardSeconds", speed * points * 0.05);
      w.put("estimationSeconds", ib ? 0.4 * points : 0.0);
      w.put("wallSeconds", train + speed * points * 0.05 + (ib ? 0.4 * points : 0) + 0.01);
      if (v.workers() > 1) {
        w.put("worker", i % v.workers());
      }
      ArrayNode loss = w.putArray("testLoss");
      ArrayNode acc = w.putArray("testAccuracy");
      for (int m = 0; m < points; m++) {
        loss.add(2.3 / (1 + m + 0.01 * k) + (ib ? 0 : 1e-5));
        acc.add(0.1 + 0.2 * m + 0.001 * k);
      }
      wall += w.get("wallSeconds").asDouble();
    }
    r.put("stepMedianMs", speed * 2.1);
    r.put("stepP90Ms", speed * 2.6);
    r.put("stepP99Ms", speed * 3.9);
    r.put("stepMeanMs", speed * 2.3);
    r.put("wallSeconds", v.workers() > 1 ? wall / v.workers() * 1.1 : wall + 0.3);
    if (v.kind() == Variant.Kind.JVM_POOL) {
      r.put("poolWorkers", v.workers());
    }
    ObjectNode threads = r.putObject("threads");
    threads.put("availableProcessors", 2);
    threads.put("OMP_NUM_THREADS", v.threads());
    threads.put("blas", v.threads());
    if (ib) {
      ArrayNode est = r.putArray("estimators");
      est.add("binning:width=0.5").add("per-unit:bins=30,units=50");
      ObjectNode a = r.putObject("activeColumns");
      a.put("trainMeanWidth", 640.0);
      a.put("inputSize", 784);
      a.put("trainMeanActive", 618.5);
      a.put("testWidth", 680);
    }
    return r;
  }

  Report report() {
    return new Report(settings(), workload(), gemm(), profile(), estimators(), runs(), failures, 1234.5,
        "0.50 0.40 0.30");
  }
}
