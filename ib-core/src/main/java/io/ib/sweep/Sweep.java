package io.ib.sweep;

import io.ib.data.Dataset;
import io.ib.data.LabelledData;
import io.ib.info.InformationEstimate;
import io.ib.info.LayerSample;
import io.ib.info.MutualInformationEstimator;
import io.ib.io.RunDirectory;
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
 * <p>Cells run one after another. Each trains a fresh network from its own seed on the training set and
 * is measured on the whole evaluation (test) set at the scheduled steps: loss, accuracy, and every
 * estimator on every hidden layer. With an output directory, each measurement is on disk before the
 * listener hears of it.
 */
public final class Sweep {
  private static final Logger LOG = LoggerFactory.getLogger(Sweep.class);

  private final SweepConfig config;
  private Dataset data;
  private Path outputDirectory;
  private SweepListener listener = new SweepListener() {};
  private List<String> commandLine = List.of();

  Sweep(SweepConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** The data to train on (its train part) and to measure on (its test part). */
  public Sweep on(Dataset dataset) {
    this.data = Objects.requireNonNull(dataset, "dataset");
    return this;
  }

  /** Writes {@code sweep.json} and {@code measurements.csv} into this directory (created if needed). */
  public Sweep writeTo(Path directory) {
    this.outputDirectory = Objects.requireNonNull(directory, "directory");
    return this;
  }

  /** Receives progress. */
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
    SweepPlan plan = new SweepPlan(config.cells(), shape.stepsPerEpoch(),
        shape.stepsPerEpoch() * config.epochs(), Arrays.stream(measured).boxed().toList(),
        data.test().size());

    OpExecutioner.ProfilingMode previousMode = Nd4j.getExecutioner().getProfilingMode();
    Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.DISABLED);
    Instant started = Instant.now();
    RunDirectory run = outputDirectory == null ? null
        : RunDirectory.create(outputDirectory, config, data, Provenance.capture(commandLine), started);
    try {
      listener.sweepStarted(plan);
      MiniBatches batches = new MiniBatches(train, DataType.FLOAT);
      Evaluator evaluator = new Evaluator(data.test());
      List<CellResult> results = new ArrayList<>();
      for (int i = 0; i < plan.cells().size(); i++) {
        Cell cell = plan.cells().get(i);
        listener.cellStarted(cell, i);
        CellResult result = runCell(cell, plan, measured, batches, evaluator, run);
        results.add(result);
        if (run != null) {
          run.cellFinished(result);
        }
        listener.cellFinished(result);
      }
      Instant finished = Instant.now();
      if (run != null) {
        run.finished(finished);
      }
      SweepResult result = new SweepResult(config, results, Optional.ofNullable(outputDirectory),
          started, finished);
      listener.sweepFinished(result);
      return result;
    } catch (RuntimeException | IOException e) {
      if (run != null) {
        try {
          run.failed(Instant.now(), String.valueOf(e.getMessage()));
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    } finally {
      if (run != null) {
        run.close();
      }
      Nd4j.getExecutioner().setProfilingMode(previousMode);
    }
  }

  private CellResult runCell(Cell cell, SweepPlan plan, int[] measured, MiniBatches batches,
      Evaluator evaluator, RunDirectory run) {
    LabelledData test = evaluator.data();
    MlpArchitecture arch = config.architecture(test.numFeatures(), test.numClasses(), cell.width());
    Mlp model = Mlp.initialize(arch, config.init(), cell.initSeed(), DataType.FLOAT);
    Trainer trainer = new Trainer(model, config.optimizer());
    BatchOrder order = new BatchOrder(data.train().size(), config.batchSize(), cell.orderSeed());
    int[] labels = test.labels();
    List<Measurement> measurements = new ArrayList<>();
    Map<String, Double> estimatorSeconds = new LinkedHashMap<>();
    config.estimators().forEach(e -> estimatorSeconds.put(e.spec().toString(), 0.0));
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
        listener.stepCompleted(cell, step, losses[0]);
        stepStart = System.nanoTime();
      }

      @Override
      public void measure(int step) {
        long t0 = System.nanoTime();
        Evaluation eval = evaluator.evaluate(model);
        evaluationNanos[0] += System.nanoTime() - t0;
        List<LayerEstimate> estimates = new ArrayList<>();
        List<INDArray> hidden = eval.hiddenActivations();
        for (int l = 0; l < hidden.size(); l++) {
          String layer = "hidden" + (l + 1);
          LayerSample sample = LayerSample.of(layer, hidden.get(l), labels, test.numClasses(),
              test.features());
          for (MutualInformationEstimator estimator : config.estimators()) {
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
        Measurement m = new Measurement(cell, step, step / (double) plan.stepsPerEpoch(), trainLoss,
            eval.loss(), eval.accuracy(), estimates);
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
