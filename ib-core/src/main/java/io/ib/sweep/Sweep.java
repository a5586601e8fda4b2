package io.ib.sweep;

import io.ib.data.Dataset;
import io.ib.data.LabelledData;
import io.ib.info.InformationEstimate;
import io.ib.info.LayerSample;
import io.ib.info.MutualInformationEstimator;
import io.ib.info.RangeBasedEstimator;
import io.ib.io.RunDirectory;
import io.ib.io.Snapshots;
import io.ib.nn.Mlp;
import io.ib.nn.MlpArchitecture;
import io.ib.provenance.Provenance;
import io.ib.train.BatchOrder;
import io.ib.train.DivergenceException;
import io.ib.train.Evaluation;
import io.ib.train.Evaluator;
import io.ib.train.MiniBatches;
import io.ib.train.Trainer;
import io.ib.train.TrainingLoop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A configured sweep: set the data (required), an output directory and a listener (optional), then
 * {@link #run()}. Made by {@link InformationBottleneck#sweep}.
 *
 * <p>Cells run one after another, or several at once on {@link #parallelism} cores. Each trains a
 * fresh network from its own seed on the training set and is measured on the whole evaluation (test)
 * set at the scheduled steps: loss, accuracy, and every estimator on every hidden layer. With an
 * output directory, each measurement is on disk before the listener hears of it.
 */
public final class Sweep {
  private static final Logger LOG = LoggerFactory.getLogger(Sweep.class);

  private final SweepConfig config;
  private final Path resumeDirectory;
  private Dataset data;
  private Path outputDirectory;
  private boolean snapshots;
  private int parallelism = 1;
  private SweepListener listener = new SweepListener() {};
  private List<String> commandLine = List.of();

  Sweep(SweepConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.resumeDirectory = null;
  }

  private Sweep(SweepConfig config, Path resumeDirectory) {
    this.config = config;
    this.resumeDirectory = resumeDirectory;
  }

  /** A sweep that finishes the interrupted run in {@code directory}, with its stored configuration. */
  static Sweep resuming(Path directory) throws IOException {
    return new Sweep(RunDirectory.readConfig(directory), directory);
  }

  /** The configuration this sweep runs (for a resumed sweep: the stored one). */
  public SweepConfig config() {
    return config;
  }

  /** The data to train on (its train part) and to measure on (its test part). */
  public Sweep on(Dataset dataset) {
    this.data = Objects.requireNonNull(dataset, "dataset");
    return this;
  }

  /** Writes {@code sweep.json} and {@code measurements.csv} into this directory (created if needed). */
  public Sweep writeTo(Path directory) {
    if (resumeDirectory != null) {
      throw new IllegalStateException("a resumed sweep writes to " + resumeDirectory);
    }
    this.outputDirectory = Objects.requireNonNull(directory, "directory");
    return this;
  }

  /**
   * Also saves the evaluation-set activations of every measured layer at every measurement point as
   * {@code .npy} files (see {@link Snapshots}), for {@code ib analyze}. About n x (sum of measured
   * layer widths) x 4 bytes per point: 11 MB for the default network's two hidden layers at k = 5.
   */
  public Sweep saveSnapshots(boolean value) {
    this.snapshots = value;
    return this;
  }

  /**
   * Uses up to {@code cores} threads at once (with one ND4J/BLAS thread each, {@code cores} should
   * not exceed the processors). Cells run on their own threads and take turns on the cores (see
   * {@link CoreShare}), so a sweep finishes with all cores busy rather than one cell running alone.
   * The results do not depend on it: every cell is computed exactly as alone, and the files are put
   * in cell order when the sweep ends. An interruption loses at most the cells in progress: up to
   * {@code 3 x cores - 2} near the end of a sweep, {@code cores} before.
   */
  public Sweep parallelism(int cores) {
    if (cores < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, got " + cores);
    }
    this.parallelism = cores;
    return this;
  }

  /** Receives progress (from several threads in turn when cells run in parallel; calls never overlap). */
  public Sweep listener(SweepListener value) {
    this.listener = Objects.requireNonNull(value, "listener");
    return this;
  }

  /** The command line to record in the provenance (the CLI sets it). */
  public Sweep commandLine(List<String> value) {
    this.commandLine = List.copyOf(value);
    return this;
  }

  /**
   * Runs every cell.
   *
   * @throws IllegalStateException if no data was given
   * @throws IllegalArgumentException if the configuration does not fit the data (e.g. a measurement
   *     step beyond the end of training)
   * @throws DivergenceException if a cell's loss becomes NaN or infinite (the run directory records
   *     it as failed)
   * @throws IOException if results cannot be written
   */
  public SweepResult run() throws IOException {
    if (data == null) {
      throw new IllegalStateException("no data: call on(dataset) before run()");
    }
    LabelledData train = data.train();
    BatchOrder shape = new BatchOrder(train.size(), config.batchSize(), 1);
    int[] measured = config.schedule().resolve(shape.stepsPerEpoch(), config.epochs());
    List<MutualInformationEstimator> online = new ArrayList<>();
    List<MutualInformationEstimator> afterwards = new ArrayList<>();
    for (MutualInformationEstimator e : config.estimators()) {
      (e instanceof RangeBasedEstimator ? afterwards : online).add(e);
    }
    if (!afterwards.isEmpty() && outputDirectory == null && resumeDirectory == null) {
      throw new IllegalArgumentException("estimator " + afterwards.get(0).spec() + " compares every"
          + " measurement on one range, so it runs over saved activations after the last cell:"
          + " give the sweep an output directory");
    }

    OpExecutioner.ProfilingMode previousMode = Nd4j.getExecutioner().getProfilingMode();
    Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.DISABLED);
    Instant started = Instant.now();
    RunDirectory run = null;
    Snapshots store = null;
    try {
      Provenance provenance = Provenance.capture(commandLine);
      boolean keepSnapshots;
      if (resumeDirectory != null) {
        run = RunDirectory.resume(resumeDirectory, data, provenance, started,
            afterwards.stream().map(e -> e.spec().toString()).collect(Collectors.toSet()));
        keepSnapshots = run.snapshotsEnabled();
      } else if (outputDirectory != null) {
        run = RunDirectory.create(outputDirectory, config, data, provenance, started, snapshots);
        keepSnapshots = snapshots;
      } else {
        keepSnapshots = false;
      }
      if (run != null && (keepSnapshots || !afterwards.isEmpty())) {
        store = Snapshots.exist(run.directory()) ? Snapshots.append(run.directory())
            : Snapshots.create(run.directory(), data.test().labels(),
                LayerSample.rowMajorFloats(data.test().features()), data.numFeatures());
      }
      List<CellResult> results = new ArrayList<>(run == null ? List.of() : run.completedCells());
      List<Cell> remaining = new ArrayList<>(config.cells());
      results.forEach(r -> remaining.remove(r.cell()));
      SweepPlan plan = new SweepPlan(remaining, shape.stepsPerEpoch(),
          shape.stepsPerEpoch() * config.epochs(), Arrays.stream(measured).boxed().toList(),
          data.test().size());
      SweepListener events = synchronizedListener(listener);
      events.sweepStarted(plan);
      results.addAll(runCells(remaining, plan, measured, online, run, store, events));
      results.sort(java.util.Comparator.comparingInt(r -> config.cells().indexOf(r.cell())));
      if (store != null) {
        store.close();
        store = null;
      }
      if (!afterwards.isEmpty()) {
        runAfterwards(run, afterwards, results, keepSnapshots);
      }
      Instant finished = Instant.now();
      if (run != null) {
        run.finished(finished, config.cells(),
            afterwards.stream().map(e -> e.spec().toString()).collect(Collectors.toSet()));
      }
      SweepResult result = new SweepResult(config, results,
          Optional.ofNullable(run == null ? null : run.directory()), started, finished);
      events.sweepFinished(result);
      return result;
    } catch (RuntimeException | IOException e) {
      // Writes inside the training callback arrive wrapped; callers get the IOException itself.
      Exception cause = e instanceof UncheckedIOException u ? u.getCause() : e;
      if (run != null) {
        try {
          run.failed(Instant.now(), String.valueOf(cause.getMessage()));
        } catch (IOException suppressed) {
          cause.addSuppressed(suppressed);
        }
      }
      if (cause instanceof IOException io) {
        throw io;
      }
      throw (RuntimeException) cause;
    } finally {
      if (store != null) {
        store.close();
      }
      if (run != null) {
        run.close();
      }
      Nd4j.getExecutioner().setProfilingMode(previousMode);
    }
  }

  /**
   * Trains the cells on {@link #parallelism} cores (see {@link CoreShare}) and returns their results
   * in the order they finished.
   */
  private List<CellResult> runCells(List<Cell> cells, SweepPlan plan, int[] measured,
      List<MutualInformationEstimator> estimators, RunDirectory run, Snapshots store,
      SweepListener events) throws IOException {
    AtomicBoolean stop = new AtomicBoolean();
    // Batch and evaluation buffers belong to one thread each; the data they read is shared.
    MiniBatches shared = new MiniBatches(data.train(), DataType.FLOAT);
    ThreadLocal<MiniBatches> batches = ThreadLocal.withInitial(shared::forAnotherThread);
    Evaluator sharedEvaluator = new Evaluator(data.test());
    ThreadLocal<Evaluator> evaluators = ThreadLocal.withInitial(sharedEvaluator::forAnotherThread);
    CoreShare cores = new CoreShare(parallelism);
    ExecutorService pool = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "ib-cell");
      t.setDaemon(true);
      return t;
    });
    CompletionService<CellResult> completions = new ExecutorCompletionService<>(pool);
    try {
      List<CellResult> results = new ArrayList<>();
      Throwable failure = null;
      int next = 0;
      int inProgress = 0;
      while (true) {
        int starting = stop.get() ? 0 : cores.cellsToStart(cells.size() - next, inProgress);
        for (int s = 0; s < starting; s++, next++, inProgress++) {
          Cell cell = cells.get(next);
          int index = next;
          completions.submit(() -> {
            cores.acquire();
            try {
              if (stop.get()) {
                throw new CancellationException("another cell failed");
              }
              events.cellStarted(cell, index);
              CellResult result = runCell(cell, plan, measured, batches.get(), evaluators.get(),
                  estimators, run, store, cores, stop, events);
              if (run != null) {
                run.cellFinished(result);
              }
              events.cellFinished(result);
              return result;
            } catch (Throwable t) {
              stop.set(true); // the other cells give up at their next step
              throw t;
            } finally {
              cores.release();
            }
          });
        }
        if (inProgress == 0) {
          break;
        }
        try {
          results.add(completions.take().get());
        } catch (ExecutionException e) {
          // Report the cell that failed, not the ones stopped because of it.
          if (failure == null || failure instanceof CancellationException) {
            failure = e.getCause();
          }
        } catch (InterruptedException e) {
          stop.set(true);
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for a cell", e);
        }
        inProgress--;
      }
      if (failure instanceof IOException io) {
        throw io;
      }
      if (failure instanceof RuntimeException re) {
        throw re;
      }
      if (failure instanceof Error err) {
        throw err;
      }
      return results;
    } finally {
      stop.set(true);
      pool.shutdown();
    }
  }

  /** A listener whose calls, from any thread, never overlap. */
  private static SweepListener synchronizedListener(SweepListener l) {
    return new SweepListener() {
      @Override
      public synchronized void sweepStarted(SweepPlan plan) {
        l.sweepStarted(plan);
      }

      @Override
      public synchronized void cellStarted(Cell cell, int index) {
        l.cellStarted(cell, index);
      }

      @Override
      public synchronized void stepCompleted(Cell cell, int step, double loss) {
        l.stepCompleted(cell, step, loss);
      }

      @Override
      public synchronized void measured(Measurement m) {
        l.measured(m);
      }

      @Override
      public synchronized void cellFinished(CellResult r) {
        l.cellFinished(r);
      }

      @Override
      public synchronized void sweepFinished(SweepResult r) {
        l.sweepFinished(r);
      }
    };
  }

  /**
   * Runs the range-based estimators over the snapshots, appends their rows, adds their estimates to
   * the cell results, and deletes the snapshots if the user did not ask to keep them.
   */
  private void runAfterwards(RunDirectory run, List<MutualInformationEstimator> estimators,
      List<CellResult> results, boolean keepSnapshots) throws IOException {
    Map<String, List<LayerEstimate>> extra = new LinkedHashMap<>();
    Map<String, Map<String, double[]>> ranges = SnapshotAnalysis.run(run.directory(), estimators,
        m -> {
          run.append(m);
          extra.computeIfAbsent(m.cell().width() + "," + m.cell().seed() + "," + m.step(),
              k -> new ArrayList<>()).addAll(m.estimates());
        });
    for (Map.Entry<String, Map<String, double[]>> e : ranges.entrySet()) {
      run.recordRanges(e.getKey(), e.getValue());
    }
    for (int i = 0; i < results.size(); i++) {
      CellResult r = results.get(i);
      List<Measurement> merged = new ArrayList<>();
      for (Measurement m : r.measurements()) {
        List<LayerEstimate> more = extra.get(r.cell().width() + "," + r.cell().seed() + "," + m.step());
        if (more == null) {
          merged.add(m);
        } else {
          List<LayerEstimate> all = new ArrayList<>(m.estimates());
          all.addAll(more);
          merged.add(new Measurement(m.cell(), m.step(), m.epoch(), m.trainLoss(), m.testLoss(),
              m.testAccuracy(), all));
        }
      }
      results.set(i, new CellResult(r.cell(), merged, r.trainingSeconds(), r.evaluationSeconds(),
          r.estimatorSeconds()));
    }
    if (!keepSnapshots) {
      deleteRecursively(run.directory().resolve(Snapshots.DIRECTORY));
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (var paths = java.nio.file.Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        java.nio.file.Files.delete(p);
      }
    }
  }

  private CellResult runCell(Cell cell, SweepPlan plan, int[] measured, MiniBatches batches,
      Evaluator evaluator, List<MutualInformationEstimator> estimators, RunDirectory run,
      Snapshots store, CoreShare cores, AtomicBoolean stop, SweepListener listener) {
    LabelledData test = evaluator.data();
    MlpArchitecture arch = config.architecture(test.numFeatures(), test.numClasses(), cell.width());
    Mlp model = Mlp.initialize(arch, config.init(), cell.initSeed(), DataType.FLOAT);
    Trainer trainer = new Trainer(model, config.optimizer());
    BatchOrder order = new BatchOrder(data.train().size(), config.batchSize(), cell.orderSeed());
    int[] labels = test.labels();
    List<Measurement> measurements = new ArrayList<>();
    Map<String, Double> estimatorSeconds = new LinkedHashMap<>();
    estimators.forEach(e -> estimatorSeconds.put(e.spec().toString(), 0.0));
    long[] trainingNanos = {0};
    long[] evaluationNanos = {0};

    TrainingLoop.Callback callback = new TrainingLoop.Callback() {
      double lossSum;
      int lossCount;
      long stepStart = System.nanoTime();

      @Override
      public void afterStep(int step, double[] losses) {
        long now = System.nanoTime();
        trainingNanos[0] += now - stepStart;
        lossSum += losses[0];
        lossCount++;
        if (stop.get()) {
          throw new CancellationException("another cell failed");
        }
        listener.stepCompleted(cell, step, losses[0]);
        cores.endOfStep(step);
        stepStart = System.nanoTime();
      }

      @Override
      public void measure(int step) {
        double epoch = step / (double) plan.stepsPerEpoch();
        long t0 = System.nanoTime();
        Evaluation eval = evaluator.evaluate(model);
        evaluationNanos[0] += System.nanoTime() - t0;
        List<LayerEstimate> estimates = new ArrayList<>();
        List<INDArray> layers = new ArrayList<>(eval.hiddenActivations());
        if (config.measureOutputLayer()) {
          layers.add(eval.logits());
        }
        for (int l = 0; l < layers.size(); l++) {
          String layer = l < eval.hiddenActivations().size() ? "hidden" + (l + 1) : "output";
          LayerSample sample = LayerSample.of(layer, layers.get(l), labels, test.numClasses(),
              test.features());
          if (store != null) {
            try {
              store.write(cell.width(), cell.seed(), step, epoch, layer, sample.activationsAsFloats(),
                  sample.size(), sample.width());
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }
          for (MutualInformationEstimator estimator : estimators) {
            long e0 = System.nanoTime();
            for (InformationEstimate estimate : estimate(estimator, sample, cell, step)) {
              estimates.add(new LayerEstimate(layer, arch.fanOut(l), estimate));
            }
            estimatorSeconds.merge(estimator.spec().toString(), (System.nanoTime() - e0) / 1e9,
                Double::sum);
          }
        }
        double trainLoss = lossCount == 0 ? Double.NaN : lossSum / lossCount;
        lossSum = 0;
        lossCount = 0;
        Measurement m = new Measurement(cell, step, epoch, trainLoss, eval.loss(), eval.accuracy(),
            estimates);
        measurements.add(m);
        if (run != null) {
          try {
            run.append(m);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
        listener.measured(m);
        stepStart = System.nanoTime();
      }
    };
    try {
      TrainingLoop.run(batches, order, config.epochs(), List.of(trainer), measured, callback);
    } catch (DivergenceException e) {
      throw e.withContext(cell.toString());
    }
    CellResult result = new CellResult(cell, measurements, trainingNanos[0] / 1e9,
        evaluationNanos[0] / 1e9, estimatorSeconds);
    LOG.debug("{}: training {} s, evaluation {} s, estimation {} s", cell,
        result.trainingSeconds(), result.evaluationSeconds(), result.estimationSeconds());
    return result;
  }

  private static List<InformationEstimate> estimate(
      MutualInformationEstimator estimator, LayerSample sample, Cell cell, int step) {
    try {
      return estimator.estimateAll(sample);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("estimator " + estimator.spec() + " failed on layer "
          + sample.layer() + " (" + cell + ", step " + step + "): " + e.getMessage(), e);
    }
  }
}
