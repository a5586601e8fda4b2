package io.ib.bench.nd4j;

import io.ib.InformationBottleneck;
import io.ib.bench.common.ContenderLoop;
import io.ib.bench.common.Json;
import io.ib.data.Dataset;
import io.ib.nn.Mlp;
import io.ib.sweep.Cell;
import io.ib.sweep.CellResult;
import io.ib.sweep.Measurement;
import io.ib.sweep.SweepConfig;
import io.ib.sweep.SweepListener;
import io.ib.sweep.SweepResult;
import io.ib.train.BatchOrder;
import io.ib.train.Evaluator;
import io.ib.train.MeasurementSchedule;
import io.ib.train.Trainer;
import io.ib.train.internal.InputBatch;
import io.ib.train.internal.MiniBatches;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * ib's contender: the library's own sweep ({@link InformationBottleneck#sweep} with
 * {@link SweepConfig#notebook()}, estimators included, no output directory), with
 * {@code --parallel P} cores ({@link io.ib.Sweep#parallelism}; each cell on its own Java
 * thread, with the JVM's ND4J/BLAS thread count, 1 in the benchmark). Timed by the library
 * ({@link CellResult}), per step by a listener, and as a whole (wall time of {@code run()}). Same
 * warm-up as the baselines ({@link ContenderLoop#WARMUP_STEPS} steps and one test forward pass on a
 * throwaway network). Diagnostic options, not used by the harness: {@code --no-estimators},
 * {@code --measure-start-only} (one measurement per cell, at step 0).
 */
final class IbSweep {
  private IbSweep() {}

  static void run(Map<String, String> o) throws IOException {
    Dataset mnist = PrepareWorkload.loadMnist(o);
    SweepConfig cfg = PrepareWorkload.config(o);
    int parallel = Integer.parseInt(o.getOrDefault("parallel", "1"));
    // Diagnostics only (not used by the harness): the sweep without estimators or measurements.
    if (o.containsKey("no-estimators")) {
      cfg = cfg.withEstimators(List.of());
    }
    if (o.containsKey("measure-start-only")) {
      cfg = cfg.withSchedule(new MeasurementSchedule(true, List.of(), false));
    }
    warmUp(mnist, cfg);

    StepClock clock = new StepClock();
    long wall0 = System.nanoTime();
    SweepResult result = InformationBottleneck.sweep(cfg).on(mnist).parallelism(parallel)
        .listener(clock).run();
    double wall = (System.nanoTime() - wall0) / 1e9;

    List<Object> perWidth = new ArrayList<>();
    for (CellResult c : result.cells()) {
      List<Double> loss = new ArrayList<>();
      List<Double> acc = new ArrayList<>();
      for (Measurement m : c.measurements()) {
        loss.add(m.testLoss());
        acc.add(m.testAccuracy());
      }
      Map<String, Object> w = ContenderLoop.widthResult(c.cell().width(),
          clock.stepsOf(c.cell()), c.trainingSeconds(), c.measurements().size(),
          c.evaluationSeconds(), c.estimationSeconds(), loss, acc);
      w.put("estimatorSeconds", new LinkedHashMap<>(c.estimatorSeconds()));
      w.put("worker", clock.threadOf(c.cell()));
      perWidth.add(w);
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("contender", "ib");
    r.put("parallelism", parallel);
    r.put("threads", Nd4jThreads.settings());
    r.put("estimators", cfg.estimators().stream().map(e -> e.spec().toString()).toList());
    r.put("widths", perWidth);
    r.putAll(ContenderLoop.stepStats(clock.durations()));
    r.put("wallSeconds", wall);
    r.put("activeColumns", activeColumns(mnist, cfg));
    Json.emitResult(r);
  }

  /**
   * How many input columns the sweep's first-layer products ran over (after the sweep, untimed): the
   * library leaves out the columns that are zero in a whole batch (padded to a multiple of 32), and
   * the test set's all-zero columns. Means are weighted by batch rows, as the FLOPs are.
   */
  static Map<String, Object> activeColumns(Dataset mnist, SweepConfig cfg) {
    Cell cell = new Cell(cfg.widths().get(0), cfg.seeds().get(0)); // every width has this order
    MiniBatches batches = new MiniBatches(mnist.train(), DataType.FLOAT);
    BatchOrder order = new BatchOrder(mnist.train().size(), cfg.batchSize(), cell.orderSeed());
    double rows = 0;
    double active = 0;
    double width = 0;
    for (int epoch = 1; epoch <= cfg.epochs(); epoch++) {
      int[] perm = order.permutation(epoch);
      for (int from = 0; from < perm.length; from += cfg.batchSize()) {
        int n = Math.min(cfg.batchSize(), perm.length - from);
        InputBatch x = batches.batch(perm, from, n);
        rows += n;
        active += (double) n * x.activeCount();
        width += (double) n * x.values().columns();
      }
    }
    InputBatch test = InputBatch.withoutZeroColumns(mnist.test().features());
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("inputSize", mnist.numFeatures());
    r.put("trainMeanActive", active / rows);
    r.put("trainMeanWidth", width / rows);
    r.put("testActive", test.activeCount());
    r.put("testWidth", test.values().columns());
    return r;
  }

  /** The baselines' warm-up, with the library's own classes. */
  static void warmUp(Dataset mnist, SweepConfig cfg) {
    int width = cfg.widths().get(0);
    Cell cell = new Cell(width, cfg.seeds().get(0));
    Mlp model = Mlp.initialize(cfg.architecture(mnist.numFeatures(), mnist.numClasses(), width),
        cfg.init(), cell.initSeed(), DataType.FLOAT);
    Trainer trainer = new Trainer(model, cfg.optimizer());
    MiniBatches batches = new MiniBatches(mnist.train(), DataType.FLOAT);
    int[] perm = new BatchOrder(mnist.train().size(), cfg.batchSize(), cell.orderSeed()).permutation(1);
    int b = cfg.batchSize();
    for (int i = 0; i < ContenderLoop.WARMUP_STEPS; i++) {
      trainer.step(batches.batch(perm, i * b, b), batches.labels(perm, i * b, b));
    }
    new Evaluator(mnist.test()).evaluate(model);
  }

  /**
   * Times each step of a cell as the interval since that cell's previous listener event (a step, a
   * measurement or the cell's start), so measurements are not counted as steps. Cells running in
   * parallel are timed separately (the library never overlaps listener calls; each cell stays on one
   * thread).
   */
  static final class StepClock implements SweepListener {
    private final List<Double> durations = new ArrayList<>();
    private final Map<Cell, Long> last = new HashMap<>();
    private final Map<Cell, Integer> steps = new HashMap<>();
    private final Map<Cell, String> threads = new HashMap<>();

    @Override
    public void cellStarted(Cell cell, int index) {
      last.put(cell, System.nanoTime());
      threads.put(cell, Thread.currentThread().getName() + "#" + Thread.currentThread().getId());
    }

    @Override
    public void stepCompleted(Cell cell, int step, double loss) {
      long now = System.nanoTime();
      durations.add((now - last.get(cell)) / 1e9);
      steps.merge(cell, 1, Integer::sum);
      last.put(cell, now);
    }

    @Override
    public void measured(Measurement m) {
      last.put(m.cell(), System.nanoTime());
    }

    double[] durations() {
      return durations.stream().mapToDouble(Double::doubleValue).toArray();
    }

    int stepsOf(Cell cell) {
      return steps.getOrDefault(cell, 0);
    }

    String threadOf(Cell cell) {
      return threads.getOrDefault(cell, "?");
    }
  }
}
