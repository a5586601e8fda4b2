package io.ib.dl4j;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A {@link MultiLayerNetwork}: every layer is measured. */
record MultiLayerModel(MultiLayerNetwork net) implements MeasuredModel {
  @Override
  public Model model() {
    return net;
  }

  @Override
  public List<Layer> layers() {
    return IntStream.range(0, net.getnLayers()).mapToObj(i -> net.getLayer(i).conf().getLayer())
        .toList();
  }

  @Override
  public String name(int i) {
    String name = net.getLayer(i).conf().getLayer().getLayerName();
    return name == null || name.isBlank() ? "layer" + i : name;
  }

  @Override
  public boolean isOutput(int i) {
    return i == net.getnLayers() - 1 && net.getLayer(i) instanceof IOutputLayer;
  }

  @Override
  public int iterationCount() {
    return net.getIterationCount();
  }

  @Override
  public List<INDArray> forward(INDArray batch) {
    INDArray input = net.getInput();
    INDArray mask = net.getMask();
    try {
      net.setMask(null); // a training batch's mask does not fit evaluation rows
      List<INDArray> acts = net.feedForwardToLayer(net.getnLayers() - 1, batch, false);
      return acts.subList(1, acts.size()); // without the input
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("the network cannot take evaluation samples of shape "
          + Arrays.toString(batch.shape()) + ": " + e.getMessage(), e);
    } finally {
      net.setInput(input); // and with it the layers' mini-batch size
      net.setMask(mask);
    }
  }
}
