package io.ib.sweep;

import io.ib.info.EstimatorSpec;
import io.ib.info.MutualInformationEstimator;
import io.ib.info.RangeBasedEstimator;
import io.ib.info.binning.FixedWidthBinning;
import io.ib.info.perunit.PerUnitEstimator;
import io.ib.nn.Activation;
import io.ib.nn.MlpArchitecture;
import io.ib.nn.WeightInit;
import io.ib.optim.AdamSettings;
import io.ib.train.MeasurementSchedule;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a capacity sweep runs: immutable and validated on construction. Start from {@link #notebook()}
 * and change what you need with the {@code with...} methods.
 *
 * <p>The network of a cell with bottleneck width k is inputSize -&gt; {@code hiddenBeforeBottleneck}
 * -&gt; k -&gt; numClasses, with {@code activation} on every hidden layer; the input size and number of
 * classes come from the dataset.
 *
 * <p>Checked here: every value on its own and the sweep's size (at most {@value #MAX_CELLS} cells).
 * What depends on the data (steps, measurement points, memory) is checked when the sweep starts.
 *
 * @param widths bottleneck widths k to sweep, each &ge; 1, distinct
 * @param hiddenBeforeBottleneck widths of the hidden layers between input and bottleneck
 * @param seeds replicate seeds, distinct; each is mixed into per-cell seeds (see {@link Cell})
 * @param activation hidden-layer activation
 * @param init weight initialisation
 * @param epochs passes over the training set, &ge; 1
 * @param batchSize mini-batch size, &ge; 1
 * @param optimizer Adam settings
 * @param schedule when to measure
 * @param estimators the estimators applied to every measured layer at every measurement; no two
 *     may produce an estimate of the same spec (see {@link MutualInformationEstimator#memberSpecs})
 * @param measureOutputLayer also measure the output layer (the logits), besides every hidden layer
 */
public record SweepConfig(
    List<Integer> widths,
    List<Integer> hiddenBeforeBottleneck,
    List<Long> seeds,
    Activation activation,
    WeightInit init,
    int epochs,
    int batchSize,
    AdamSettings optimizer,
    MeasurementSchedule schedule,
    List<MutualInformationEstimator> estimators,
    boolean measureOutputLayer) {

  public SweepConfig {
    widths = List.copyOf(widths);
    hiddenBeforeBottleneck = List.copyOf(hiddenBeforeBottleneck);
    seeds = List.copyOf(seeds);
    estimators = List.copyOf(estimators);
    Objects.requireNonNull(activation, "activation");
    Objects.requireNonNull(init, "init");
    Objects.requireNonNull(optimizer, "optimizer");
    Objects.requireNonNull(schedule, "schedule");
    if (widths.isEmpty()) {
      throw new IllegalArgumentException("at least one bottleneck width is needed");
    }
    requirePositiveDistinct(widths, "bottleneck widths");
    for (int w : hiddenBeforeBottleneck) {
      if (w < 1) {
        throw new IllegalArgumentException("hidden widths must be at least 1, got " + hiddenBeforeBottleneck);
      }
    }
    if (seeds.isEmpty()) {
      throw new IllegalArgumentException("at least one seed is needed");
    }
    if ((long) widths.size() * seeds.size() > MAX_CELLS) {
      throw new IllegalArgumentException(widths.size() + " widths x " + seeds.size() + " seeds make "
          + (long) widths.size() * seeds.size() + " cells; a sweep has at most " + MAX_CELLS);
    }
    if (new HashSet<>(seeds).size() != seeds.size()) {
      throw new IllegalArgumentException("seeds must be distinct, got " + seeds);
    }
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
    }
    if (schedule.everyEpoch() && epochs > MeasurementSchedule.MAX_POINTS) {
      throw new IllegalArgumentException("measuring at the end of each of " + epochs + " epochs gives"
          + " more than " + MeasurementSchedule.MAX_POINTS + " measurement points");
    }
    // The smallest data (one input, two classes) already needs this many parameters.
    List<Integer> layers = new ArrayList<>(hiddenBeforeBottleneck);
    layers.add(java.util.Collections.max(widths));
    try {
      new MlpArchitecture(1, layers, 2, activation);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("hidden layers " + layers + " need more than "
          + MlpArchitecture.MAX_PARAMETERS + " parameters, the most a network may have: use"
          + " narrower layers", e);
    }
    requireDistinctEstimates(estimators);
  }

  /**
   * Checks that no two estimates of these estimators share a spec: each estimate may appear once in
   * the results.
   *
   * @throws IllegalArgumentException naming the estimate and the estimators that produce it
   */
  public static void requireDistinctEstimates(List<MutualInformationEstimator> estimators) {
    Map<String, String> producedBy = new HashMap<>();
    for (MutualInformationEstimator e : estimators) {
      for (EstimatorSpec member : e.memberSpecs()) {
        String earlier = producedBy.put(member.toString(), e.spec().toString());
        if (earlier != null) {
          String where = earlier.equals(e.spec().toString()) ? "twice by " + earlier
              : "by both " + earlier + " and " + e.spec();
          throw new IllegalArgumentException("estimator " + member + " is listed " + where
              + ": each estimate may appear once");
        }
      }
    }
  }

  /** The most cells (widths x seeds) one sweep may have. */
  public static final int MAX_CELLS = 100_000;

  /**
   * The original notebook's setup: 784 -&gt; 256 -&gt; k -&gt; 10 for k in 5, 10, 20, 50, 100, ReLU,
   * PyTorch's default initialisation, Adam (lr 1e-3, PyTorch defaults), batch 256, 10 epochs, one
   * seed; measured at step 0, steps 10, 30, 100 and every epoch end, with whole-layer binning of width
   * {@value FixedWidthBinning#DEFAULT_WIDTH} and the notebook's per-unit estimator.
   */
  public static SweepConfig notebook() {
    return new SweepConfig(List.of(5, 10, 20, 50, 100), List.of(256), List.of(1L), Activation.RELU,
        WeightInit.PYTORCH, 10, 256, AdamSettings.pytorchDefaults(1e-3),
        MeasurementSchedule.denseEarly(),
        List.of(new FixedWidthBinning(FixedWidthBinning.DEFAULT_WIDTH), PerUnitEstimator.notebook()),
        false);
  }

  /** The architecture of the cell with bottleneck width {@code width} for the given data shape. */
  public MlpArchitecture architecture(int inputSize, int numClasses, int width) {
    List<Integer> hidden = new ArrayList<>(hiddenBeforeBottleneck);
    hidden.add(width);
    return new MlpArchitecture(inputSize, hidden, numClasses, activation);
  }

  /** The cells in run order: every width for the first seed, then for the next seed, ... */
  public List<Cell> cells() {
    List<Cell> cells = new ArrayList<>();
    for (long seed : seeds) {
      for (int width : widths) {
        cells.add(new Cell(width, seed));
      }
    }
    return cells;
  }

  public SweepConfig withWidths(List<Integer> value) {
    return new SweepConfig(value, hiddenBeforeBottleneck, seeds, activation, init, epochs, batchSize,
        optimizer, schedule, estimators, measureOutputLayer);
  }

  public SweepConfig withHiddenBeforeBottleneck(List<Integer> value) {
    return new SweepConfig(widths, value, seeds, activation, init, epochs, batchSize, optimizer,
        schedule, estimators, measureOutputLayer);
  }

  /**
   * A copy with other seeds, given as any integral numbers ({@code List.of(1, 2)} works).
   *
   * @throws IllegalArgumentException if a value is not an integer
   */
  public SweepConfig withSeeds(List<? extends Number> value) {
    List<Long> seeds = new ArrayList<>();
    for (Number n : value) {
      seeds.add(integral(Objects.requireNonNull(n, "seed")));
    }
    return new SweepConfig(widths, hiddenBeforeBottleneck, seeds, activation, init, epochs,
        batchSize, optimizer, schedule, estimators, measureOutputLayer);
  }

  /** A copy with other seeds. */
  public SweepConfig withSeeds(long... value) {
    List<Long> seeds = new ArrayList<>();
    for (long s : value) {
      seeds.add(s);
    }
    return withSeeds(seeds);
  }

  private static long integral(Number n) {
    if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
      return n.longValue();
    }
    try {
      return new BigDecimal(n.toString()).longValueExact();
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException("seeds must be integers, got " + n);
    }
  }

  /** The estimators that run while the cells train, in configuration order. */
  public List<MutualInformationEstimator> onlineEstimators() {
    return estimators.stream().filter(e -> !(e instanceof RangeBasedEstimator)).toList();
  }

  /**
   * The estimators that compare every measurement on one range ({@link RangeBasedEstimator}): they
   * run over saved activations after the last cell, in configuration order.
   */
  public List<MutualInformationEstimator> deferredEstimators() {
    return estimators.stream().filter(e -> e instanceof RangeBasedEstimator).toList();
  }

  public SweepConfig withActivation(Activation value) {
    return new SweepConfig(widths, hiddenBeforeBottleneck, seeds, value, init, epochs, batchSize,
        optimizer, schedule, estimators, measureOutputLayer);
  }

  public SweepConfig withInit(WeightInit value) {
    return new SweepConfig(widths, hiddenBeforeBottleneck, seeds, activation, value, epochs, batchSize,
        optimizer, schedule, estimators, measureOutputLayer);
  }

  public SweepConfig withEpochs(int value) {
    return new SweepConfig(widths, hiddenBeforeBottleneck, seeds, activation, init, value, batchSize,
        optimizer, schedule, estimators, measureOutputLayer);
  }

  public SweepConfig withBatchSize(int value) {
    return new SweepConfig(widths, hiddenBeforeBottleneck, seeds, activation, init, epochs, value,
        optimizer, schedule, estimators, measureOutputLayer);
  }

  public SweepConfig withOptimizer(AdamSettings value) {
    return new SweepConfig(widths, hiddenBeforeBottleneck, seeds, activation, init, epochs, batchSize,
        value, schedule, estimators, measureOutputLayer);
  }

  /** A copy with another Adam learning rate (other Adam settings kept). */
  public SweepConfig withLearningRate(double value) {
    return withOptimizer(optimizer.withLearningRate(value));
  }

  public SweepConfig withSchedule(MeasurementSchedule value) {
    return new SweepConfig(widths, hiddenBeforeBottleneck, seeds, activation, init, epochs, batchSize,
        optimizer, value, estimators, measureOutputLayer);
  }

  public SweepConfig withEstimators(List<MutualInformationEstimator> value) {
    return new SweepConfig(widths, hiddenBeforeBottleneck, seeds, activation, init, epochs, batchSize,
        optimizer, schedule, value, measureOutputLayer);
  }

  public SweepConfig withMeasureOutputLayer(boolean value) {
    return new SweepConfig(widths, hiddenBeforeBottleneck, seeds, activation, init, epochs, batchSize,
        optimizer, schedule, estimators, value);
  }

  private static void requirePositiveDistinct(List<Integer> values, String what) {
    for (int v : values) {
      if (v < 1) {
        throw new IllegalArgumentException(what + " must be at least 1, got " + values);
      }
    }
    if (new HashSet<>(values).size() != values.size()) {
      throw new IllegalArgumentException(what + " must be distinct, got " + values);
    }
  }
}
