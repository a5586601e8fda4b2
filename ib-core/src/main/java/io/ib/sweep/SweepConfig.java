package io.ib.sweep;

import io.ib.info.MutualInformationEstimator;
import io.ib.info.RangeBasedEstimator;
import io.ib.info.binning.DigitizeBinning;
import io.ib.info.binning.FixedWidthBinning;
import io.ib.info.kernel.KernelBound;
import io.ib.info.kernel.KernelEstimator;
import io.ib.info.noise.SamplePropagationEstimator;
import io.ib.info.perunit.PerUnitEstimator;
import io.ib.nn.Activation;
import io.ib.nn.MlpArchitecture;
import io.ib.nn.Quantization;
import io.ib.nn.WeightInit;
import io.ib.optim.AdamSettings;
import io.ib.optim.OptimizerSettings;
import io.ib.train.MeasurementSchedule;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What a capacity sweep runs: immutable and validated on construction. Start from a preset
 * ({@link #notebook()}, {@link #shwartzZivTishby2017()}, {@link #saxe2018}) and change what you need
 * with the {@code with...} methods; the presets are the only home of their defaults.
 *
 * <p>The network of a cell with bottleneck width k is inputSize -&gt; {@code hiddenBeforeBottleneck}
 * -&gt; k -&gt; numClasses, with {@code activation} on every hidden layer; the input size and number of
 * classes come from the dataset.
 *
 * <p>Checked here: every value on its own and the sweep's size (at most {@value #MAX_CELLS} cells, at
 * most {@link MeasurementSchedule#MAX_POINTS} measurement points, layers that fit one array). What
 * depends on the data (steps, memory) is checked when the sweep starts.
 *
 * @param widths bottleneck widths k to sweep, each &ge; 1, distinct
 * @param hiddenBeforeBottleneck widths of the hidden layers between input and bottleneck
 * @param seeds replicate seeds, distinct; each is mixed into per-cell seeds (see {@link Cell})
 * @param activation hidden-layer activation
 * @param init weight initialisation
 * @param epochs passes over the training set, &ge; 1
 * @param batchSize mini-batch size, &ge; 1; {@link #FULL_BATCH} (or any size &ge; the training set)
 *     trains on the whole training set at every step
 * @param shuffle visit the training samples in a new random order every epoch, or always in their
 *     own order
 * @param optimizer Adam or SGD and their settings
 * @param schedule when to measure
 * @param estimators the estimators applied to every measured layer at every measurement; no two
 *     may produce an estimate of the same spec (see {@link MutualInformationEstimator#memberSpecs})
 * @param outputLayer whether, and how, the output layer is measured besides the hidden layers
 * @param evaluateOn the samples that loss, accuracy and the information estimates are computed on
 * @param quantization quantization of every hidden layer's activations during training and
 *     measurement ({@link Quantization#NONE} for none); the softmax output, when measured, is
 *     quantized to the same number of levels over [0, 1]
 * @param noise standard deviation beta of the Gaussian noise added to every hidden layer's output
 *     after its activation, in training and in measurement (a noisy network, Goldfeld et al. 2019;
 *     see {@link io.ib.train.HiddenNoise} and {@link Cell#noiseSeed()}); 0 for none, which trains and
 *     measures exactly as a configuration without noise
 * @param dropout dropout on the last hidden layer (Bernoulli in training, or Gaussian in training
 *     and measurement; Adilova et al. 2023), or {@link Dropout#NONE}
 */
public record SweepConfig(
    List<Integer> widths,
    List<Integer> hiddenBeforeBottleneck,
    List<Long> seeds,
    Activation activation,
    WeightInit init,
    int epochs,
    int batchSize,
    boolean shuffle,
    OptimizerSettings optimizer,
    MeasurementSchedule schedule,
    List<MutualInformationEstimator> estimators,
    OutputLayer outputLayer,
    EvaluationSet evaluateOn,
    Quantization quantization,
    double noise,
    Dropout dropout) {

  /** The most cells (widths x seeds) one sweep may have. */
  public static final int MAX_CELLS = 100_000;

  /** A batch size meaning "the whole training set at every step" (full-batch gradient descent). */
  public static final int FULL_BATCH = Integer.MAX_VALUE;

  /** A configuration without quantization. */
  public SweepConfig(List<Integer> widths, List<Integer> hiddenBeforeBottleneck, List<Long> seeds,
      Activation activation, WeightInit init, int epochs, int batchSize, boolean shuffle,
      OptimizerSettings optimizer, MeasurementSchedule schedule,
      List<MutualInformationEstimator> estimators, OutputLayer outputLayer,
      EvaluationSet evaluateOn) {
    this(widths, hiddenBeforeBottleneck, seeds, activation, init, epochs, batchSize, shuffle,
        optimizer, schedule, estimators, outputLayer, evaluateOn, Quantization.NONE, 0,
        Dropout.NONE);
  }

  /** A configuration without noise. */
  public SweepConfig(List<Integer> widths, List<Integer> hiddenBeforeBottleneck, List<Long> seeds,
      Activation activation, WeightInit init, int epochs, int batchSize, boolean shuffle,
      OptimizerSettings optimizer, MeasurementSchedule schedule,
      List<MutualInformationEstimator> estimators, OutputLayer outputLayer,
      EvaluationSet evaluateOn, Quantization quantization) {
    this(widths, hiddenBeforeBottleneck, seeds, activation, init, epochs, batchSize, shuffle,
        optimizer, schedule, estimators, outputLayer, evaluateOn, quantization, 0, Dropout.NONE);
  }

  /** A configuration without dropout. */
  public SweepConfig(List<Integer> widths, List<Integer> hiddenBeforeBottleneck, List<Long> seeds,
      Activation activation, WeightInit init, int epochs, int batchSize, boolean shuffle,
      OptimizerSettings optimizer, MeasurementSchedule schedule,
      List<MutualInformationEstimator> estimators, OutputLayer outputLayer,
      EvaluationSet evaluateOn, Quantization quantization, double noise) {
    this(widths, hiddenBeforeBottleneck, seeds, activation, init, epochs, batchSize, shuffle,
        optimizer, schedule, estimators, outputLayer, evaluateOn, quantization, noise, Dropout.NONE);
  }

  public SweepConfig {
    widths = List.copyOf(widths);
    hiddenBeforeBottleneck = List.copyOf(hiddenBeforeBottleneck);
    seeds = List.copyOf(seeds);
    estimators = List.copyOf(estimators);
    Objects.requireNonNull(activation, "activation");
    Objects.requireNonNull(init, "init");
    Objects.requireNonNull(optimizer, "optimizer");
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(outputLayer, "outputLayer");
    Objects.requireNonNull(evaluateOn, "evaluateOn");
    Objects.requireNonNull(quantization, "quantization");
    ConfigChecks.check(widths, hiddenBeforeBottleneck, seeds, activation, epochs, batchSize,
        schedule, estimators, outputLayer, quantization);
    Objects.requireNonNull(dropout, "dropout");
    ConfigChecks.checkNoise(noise, quantization, estimators, outputLayer);
    ConfigChecks.checkDropout(dropout, noise, quantization, estimators, outputLayer);
  }

  /**
   * Checks that no two estimates of these estimators share a spec: each estimate may appear once in
   * the results.
   *
   * @throws IllegalArgumentException naming the estimate and the estimators that produce it
   */
  public static void requireDistinctEstimates(List<MutualInformationEstimator> estimators) {
    ConfigChecks.requireDistinctEstimates(estimators);
  }

  // ------------------------------------------------------------------ presets

  /**
   * The original notebook's setup: 784 -&gt; 256 -&gt; k -&gt; 10 for k in 5, 10, 20, 50, 100, ReLU,
   * PyTorch's default initialisation, Adam (lr 1e-3, PyTorch defaults), batch 256 reshuffled every
   * epoch, 10 epochs, one seed; measured on the test set at step 0, steps 10, 30, 100 and every epoch
   * end, with whole-layer binning of width {@value FixedWidthBinning#DEFAULT_WIDTH} and the notebook's
   * per-unit estimator.
   */
  public static SweepConfig notebook() {
    return new SweepConfig(List.of(5, 10, 20, 50, 100), List.of(256), List.of(1L), Activation.RELU,
        WeightInit.PYTORCH, 10, 256, true, AdamSettings.pytorchDefaults(1e-3),
        MeasurementSchedule.denseEarly(),
        List.of(new FixedWidthBinning(FixedWidthBinning.DEFAULT_WIDTH), PerUnitEstimator.notebook()),
        OutputLayer.NONE, EvaluationSet.TEST);
  }

  /**
   * Shwartz-Ziv &amp; Tishby (2017) as their IDNNs code runs it, for the 12-bit task: 12 -&gt; 10
   * -&gt; 7 -&gt; 5 -&gt; 4 -&gt; k -&gt; 2 with k = 3, tanh, weights truncated normal with standard
   * deviation 1/sqrt(fan-in) and zero biases, Adam (lr 4e-4), batches of 512 in the training samples'
   * own order, 8000 epochs, four seeds; measured on all samples at the start of 400 log-spaced epochs
   * (274 epochs), every hidden layer and the softmax output, with IDNNs' binning
   * ({@code digitize}: 30 edges over [-1, 1]). Their split (the first 80 % of the rows for
   * training) belongs to the data.
   */
  public static SweepConfig shwartzZivTishby2017() {
    return new SweepConfig(List.of(3), List.of(10, 7, 5, 4), List.of(1L, 2L, 3L, 4L),
        Activation.TANH, WeightInit.TRUNCATED_NORMAL, 8000, 512, false,
        AdamSettings.pytorchDefaults(4e-4), MeasurementSchedule.idnns(),
        List.of(DigitizeBinning.idnns()), OutputLayer.SOFTMAX, EvaluationSet.ALL);
  }

  /**
   * Saxe et al. (2018) as their ibsgd code runs it on the 12-bit task: the same 12-10-7-5-4-3-2
   * network with the given activation, hidden weights truncated normal with standard deviation
   * 1/sqrt(fan-out) and a Glorot-uniform output layer, Adam (lr 4e-4), batches of 256 reshuffled
   * every epoch, 10000 epochs, four seeds; measured on all samples at the end of 400 log-spaced epochs
   * (their code logs densely early and every 100 epochs late), every hidden layer and the softmax
   * output, with their estimators: binning of width 0.07 and the kernel upper bound at s2 = 1e-3,
   * and IDNNs' binning over [-1, 1], which clips ReLU values above 1 into one bin (the artifact their
   * paper points out). Their split (a random 80 %) belongs to the data.
   */
  public static SweepConfig saxe2018(Activation activation) {
    return new SweepConfig(List.of(3), List.of(10, 7, 5, 4), List.of(1L, 2L, 3L, 4L),
        activation, WeightInit.SAXE, 10000, 256, true, AdamSettings.pytorchDefaults(4e-4),
        MeasurementSchedule.idnns().withAnchor(MeasurementSchedule.Anchor.END),
        List.of(new FixedWidthBinning(0.07), KernelEstimator.of(KernelBound.UPPER, 1e-3),
            DigitizeBinning.idnns()),
        OutputLayer.SOFTMAX, EvaluationSet.ALL);
  }

  /**
   * Goldfeld et al. (ICML 2019, arXiv 1810.05728, Section 5: "noisy version of the SZT model") on
   * the 12-bit task: Shwartz-Ziv &amp; Tishby's 12-10-7-5-4-3-2 tanh network and training as
   * {@link #shwartzZivTishby2017()} runs it, with Gaussian noise of standard deviation
   * {@value #GOLDFELD_BETA} added to every hidden layer's output in training and measurement, and
   * measured on all samples with the sample-propagation estimator and IDNNs' binning of the noisy
   * layers. Their code is not public; what is the paper's and what is this library's choice is in
   * docs/papers.md. To run in minutes on two cores: one seed, {@value #GOLDFELD_EPOCHS} epochs,
   * 20 log-spaced measured epochs, {@value #GOLDFELD_DRAWS} propagations per input for the deeper
   * layers (the paper's longer runs: {@code withEpochs}, {@code withSeeds}).
   */
  public static SweepConfig goldfeld2019() {
    return shwartzZivTishby2017().withSeeds(1L).withEpochs(GOLDFELD_EPOCHS)
        .withSchedule(MeasurementSchedule.idnns()
            .withEpochs(MeasurementSchedule.EpochPoints.logSpaced(20)))
        .withOutputLayer(OutputLayer.NONE)
        .withNoise(GOLDFELD_BETA)
        .withEstimators(SamplePropagationEstimator.of(GOLDFELD_DRAWS,
            SamplePropagationEstimator.DEFAULT_SAMPLES), DigitizeBinning.idnns());
  }

  /** The noise of {@link #goldfeld2019()}: standard deviation 0.01 (see docs/papers.md). */
  public static final double GOLDFELD_BETA = 0.01;

  /** Propagations per input of {@link #goldfeld2019()}'s sp estimator (its cost grows with them). */
  public static final int GOLDFELD_DRAWS = 5;

  /** The epochs of {@link #goldfeld2019()}, short of the paper's runs. */
  public static final int GOLDFELD_EPOCHS = 1000;

  // ------------------------------------------------------------------ derived

  /** The architecture of the cell with bottleneck width {@code width} for the given data shape. */
  public MlpArchitecture architecture(int inputSize, int numClasses, int width) {
    List<Integer> hidden = new ArrayList<>(hiddenBeforeBottleneck);
    hidden.add(width);
    return new MlpArchitecture(inputSize, hidden, numClasses, activation, quantization);
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

  /** True if the output layer is measured (as logits, softmax probabilities, or both). */
  public boolean measureOutputLayer() {
    return outputLayer != OutputLayer.NONE;
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

  // ------------------------------------------------------------------ copies

  /** A copy with other bottleneck widths. */
  public SweepConfig withWidths(List<Integer> value) {
    return copy(b -> b.widths = value);
  }

  /** A copy with other bottleneck widths. */
  public SweepConfig withWidths(int... value) {
    return withWidths(java.util.Arrays.stream(value).boxed().toList());
  }

  /** A copy with other hidden layers before the bottleneck. */
  public SweepConfig withHiddenBeforeBottleneck(List<Integer> value) {
    return copy(b -> b.hidden = value);
  }

  /** A copy with other hidden layers before the bottleneck. */
  public SweepConfig withHiddenBeforeBottleneck(int... value) {
    return withHiddenBeforeBottleneck(java.util.Arrays.stream(value).boxed().toList());
  }

  /**
   * A copy with other seeds, given as any integral numbers ({@code List.of(1, 2)} works).
   *
   * @throws IllegalArgumentException if a value is not an integer
   */
  public SweepConfig withSeeds(List<? extends Number> value) {
    List<Long> longs = new ArrayList<>();
    for (Number n : value) {
      longs.add(integral(Objects.requireNonNull(n, "seed")));
    }
    return copy(b -> b.seeds = longs);
  }

  /** A copy with other seeds. */
  public SweepConfig withSeeds(long... value) {
    List<Long> longs = new ArrayList<>();
    for (long s : value) {
      longs.add(s);
    }
    return withSeeds(longs);
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

  public SweepConfig withActivation(Activation value) {
    return copy(b -> b.activation = value);
  }

  public SweepConfig withInit(WeightInit value) {
    return copy(b -> b.init = value);
  }

  public SweepConfig withEpochs(int value) {
    return copy(b -> b.epochs = value);
  }

  /** A copy with another batch size ({@link #FULL_BATCH} for full-batch training). */
  public SweepConfig withBatchSize(int value) {
    return copy(b -> b.batchSize = value);
  }

  /** A copy that visits the training samples in a new order every epoch (true) or in theirs. */
  public SweepConfig withShuffle(boolean value) {
    return copy(b -> b.shuffle = value);
  }

  public SweepConfig withOptimizer(OptimizerSettings value) {
    return copy(b -> b.optimizer = value);
  }

  /** A copy with another learning rate (other optimiser settings kept). */
  public SweepConfig withLearningRate(double value) {
    return withOptimizer(optimizer.withLearningRate(value));
  }

  public SweepConfig withSchedule(MeasurementSchedule value) {
    return copy(b -> b.schedule = value);
  }

  public SweepConfig withEstimators(List<MutualInformationEstimator> value) {
    return copy(b -> b.estimators = value);
  }

  /** A copy with other estimators. */
  public SweepConfig withEstimators(MutualInformationEstimator... value) {
    return withEstimators(List.of(value));
  }

  /** A copy that measures the output layer as logits too (true), or only the hidden layers. */
  public SweepConfig withMeasureOutputLayer(boolean value) {
    return withOutputLayer(value ? OutputLayer.LOGITS : OutputLayer.NONE);
  }

  public SweepConfig withOutputLayer(OutputLayer value) {
    return copy(b -> b.outputLayer = value);
  }

  public SweepConfig withEvaluateOn(EvaluationSet value) {
    return copy(b -> b.evaluateOn = value);
  }

  /** A copy whose hidden activations are quantized by {@code value} ({@link Quantization#NONE}: not). */
  public SweepConfig withQuantization(Quantization value) {
    return copy(b -> b.quantization = value);
  }

  /**
   * A copy whose hidden activations are quantized to 2^bits levels over the fixed range of its
   * activation ({@link Quantization#of}); 0 bits for no quantization. Set the activation first.
   *
   * @throws IllegalArgumentException for a linear activation (give a range with
   *     {@link #withQuantization}) or bits outside [0, {@value Quantization#MAX_BITS}]
   */
  public SweepConfig withQuantizeBits(int bits) {
    return withQuantization(bits == 0 ? Quantization.NONE : Quantization.of(bits, activation));
  }

  /**
   * A copy whose hidden layers add Gaussian noise of standard deviation {@code beta} (0: none).
   *
   * @throws IllegalArgumentException if beta is negative or not finite, or the network is quantized
   */
  public SweepConfig withNoise(double beta) {
    return copy(b -> b.noise = beta);
  }

  /**
   * A copy with this dropout on the last hidden layer ({@link Dropout#NONE}: none).
   *
   * @throws IllegalArgumentException if the network is also noisy or quantized
   */
  public SweepConfig withDropout(Dropout dropout) {
    return copy(b -> b.dropout = dropout);
  }

  /** True if the hidden layers are noisy (noise &gt; 0). */
  public boolean noisy() {
    return noise > 0;
  }

  /** The fields as mutable values, for the copies. */
  private static final class Builder {
    List<Integer> widths;
    List<Integer> hidden;
    List<Long> seeds;
    Activation activation;
    WeightInit init;
    int epochs;
    int batchSize;
    boolean shuffle;
    OptimizerSettings optimizer;
    MeasurementSchedule schedule;
    List<MutualInformationEstimator> estimators;
    OutputLayer outputLayer;
    EvaluationSet evaluateOn;
    Quantization quantization;
    double noise;
    Dropout dropout;
  }

  private SweepConfig copy(Consumer<Builder> change) {
    Builder b = new Builder();
    b.widths = widths;
    b.hidden = hiddenBeforeBottleneck;
    b.seeds = seeds;
    b.activation = activation;
    b.init = init;
    b.epochs = epochs;
    b.batchSize = batchSize;
    b.shuffle = shuffle;
    b.optimizer = optimizer;
    b.schedule = schedule;
    b.estimators = estimators;
    b.outputLayer = outputLayer;
    b.evaluateOn = evaluateOn;
    b.quantization = quantization;
    b.noise = noise;
    b.dropout = dropout;
    change.accept(b);
    return new SweepConfig(b.widths, b.hidden, b.seeds, b.activation, b.init, b.epochs,
        b.batchSize, b.shuffle, b.optimizer, b.schedule, b.estimators, b.outputLayer, b.evaluateOn,
        b.quantization, b.noise, b.dropout);
  }
}
