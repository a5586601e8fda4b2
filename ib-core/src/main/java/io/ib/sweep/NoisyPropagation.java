package io.ib.sweep;

import io.ib.data.LabelledData;
import io.ib.info.LayerSample;
import io.ib.info.NoisyLayer;
import io.ib.nn.Mlp;
import io.ib.nn.SoftmaxCrossEntropy;
import io.ib.train.Evaluation;
import io.ib.train.HiddenDropout;
import io.ib.train.HiddenNoise;
import io.ib.train.Seeds;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One measurement of a noisy network, or of one with Gaussian dropout (see {@link HiddenDropout}):
 * the evaluation set sent through the noisy layers, as many
 * times as asked (draws), each draw seeded by the cell's measurement-noise seed, the step and the
 * draw alone ({@link Cell#measurementNoiseSeed()}), so a measurement does not depend on what was
 * measured before it.
 *
 * <p>Draw 0 is the measurement: its loss, accuracy and noisy hidden outputs T_l = S_l + Z_l are what
 * every estimator sees (binning of a noisy network bins the noisy T). Each hidden layer's sample
 * carries a {@link NoisyLayer} whose centres of draw k are the noiseless S_l of propagation k
 * (computed on first request, then kept), which the sample-propagation estimator reads.
 *
 * <p>With Gaussian dropout, draw 0 multiplies the last hidden layer by its factors (seeded by
 * {@link Cell#measurementDropoutSeed()} and the step), and that layer's {@link NoisyLayer} is
 * {@link NoisyLayer#multiplicative() multiplicative}, beta = sqrt(alpha), its centres f(x) before
 * the factors; the layers below have no noise (their samples carry none).
 *
 * <p>The passes are {@link Mlp#forward(INDArray, INDArray[], INDArray[], INDArray[])}'s, on all
 * input columns.
 */
final class NoisyPropagation {
  private final Mlp model;
  private final LabelledData data;
  private final HiddenNoise noise; // null with dropout
  private final HiddenDropout dropout; // null with noise
  private final Map<Integer, INDArray[]> centresByDraw = new HashMap<>();
  private final Map<Long, float[]> floats = new HashMap<>();
  private INDArray[] measured; // draw 0's outputs

  NoisyPropagation(Mlp model, LabelledData data, double beta, Cell cell, int step) {
    this.model = model;
    this.data = data;
    this.noise = new HiddenNoise(beta, Seeds.mix(cell.measurementNoiseSeed(), step));
    this.dropout = null;
  }

  NoisyPropagation(Mlp model, LabelledData data, Dropout gaussian, Cell cell, int step) {
    this.model = model;
    this.data = data;
    this.noise = null;
    this.dropout = gaussian.withSeed(Seeds.mix(cell.measurementDropoutSeed(), step));
  }

  /** Loss, accuracy and noisy hidden outputs of draw 0. */
  Evaluation evaluate() {
    centres(0);
    INDArray logits = measured[measured.length - 1];
    int[] labels = data.labels();
    int[] predicted = new int[labels.length];
    double loss = new SoftmaxCrossEntropy(labels.length, model.architecture().numClasses())
        .lossAndPredictions(logits, labels, predicted);
    int correct = 0;
    for (int i = 0; i < labels.length; i++) {
      correct += predicted[i] == labels[i] ? 1 : 0;
    }
    return new Evaluation(loss, correct / (double) labels.length,
        List.of(Arrays.copyOf(measured, measured.length - 1)), logits);
  }

  /** The noise of hidden layer {@code layer} (0-based) for its sample; null for none. */
  NoisyLayer layer(int layer) {
    boolean multiplicative = dropout != null;
    if (multiplicative && layer != HiddenDropout.layer(model.architecture())) {
      return null;
    }
    double beta = multiplicative ? Math.sqrt(dropout.rate()) : noise.beta();
    return new NoisyLayer() {
      @Override
      public double beta() {
        return beta;
      }

      @Override
      public boolean multiplicative() {
        return multiplicative;
      }

      @Override
      public float[] centres(int draw) {
        return centreFloats(draw, layer);
      }

      @Override
      public boolean fixedCentres() {
        return layer == 0 || multiplicative;
      }
    };
  }

  private synchronized float[] centreFloats(int draw, int layer) {
    return floats.computeIfAbsent(((long) draw << 16) | layer,
        k -> LayerSample.rowMajorFloats(centres(draw)[layer]));
  }

  private synchronized INDArray[] centres(int draw) {
    INDArray[] before = centresByDraw.get(draw);
    if (before == null) {
      INDArray x = data.features();
      before = new INDArray[model.architecture().numLayers()];
      int rows = (int) x.rows();
      INDArray[] outputs = model.forward(x,
          noise == null ? null : noise.drawArrays(draw, rows, model.architecture(), model.dataType()),
          dropout == null ? null
              : dropout.drawArrays(draw, rows, model.architecture(), model.dataType()),
          before);
      centresByDraw.put(draw, before);
      if (draw == 0) {
        measured = outputs;
      }
    }
    return before;
  }
}
