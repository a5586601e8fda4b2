package io.ib.sweep;

import io.ib.info.MutualInformationEstimator;
import io.ib.nn.Mlp;
import io.ib.nn.MlpArchitecture;
import io.ib.train.BatchOrder;
import io.ib.train.DivergenceException;
import io.ib.train.HiddenNoise;
import io.ib.train.Trainer;
import io.ib.train.TrainingLoop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * One cell of a sweep, trained and measured: a fresh network from the cell's seed, trained on the
 * training set in the cell's batch order, measured at the scheduled steps; each measurement is
 * recorded in the store before the listener hears of it.
 */
final class CellRun {
  /** Called after every step of a cell that holds a core (see {@link CoreShare#endOfStep}). */
  interface Turns {
    void endOfStep(int step);
  }

  private final SweepConfig config;
  private final SweepPlan plan;
  private final TrainingLoop loop;
  private final MeasurementStep measuring;
  private final RunStore store;
  private final SweepListener listener;
  private final Turns turns;
  private final BooleanSupplier stopped;

  /**
   * @param stopped true once the sweep is stopping (another cell failed): the cell gives up at its
   *     next step
   */
  CellRun(SweepConfig config, SweepPlan plan, TrainingLoop loop, MeasurementStep measuring,
      RunStore store, SweepListener listener, Turns turns, BooleanSupplier stopped) {
    this.config = config;
    this.plan = plan;
    this.loop = loop;
    this.measuring = measuring;
    this.store = store;
    this.listener = listener;
    this.turns = turns;
    this.stopped = stopped;
  }

  /**
   * Trains and measures one cell.
   *
   * @throws DivergenceException if training or evaluation diverges (with the cell named)
   * @throws IOException if a measurement cannot be recorded
   * @throws CancellationException if the sweep stopped meanwhile
   */
  CellResult run(Cell cell) throws IOException {
    MlpArchitecture arch = config.architecture(loop.data().numFeatures(), loop.data().numClasses(),
        cell.width());
    Trainer trainer = new Trainer(Mlp.initialize(arch, config.init(), cell.initSeed(),
        DataType.FLOAT), config.optimizer(), new HiddenNoise(config.noise(), cell.noiseSeed()),
        config.dropout().withSeed(cell.dropoutSeed()));
    BatchOrder order = new BatchOrder(loop.data().size(), config.batchSize(), cell.orderSeed(),
        config.shuffle());
    List<Measurement> measurements = new ArrayList<>();
    CellClock clock = new CellClock(
        config.onlineEstimators().stream().map(MutualInformationEstimator::spec).toList());
    int[] measured = plan.measuredSteps().stream().mapToInt(Integer::intValue).toArray();

    TrainingLoop.Callback callback = new TrainingLoop.Callback() {
      double lossSum;
      int lossCount;
      long stepStart = System.nanoTime();

      @Override
      public void afterStep(int step, double[] losses) {
        clock.trained(System.nanoTime() - stepStart);
        lossSum += losses[0];
        lossCount++;
        if (stopped.getAsBoolean()) {
          throw new CancellationException("another cell failed");
        }
        listener.stepCompleted(cell, step, losses[0]);
        turns.endOfStep(step);
        stepStart = System.nanoTime();
      }

      @Override
      public void measure(int step) {
        double trainLoss = lossCount == 0 ? Double.NaN : lossSum / lossCount;
        lossSum = 0;
        lossCount = 0;
        try {
          Measurement m = measuring.measure(trainer.model(), cell, step,
              step / (double) plan.stepsPerEpoch(), trainLoss, clock);
          measurements.add(m);
          store.measured(m);
          listener.measured(m);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        stepStart = System.nanoTime();
      }
    };
    try {
      loop.run(order, config.epochs(), List.of(trainer), measured, callback);
    } catch (DivergenceException e) {
      throw e.withContext(cell.toString());
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return clock.result(cell, measurements);
  }
}
