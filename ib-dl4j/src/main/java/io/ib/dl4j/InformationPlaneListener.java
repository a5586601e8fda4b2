package io.ib.dl4j;

import io.ib.run.RecordedLayer;
import io.ib.run.RecordedNetwork;
import io.ib.run.RecordedPoint;
import io.ib.run.RecordedRunWriter;
import io.ib.sweep.ActivationMatrix;
import io.ib.sweep.Cell;
import io.ib.train.MeasurementSchedule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * Measures a DL4J {@link MultiLayerNetwork} (or a one-input {@link ComputationGraph}) while it
 * trains: at each step of ib's measurement schedule it feeds the evaluation set through the network
 * in test mode, takes every layer's activations ({@link LayerActivations}), the evaluation loss and
 * accuracy and the training score, and records them as one cell of an ib run
 * ({@link RecordedRunWriter}, which runs the estimators and writes the measurements). Measuring
 * does not change training: no random numbers are drawn and the network's state is put back.
 *
 * <pre>{@code
 * InformationPlaneListener listener = InformationPlaneListener.builder(run, cell, evaluation)
 *     .schedule(MeasurementSchedule.denseEarly(), stepsPerEpoch, epochs)
 *     .start(net);            // starts the cell; measures the untrained network if scheduled
 * net.setListeners(listener);
 * net.fit(trainIterator, epochs);   // the cell is finished at its last scheduled step
 * }</pre>
 *
 * <p>Steps are counted from the start: step s is the network after s optimiser updates since
 * {@link Builder#start}; DL4J's {@code iterationDone} after update s measures step s. The training
 * loss recorded is the network's {@code score()} there: the last mini-batch's loss plus any
 * regularisation terms. The cell is finished (its results final) when its last scheduled step has
 * been measured, or by {@link #finish()} when training ends earlier.
 */
public final class InformationPlaneListener extends BaseTrainingListener {
  /** Evaluation rows fed through the network at once unless {@link Builder#batchSize} says. */
  public static final int DEFAULT_BATCH_SIZE = 500;
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private final RecordedRunWriter run;
  private final Cell cell;
  private final MeasuredModel model;
  private final EvaluationSamples evaluation;
  private final int[] steps;
  private final int stepsPerEpoch;
  private final int batchSize;
  private final boolean hasOutput;
  private final boolean softmaxCrossEntropy;
  private final int firstIteration;
  private int next;
  private boolean finished;
  private MeasurementCost cost = MeasurementCost.NONE;

  private InformationPlaneListener(Builder b, MeasuredModel model, List<RecordedLayer> layers) {
    this.run = b.run;
    this.cell = b.cell;
    this.model = model;
    this.evaluation = b.evaluation;
    this.steps = b.schedule.resolve(b.stepsPerEpoch, b.epochs);
    this.stepsPerEpoch = b.stepsPerEpoch;
    this.batchSize = b.batchSize;
    this.hasOutput = layers.get(layers.size() - 1).output();
    Layer last = model.layers().get(model.layers().size() - 1);
    this.softmaxCrossEntropy = last instanceof BaseOutputLayer o
        && o.getActivationFn() instanceof ActivationSoftmax && o.getLossFn() instanceof LossMCXENT;
    this.firstIteration = model.iterationCount();
  }

  /**
   * Starts describing a listener.
   *
   * @param run the run the cell is recorded in; its settings' labels must be the evaluation set's
   *     ({@link EvaluationSamples#writerSettings})
   * @param cell the cell: its width is the capacity being varied (e.g. channels), its seed the
   *     replicate
   * @param evaluation the samples every measurement feeds through the network
   */
  public static Builder builder(RecordedRunWriter run, Cell cell, EvaluationSamples evaluation) {
    return new Builder(run, cell, evaluation);
  }

  /** Settings of a listener; {@link #start} makes it. */
  public static final class Builder {
    private final RecordedRunWriter run;
    private final Cell cell;
    private final EvaluationSamples evaluation;
    private MeasurementSchedule schedule = MeasurementSchedule.denseEarly();
    private int stepsPerEpoch = -1;
    private int epochs = -1;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private String description;

    private Builder(RecordedRunWriter run, Cell cell, EvaluationSamples evaluation) {
      this.run = Objects.requireNonNull(run, "run");
      this.cell = Objects.requireNonNull(cell, "cell");
      this.evaluation = Objects.requireNonNull(evaluation, "evaluation");
    }

    /**
     * When to measure (required): ib's schedule, resolved for a training of {@code epochs} epochs of
     * {@code stepsPerEpoch} optimiser steps ({@link MeasurementSchedule#resolve}).
     */
    public Builder schedule(MeasurementSchedule value, int stepsPerEpoch, int epochs) {
      this.schedule = Objects.requireNonNull(value, "schedule");
      if (stepsPerEpoch < 1 || epochs < 1) {
        throw new IllegalArgumentException("steps per epoch and epochs must be at least 1, got "
            + stepsPerEpoch + " and " + epochs);
      }
      this.stepsPerEpoch = stepsPerEpoch;
      this.epochs = epochs;
      return this;
    }

    /** Evaluation rows fed through the network at once ({@value #DEFAULT_BATCH_SIZE} by default). */
    public Builder batchSize(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("the measuring batch size must be at least 1, got " + value);
      }
      this.batchSize = value;
      return this;
    }

    /** One line saying what the network is, e.g. {@code LeNet-5, 8 channels (DL4J)}. */
    public Builder description(String value) {
      this.description = Objects.requireNonNull(value, "description");
      return this;
    }

    /**
     * Starts the cell in the run with this network's layers, measures step 0 if the schedule has it,
     * and returns the listener to add to the network.
     *
     * @param model a {@link MultiLayerNetwork} or a {@link ComputationGraph} with one input
     * @throws IllegalArgumentException if no schedule was given, the model is of another kind or
     *     cannot take the evaluation samples, or its output layer's width is not the number of
     *     classes
     * @throws UncheckedIOException if the run cannot be written
     */
    public InformationPlaneListener start(Model model) {
      MeasuredModel measured = LayerActivations.modelOf(model);
      if (stepsPerEpoch < 0) {
        throw new IllegalArgumentException("the listener needs a schedule: call schedule(schedule,"
            + " stepsPerEpoch, epochs) before start");
      }
      List<RecordedLayer> layers = LayerActivations.describe(measured, evaluation.features());
      RecordedLayer last = layers.get(layers.size() - 1);
      if (last.output() && last.width() != evaluation.numClasses()) {
        throw new IllegalArgumentException("the output layer " + last.name() + " has "
            + last.width() + " units but the evaluation set has " + evaluation.numClasses()
            + " classes");
      }
      InformationPlaneListener listener = new InformationPlaneListener(this, measured, layers);
      String text = description != null ? description
          : "DL4J " + model.getClass().getSimpleName() + " of " + layers.size() + " layers";
      try {
        run.startCell(cell, new RecordedNetwork(text, layers));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      listener.measureDue(0, OptionalDouble.empty());
      return listener;
    }
  }

  /** Measures when DL4J's update {@code iteration + 1} is a scheduled step. */
  @Override
  public void iterationDone(Model trained, int iteration, int epoch) {
    if (trained != model.model()) {
      throw new IllegalStateException("this listener measures the network it was started with;"
          + " give each network its own listener");
    }
    double score = trained.score();
    measureDue(iteration + 1 - firstIteration, OptionalDouble.of(score));
  }

  private void measureDue(int step, OptionalDouble trainLoss) {
    if (finished || next >= steps.length || step != steps[next]) {
      return;
    }
    long t0 = System.nanoTime();
    long c0 = CPU.getCurrentThreadCpuTime();
    List<ActivationMatrix> acts = LayerActivations.measure(model, evaluation.features(), batchSize);
    long t1 = System.nanoTime();
    long c1 = CPU.getCurrentThreadCpuTime();
    OptionalDouble loss = OptionalDouble.empty();
    OptionalDouble accuracy = OptionalDouble.empty();
    if (hasOutput) {
      OutputFigures figures = OutputFigures.of(acts.get(acts.size() - 1), evaluation.labels(),
          softmaxCrossEntropy);
      loss = figures.loss();
      accuracy = OptionalDouble.of(figures.accuracy());
    }
    try {
      run.record(cell, new RecordedPoint(step, step / (double) stepsPerEpoch, acts, trainLoss, loss,
          accuracy));
      long t2 = System.nanoTime();
      long c2 = CPU.getCurrentThreadCpuTime();
      cost = cost.plus(new MeasurementCost(1, t1 - t0, t2 - t1, c1 - c0, c2 - c1));
      next++;
      if (next == steps.length) {
        finish();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Finishes the cell now (its results become final) if it is not finished yet: for a training
   * that ends before the last scheduled step. Further iterations are not measured.
   *
   * @throws UncheckedIOException if the run cannot be written
   */
  public void finish() {
    if (finished) {
      return;
    }
    finished = true;
    try {
      run.finishCell(cell);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** True once the cell is finished. */
  public boolean finished() {
    return finished;
  }

  /** The scheduled steps (a copy). */
  public int[] scheduledSteps() {
    return steps.clone();
  }

  /** What measuring has cost so far. */
  public MeasurementCost cost() {
    return cost;
  }

  @Override
  public String toString() {
    return "InformationPlaneListener(" + cell + ", steps " + Arrays.toString(steps) + ")";
  }
}
