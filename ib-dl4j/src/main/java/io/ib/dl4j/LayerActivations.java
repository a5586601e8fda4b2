package io.ib.dl4j;

import io.ib.info.LayerSample;
import io.ib.run.RecordedLayer;
import io.ib.sweep.ActivationMatrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Every layer's activations of a DL4J network in test mode, one row per sample: a layer whose
 * activations per sample have more than one dimension (a convolution's channels x height x width)
 * is flattened in C order, channel by channel, row by row, in one bulk reshape per batch; its shape
 * is recorded in {@link RecordedLayer#shape()}. The network is a {@link MultiLayerNetwork} (every
 * layer, in order) or a {@link ComputationGraph} with one input (its layer vertices, in topological
 * order).
 *
 * <p>Measuring leaves the network as it was: the forward pass runs with {@code train = false} (no
 * dropout, no noise, no random numbers drawn, batch normalisation on its running statistics, which it
 * does not update), and the inputs and masks that DL4J's forward pass sets on the network are put
 * back afterwards (and with a set input the layers' mini-batch size).
 */
public final class LayerActivations {
  private LayerActivations() {}

  /**
   * Describes every measured layer of a network: its name (the configured one, else
   * {@code layer<i>}; a graph's vertex name), kind ({@link #kindOf}) and the shape of one sample's
   * activations, found by a forward pass of the first sample of {@code features}. The last layer is
   * the output layer when it is one of DL4J's output layers.
   *
   * @throws IllegalArgumentException if the network is of another kind or cannot take the samples
   */
  public static List<RecordedLayer> describe(Model net, INDArray features) {
    return describe(modelOf(net), features);
  }

  static List<RecordedLayer> describe(MeasuredModel model, INDArray features) {
    List<INDArray> acts = model.forward(features.get(NDArrayIndex.interval(0, 1)));
    List<Layer> confs = model.layers();
    List<RecordedLayer> layers = new ArrayList<>();
    for (int i = 0; i < confs.size(); i++) {
      long[] shape = acts.get(i).shape();
      List<Integer> perSample = new ArrayList<>();
      for (int d = 1; d < shape.length; d++) {
        perSample.add(Math.toIntExact(shape[d]));
      }
      layers.add(new RecordedLayer(model.name(i), kindOf(confs.get(i)), perSample,
          model.isOutput(i)));
    }
    return layers;
  }

  /** The model of a {@link MultiLayerNetwork} or of a one-input {@link ComputationGraph}. */
  static MeasuredModel modelOf(Model model) {
    if (model instanceof MultiLayerNetwork net) {
      return new MultiLayerModel(net);
    }
    if (model instanceof ComputationGraph graph) {
      return GraphModel.of(graph);
    }
    throw new IllegalArgumentException("ib measures a MultiLayerNetwork or a ComputationGraph, not a "
        + (model == null ? "null model" : model.getClass().getSimpleName()));
  }

  /**
   * What a configured layer is, in words: {@code convolution}, {@code subsampling}, {@code dense},
   * {@code output (softmax)} (an output layer with its activation, which says whether it gives
   * probabilities or logits: {@code output (identity)}), {@code batch-normalization},
   * {@code activation}, {@code dropout}; any other
   * layer by its class name in lower case with hyphens ({@code GlobalPoolingLayer} is
   * {@code global-pooling-layer}).
   */
  public static String kindOf(Layer conf) {
    if (conf instanceof org.deeplearning4j.nn.conf.layers.BaseOutputLayer out) {
      return out.getActivationFn() == null ? "output" : "output (" + out.getActivationFn() + ")";
    }
    if (conf instanceof ConvolutionLayer) {
      return "convolution";
    }
    if (conf instanceof SubsamplingLayer) {
      return "subsampling";
    }
    if (conf instanceof DenseLayer) {
      return "dense";
    }
    if (conf instanceof BatchNormalization) {
      return "batch-normalization";
    }
    if (conf instanceof ActivationLayer) {
      return "activation";
    }
    if (conf instanceof DropoutLayer) {
      return "dropout";
    }
    return conf.getClass().getSimpleName().replaceAll("([a-z0-9])([A-Z])", "$1-$2")
        .toLowerCase(Locale.ROOT);
  }

  /**
   * Every measured layer's activations on {@code features}, in test mode, computed
   * {@code batchSize} rows at a time (which bounds the memory of the forward pass).
   *
   * @param features n samples in the network's input shape
   * @return one n x width matrix per layer, in the network's order
   * @throws IllegalArgumentException if batchSize is below 1, or the network is of another kind or
   *     cannot take the samples
   */
  public static List<ActivationMatrix> measure(Model net, INDArray features, int batchSize) {
    return measure(modelOf(net), features, batchSize);
  }

  static List<ActivationMatrix> measure(MeasuredModel model, INDArray features, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("the measuring batch size must be at least 1, got "
          + batchSize);
    }
    int n = Math.toIntExact(features.size(0));
    int count = model.layers().size();
    float[][] values = new float[count][];
    int[] widths = new int[count];
    for (int from = 0; from < n; from += batchSize) {
      int rows = Math.min(batchSize, n - from);
      List<INDArray> acts = model.forward(features.get(NDArrayIndex.interval(from, from + rows)));
      for (int i = 0; i < count; i++) {
        INDArray a = acts.get(i);
        long width = a.length() / rows;
        if (values[i] == null) {
          if ((long) n * width > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("layer " + i + " has " + width + " activations per"
                + " sample: " + n + " samples of it do not fit a Java array; measure fewer samples");
          }
          widths[i] = (int) width;
          values[i] = new float[n * widths[i]];
        }
        float[] part = LayerSample.rowMajorFloats(a.reshape('c', rows, width));
        System.arraycopy(part, 0, values[i], from * widths[i], part.length);
      }
    }
    List<ActivationMatrix> result = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      result.add(new ActivationMatrix(values[i], n, widths[i]));
    }
    return result;
  }
}
