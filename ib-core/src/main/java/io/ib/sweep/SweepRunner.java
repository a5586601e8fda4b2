package io.ib.sweep;

import io.ib.data.Dataset;
import io.ib.info.EstimatorSpec;
import io.ib.info.Estimators;
import io.ib.info.MutualInformationEstimator;
import io.ib.train.Evaluator;
import io.ib.train.TrainingLoop;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the cells of a sweep that a store does not hold yet, then the estimators that compare every
 * measurement on one range, and completes the store. The facade {@code io.ib.InformationBottleneck}
 * sets it up; use that unless you bring your own {@link RunStore}.
 *
 * <p>Cells run one after another, or several at once on {@code parallelism} cores, where they take
 * turns (see {@link CoreShare}) so that a sweep finishes with all cores busy. The results do not
 * depend on it: every cell is computed exactly as alone, and the store puts them in cell order when the
 * sweep ends.
 */
public final class SweepRunner {
  private static final Logger LOG = LoggerFactory.getLogger(SweepRunner.class);

  private final SweepConfig config;
  private final Dataset data;
  private final RunStore store;
  private final SweepListener listener;
  private final int parallelism;

  /**
   * @param store where results go (see {@link #inMemory} for none)
   * @param listener receives progress; its calls never overlap
   * @param parallelism cores to use, at least 1
   */
  public SweepRunner(SweepConfig config, Dataset data, RunStore store, SweepListener listener,
      int parallelism) {
    this.config = Objects.requireNonNull(config, "config");
    this.data = Objects.requireNonNull(data, "data");
    this.store = Objects.requireNonNull(store, "store");
    this.listener = synchronizedListener(Objects.requireNonNull(listener, "listener"));
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
    }
    this.parallelism = parallelism;
  }

  /** A runner that keeps the results only in what {@link #run()} returns: nothing is written. */
  public static SweepRunner inMemory(SweepConfig config, Dataset data, SweepListener listener,
      int parallelism) {
    return new SweepRunner(config, data, NoStore.INSTANCE, listener, parallelism);
  }

  /**
   * Checks, before anything is written, that the configuration can run on the data: the schedule,
   * the step count, the memory a cell needs on {@code parallelism} cores, and an output directory for
   * estimators that run after the last cell.
   *
   * @param writesFiles whether the sweep has an output directory
   * @throws IllegalArgumentException naming what does not fit
   */
  public static void check(SweepConfig config, Dataset data, boolean writesFiles, int parallelism) {
    requireAvailableEstimators(config);
    SweepPlan.of(config, data, config.cells());
    List<MutualInformationEstimator> deferred = config.deferredEstimators();
    if (!deferred.isEmpty() && !writesFiles) {
      throw new IllegalArgumentException("estimator " + deferred.get(0).spec() + " compares every"
          + " measurement on one range, so it runs over saved activations after the last cell:"
          + " give the sweep an output directory");
    }
    MemoryNeed.check(config, data, Math.min(parallelism, config.cells().size()));
  }

  /**
   * Checks that every estimator of a configuration can compute: a configuration read back from a
   * run holds stand-ins for the estimators no provider on the class path makes.
   *
   * @throws IllegalArgumentException naming the first one that cannot, and what to do
   */
  public static void requireAvailableEstimators(SweepConfig config) {
    config.estimators().forEach(Estimators::requireAvailable);
  }

  /**
   * Runs every cell the store does not hold, then completes the store.
   *
   * @throws io.ib.train.DivergenceException if a cell's training or evaluation diverges (the store
   *     records the run as failed)
   * @throws IllegalArgumentException if the configuration does not fit the data, or an estimator
   *     rejects a layer
   * @throws IOException if results cannot be written
   */
  public SweepResult run() throws IOException {
    OpExecutioner.ProfilingMode previousMode = swapProfilingMode(OpExecutioner.ProfilingMode.DISABLED);
    Instant started = Instant.now();
    try {
      List<MutualInformationEstimator> deferred = config.deferredEstimators();
      List<CellResult> results = new ArrayList<>(store.finishedCells());
      List<Cell> remaining = new ArrayList<>(config.cells());
      results.forEach(r -> remaining.remove(r.cell()));
      SweepPlan plan = SweepPlan.of(config, data, remaining);
      for (String warning : plan.warnings()) {
        LOG.warn(warning);
        listener.warning(warning);
      }
      listener.sweepStarted(plan);
      boolean snapshots = store.keepsSnapshots() || !deferred.isEmpty();
      results.addAll(runCells(plan, snapshots));
      results.sort(Comparator.comparingInt(r -> config.cells().indexOf(r.cell())));

      List<Measurement> later = List.of();
      Map<EstimatorSpec, Map<Layer, ValueRange>> ranges = Map.of();
      if (!deferred.isEmpty()) {
        SnapshotAnalysis.Result analysis = SnapshotAnalysis.run(store.snapshots(), deferred, results,
            config.quantization());
        later = analysis.measurements();
        ranges = analysis.ranges();
        results = merge(results, later);
      }
      Instant finished = Instant.now();
      store.finished(finished, config.cells(), later, ranges);
      SweepResult result = new SweepResult(config, results, store.directory(), started, finished);
      listener.sweepFinished(result);
      return result;
    } catch (RuntimeException | IOException | Error e) {
      try {
        store.failed(Instant.now(), String.valueOf(e.getMessage()));
      } catch (IOException | RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    } finally {
      swapProfilingMode(previousMode);
    }
  }

  /** The results with each deferred measurement's estimates added to the measurement of its point. */
  static List<CellResult> merge(List<CellResult> results, List<Measurement> deferred) {
    Map<CellStep, List<LayerEstimate>> extra = new HashMap<>();
    for (Measurement m : deferred) {
      extra.computeIfAbsent(m.point(), k -> new ArrayList<>()).addAll(m.estimates());
    }
    List<CellResult> merged = new ArrayList<>();
    for (CellResult r : results) {
      List<Measurement> measurements = new ArrayList<>();
      for (Measurement m : r.measurements()) {
        List<LayerEstimate> more = extra.get(m.point());
        measurements.add(more == null ? m : m.withMoreEstimates(more));
      }
      merged.add(r.withMeasurements(measurements));
    }
    return merged;
  }

  /**
   * Trains the plan's cells on {@link #parallelism} cores (see {@link CoreShare}) and returns their
   * results in the order they finished.
   */
  private List<CellResult> runCells(SweepPlan plan, boolean snapshots) throws IOException {
    List<Cell> cells = plan.cells();
    if (cells.isEmpty()) {
      return List.of();
    }
    AtomicBoolean stop = new AtomicBoolean();
    TrainingLoop loop = TrainingLoop.over(data.train());
    // Evaluation buffers belong to one thread each; the prepared inputs are shared.
    Evaluator sharedEvaluator = new Evaluator(config.evaluateOn().of(data));
    ThreadLocal<MeasurementStep> measuring = ThreadLocal.withInitial(() -> new MeasurementStep(
        config, sharedEvaluator.forAnotherThread(), config.onlineEstimators(), store, snapshots));
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
              listener.cellStarted(cell, index);
              CellResult result = new CellRun(config, plan, loop, measuring.get(), store, listener,
                  cores::endOfStep, stop::get).run(cell);
              store.cellFinished(result);
              listener.cellFinished(result);
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
      public synchronized void warning(String message) {
        l.warning(message);
      }

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

  /** Sets ND4J's profiling mode and returns the one it replaces. */
  @SuppressWarnings("deprecation") // no replacement: setProfilingConfig does not set the mode op hooks check
  private static OpExecutioner.ProfilingMode swapProfilingMode(OpExecutioner.ProfilingMode mode) {
    OpExecutioner.ProfilingMode previous = Nd4j.getExecutioner().getProfilingMode();
    Nd4j.getExecutioner().setProfilingMode(mode);
    return previous;
  }
}
