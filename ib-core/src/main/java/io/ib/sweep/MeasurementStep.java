package io.ib.sweep;

import io.ib.data.LabelledData;
import io.ib.info.InformationEstimate;
import io.ib.info.LayerSample;
import io.ib.info.MutualInformationEstimator;
import io.ib.info.UniformLevels;
import io.ib.nn.Mlp;
import io.ib.nn.Quantization;
import io.ib.nn.SoftmaxCrossEntropy;
import io.ib.train.DivergenceException;
import io.ib.train.Evaluation;
import io.ib.train.Evaluator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One measurement of a model: a forward pass over the evaluation set (loss and accuracy), then, for
 * every measured layer ({@link Layer}, see {@link OutputLayer} for the output's), its activations
 * saved if asked and every estimator applied. A noisy network is measured with noise, one with
 * Gaussian dropout with its dropout (see {@link NoisyPropagation}); its hidden layers' samples carry
 * their noise.
 *
 * <p>One instance per thread (it owns its evaluator's buffers).
 */
final class MeasurementStep {
  private final SweepConfig config;
  private final Evaluator evaluator;
  private final List<MutualInformationEstimator> estimators;
  private final RunStore store;
  private final boolean snapshots;

  /**
   * @param estimators the estimators to apply (those that run during training)
   * @param snapshots whether to save every measured layer's activations in {@code store}
   */
  MeasurementStep(SweepConfig config, Evaluator evaluator,
      List<MutualInformationEstimator> estimators, RunStore store, boolean snapshots) {
    this.config = config;
    this.evaluator = evaluator;
    this.estimators = List.copyOf(estimators);
    this.store = store;
    this.snapshots = snapshots;
  }

  /**
   * Measures the model.
   *
   * @param trainLoss the mean mini-batch loss since the previous measurement (NaN at step 0)
   * @param clock receives the time spent evaluating and in each estimator
   * @throws DivergenceException if the evaluation loss is not finite or above the divergence limit
   * @throws IllegalArgumentException if an estimator rejects a layer (message names both)
   * @throws IOException if activations cannot be saved
   */
  Measurement measure(Mlp model, Cell cell, int step, double epoch, double trainLoss,
      CellClock clock) throws IOException {
    LabelledData test = evaluator.data();
    long t0 = System.nanoTime();
    NoisyPropagation noisy = config.noisy()
        ? new NoisyPropagation(model, test, config.noise(), cell, step)
        : config.dropout().gaussian() ? new NoisyPropagation(model, test, config.dropout(), cell, step)
        : null;
    Evaluation eval = noisy != null ? noisy.evaluate() : evaluator.evaluate(model);
    clock.evaluated(System.nanoTime() - t0);
    if (DivergenceException.diverged(eval.loss(), test.numClasses())) {
      throw new DivergenceException(eval.loss(), step, config.optimizer().learningRate(),
          test.numClasses()).withContext("on the evaluation set");
    }
    List<INDArray> layers = new ArrayList<>(eval.hiddenActivations());
    List<Layer> names = new ArrayList<>();
    for (int l = 0; l < layers.size(); l++) {
      names.add(Layer.hidden(l + 1));
    }
    if (config.outputLayer().logits()) {
      layers.add(eval.logits());
      names.add(Layer.OUTPUT);
    }
    if (config.outputLayer().softmax()) {
      INDArray probabilities = SoftmaxCrossEntropy.probabilities(eval.logits());
      config.quantization().forProbabilities().applyInPlace(probabilities);
      layers.add(probabilities);
      names.add(Layer.SOFTMAX);
    }
    int[] labels = test.labels();
    List<LayerEstimate> estimates = new ArrayList<>();
    for (int l = 0; l < layers.size(); l++) {
      Layer layer = names.get(l);
      LayerSample sample = LayerSample.of(layer.toString(), layers.get(l), labels,
          test.numClasses(), test.features()).onLevels(levelsOf(layer, config.quantization()));
      if (noisy != null && layer.kind() == Layer.Kind.HIDDEN) {
        sample = sample.withNoise(noisy.layer(l));
      }
      if (snapshots) {
        store.snapshot(new SnapshotEntry(cell, step, epoch, layer, sample.width()),
            new ActivationMatrix(sample.activationsAsFloats(), sample.size(), sample.width()));
      }
      for (MutualInformationEstimator estimator : estimators) {
        if (!estimator.measures(sample)) {
          continue;
        }
        long e0 = System.nanoTime();
        for (InformationEstimate estimate : estimate(estimator, sample, cell, step)) {
          estimates.add(new LayerEstimate(layer, sample.width(), estimate));
        }
        clock.estimated(estimator.spec(), System.nanoTime() - e0);
      }
    }
    return new Measurement(cell, step, epoch, trainLoss, eval.loss(), eval.accuracy(), estimates);
  }

  /**
   * The levels of a measured layer of a network quantized by {@code q}: hidden layers take q's, the
   * softmax output q's number of levels over [0, 1], the logits are continuous.
   */
  static UniformLevels levelsOf(Layer layer, Quantization q) {
    Quantization of = switch (layer.kind()) {
      case HIDDEN -> q;
      case SOFTMAX -> q.forProbabilities();
      case OUTPUT -> Quantization.NONE;
    };
    return of.enabled() ? new UniformLevels(of.levels(), of.lower(), of.upper())
        : UniformLevels.NONE;
  }

  static List<InformationEstimate> estimate(MutualInformationEstimator estimator,
      LayerSample sample, Cell cell, int step) {
    try {
      return estimator.estimateAll(sample);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("estimator " + estimator.spec() + " failed on layer "
          + sample.layer() + " (" + cell + ", step " + step + "): " + e.getMessage(), e);
    }
  }
}
