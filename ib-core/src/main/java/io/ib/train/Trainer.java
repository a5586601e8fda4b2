package io.ib.train;

import io.ib.nn.Mlp;
import io.ib.nn.SoftmaxCrossEntropy;
import io.ib.optim.Optimizer;
import io.ib.optim.OptimizerSettings;
import io.ib.train.internal.GradientViews;
import io.ib.train.internal.InputBatch;
import io.ib.train.internal.SmallStep;
import io.ib.train.internal.StepBuffers;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Trains one model on mini-batches with an optimiser (Adam or SGD, see {@link OptimizerSettings}).
 *
 * <p>A step is, written out plainly (this is what {@link #plain} runs):
 * <pre>{@code
 * INDArray[] outputs = model.forward(x);                      // hidden activations, then logits
 * INDArray logits = outputs[outputs.length - 1];
 * INDArray logitGrad = logits.ulike();
 * double loss = new SoftmaxCrossEntropy(B, C).lossAndGradient(logits, labels, logitGrad);
 * // stop here with a DivergenceException if the loss is not finite or has blown up
 * optimizer.update(model.parameters(), model.backward(x, outputs, logitGrad));
 * }</pre>
 *
 * <p>A trainer made with the constructor runs the same arithmetic faster for float models: with every
 * ND4J call bound once to buffers kept from step to step (a test holds the two to the same bits on
 * the same batches), or, for small networks (at most {@link SmallStep#MAX_PARAMETERS} parameters,
 * where the calls' fixed cost would dominate), as Java loops over primitive arrays (the same formulas,
 * another order of float sums; a test holds them to float rounding). Double-precision models always
 * take the plain path. Several trainers can be driven with the same mini-batches (see
 * {@link TrainingLoop}).
 *
 * <p>A trainer of a noisy network ({@link HiddenNoise}) adds, at step s (1-based), the noise of draw
 * s to every hidden layer's output, on every path, and back-propagates through it with f' taken at
 * the noiseless activations (see {@link Mlp#forward(INDArray, INDArray[], INDArray[])}). A trainer
 * with dropout ({@link HiddenDropout}) multiplies, at step s, the last hidden layer's output by the
 * factors of draw s, likewise on every path.
 */
public final class Trainer {
  private final Mlp model;
  private final Optimizer optimizer;
  private final boolean fast;
  private final GradientViews gradient; // fast paths only
  private final SmallStep small; // small networks only
  private final Map<Integer, StepBuffers> buffersBySize = new HashMap<>();
  private final HiddenNoise noise; // null for a noiseless network
  private final HiddenDropout dropout; // null for a network without dropout

  /** A trainer that updates {@code model} in place, with reused buffers where the model allows. */
  public Trainer(Mlp model, OptimizerSettings settings) {
    this(model, settings, model.dataType() == DataType.FLOAT, null, null);
  }

  /**
   * A trainer of a noisy network; noise of standard deviation 0 trains exactly as
   * {@link #Trainer(Mlp, OptimizerSettings)}.
   *
   * @throws IllegalArgumentException if the network is quantized and the noise is not zero
   */
  public Trainer(Mlp model, OptimizerSettings settings, HiddenNoise noise) {
    this(model, settings, model.dataType() == DataType.FLOAT, noise, null);
  }

  /**
   * A trainer of a network with noise, dropout, both or neither (null, or a rate of 0, for none);
   * without them it trains exactly as {@link #Trainer(Mlp, OptimizerSettings)}.
   *
   * @throws IllegalArgumentException if the network is quantized and has noise or dropout
   */
  public Trainer(Mlp model, OptimizerSettings settings, HiddenNoise noise, HiddenDropout dropout) {
    this(model, settings, model.dataType() == DataType.FLOAT, noise, dropout);
  }

  private Trainer(Mlp model, OptimizerSettings settings, boolean fast, HiddenNoise noise,
      HiddenDropout dropout) {
    this.model = Objects.requireNonNull(model, "model");
    this.noise = noise != null && noise.enabled() ? noise : null;
    this.dropout = dropout != null && dropout.enabled() ? dropout : null;
    if ((this.noise != null || this.dropout != null) && model.architecture().quantized()) {
      throw new IllegalArgumentException("a quantized network takes no noise or dropout");
    }
    this.optimizer = settings.create(model.parameters());
    this.fast = fast;
    this.gradient = fast ? new GradientViews(model) : null;
    this.small = fast && SmallStep.supports(model) ? new SmallStep(model.architecture()) : null;
  }

  /** A trainer that runs the step exactly as written in the class comment, allocating as it goes. */
  public static Trainer plain(Mlp model, OptimizerSettings settings) {
    return new Trainer(model, settings, false, null, null);
  }

  /** A trainer of a noisy network that runs the step as written, allocating as it goes. */
  public static Trainer plain(Mlp model, OptimizerSettings settings, HiddenNoise noise) {
    return new Trainer(model, settings, false, noise, null);
  }

  /** A trainer with noise and dropout that runs the step as written, allocating as it goes. */
  public static Trainer plain(Mlp model, OptimizerSettings settings, HiddenNoise noise,
      HiddenDropout dropout) {
    return new Trainer(model, settings, false, noise, dropout);
  }

  /** The model being trained (updated in place by {@link #step}). */
  public Mlp model() {
    return model;
  }

  /** Number of updates applied so far. */
  public int stepCount() {
    return optimizer.stepCount();
  }

  /** The optimiser settings. */
  public OptimizerSettings settings() {
    return optimizer.settings();
  }

  /**
   * One optimisation step.
   *
   * @param x inputs, B x inputSize
   * @param labels the B classes
   * @return the mean mini-batch loss before the update, in nats
   * @throws DivergenceException if the loss is NaN, infinite or above
   *     {@link DivergenceException#lossLimit} (the model is left unchanged)
   */
  public double step(INDArray x, int[] labels) {
    Objects.requireNonNull(x, "x");
    return fast ? fastStep(InputBatch.dense(x.castTo(DataType.FLOAT)), labels)
        : plainStep(x, labels);
  }

  /**
   * One optimisation step on a batch given as all its columns or as its active columns, as
   * {@link TrainingLoop} gathers it. For tools that gather their own batches (the benchmark times the
   * step this way): the batch type lives in {@code io.ib.train.internal}, which is not API and may
   * change in any release. Everyone else uses {@link #step(INDArray, int[])}.
   *
   * @param x the B inputs, dense or as their active columns
   * @param labels the B classes
   * @return the mean mini-batch loss before the update, in nats
   * @throws DivergenceException as {@link #step(INDArray, int[])} does
   */
  @SuppressWarnings("exports") // the benchmark's door; InputBatch is internal on purpose
  public double step(InputBatch x, int[] labels) {
    return fast ? fastStep(x, labels) : plainStep(x.isDense() ? x.values() : x.toDense(), labels);
  }

  private double plainStep(INDArray x, int[] labels) {
    INDArray[] hiddenNoise = noise == null ? null
        : noise.drawArrays(optimizer.stepCount() + 1, (int) x.rows(), model.architecture(),
            model.dataType());
    INDArray[] factors = dropout == null ? null
        : dropout.drawArrays(optimizer.stepCount() + 1, (int) x.rows(), model.architecture(),
            model.dataType());
    INDArray[] beforeNoise = noise == null && dropout == null ? null
        : new INDArray[model.architecture().numLayers()];
    INDArray[] outputs = model.forward(x, hiddenNoise, factors, beforeNoise);
    INDArray logits = outputs[outputs.length - 1];
    INDArray logitGrad = logits.ulike();
    double loss = new SoftmaxCrossEntropy(logits.rows(), logits.columns())
        .lossAndGradient(logits, labels, logitGrad);
    checkLoss(loss);
    optimizer.update(model.parameters(), model.backward(x, outputs, logitGrad, factors,
        beforeNoise));
    return loss;
  }

  private double fastStep(InputBatch x, int[] labels) {
    float[][] hiddenNoise = noise == null ? null
        : noise.draw(optimizer.stepCount() + 1, x.rows(), model.architecture());
    float[][] factors = dropout == null ? null
        : dropout.draw(optimizer.stepCount() + 1, x.rows(), model.architecture());
    if (small != null) {
      double loss = small.lossAndGradient(model, x.isDense() ? x.values() : x.toDense(), labels,
          gradient.flat(), hiddenNoise, factors);
      checkLoss(loss);
      optimizer.update(model.parameters(), gradient.flat());
      return loss;
    }
    StepBuffers buffers = buffersBySize.computeIfAbsent(
        x.rows(), rows -> new StepBuffers(model, rows, noise != null,
            dropout == null ? -1 : HiddenDropout.layer(model.architecture())));
    double loss = buffers.lossAndGradient(model, x, labels, gradient, hiddenNoise, factors);
    checkLoss(loss);
    optimizer.update(model.parameters(), gradient.flat());
    return loss;
  }

  private void checkLoss(double loss) {
    if (DivergenceException.diverged(loss, model.architecture().numClasses())) {
      throw new DivergenceException(loss, optimizer.stepCount() + 1,
          optimizer.settings().learningRate(),
          model.architecture().numClasses());
    }
  }
}
