package io.ib.dl4j;

import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A DL4J network as the measuring sees it: its layers in order from the input, and a forward pass in
 * test mode that returns their activations and leaves the network's state as it was
 * ({@link LayerActivations#modelOf} makes one of a DL4J model).
 */
interface MeasuredModel {
  /** The DL4J model. */
  Model model();

  /** The measured layers' configurations, in order from the input. */
  List<Layer> layers();

  /** The name of measured layer i: its configured name, else {@code layer<i>}. */
  String name(int i);

  /** Whether measured layer i is the network's output layer (only the last can be). */
  boolean isOutput(int i);

  /** Updates the model has taken (DL4J's iteration count). */
  int iterationCount();

  /**
   * Every measured layer's activations on a batch, in test mode; the model's inputs and masks are put
   * back afterwards.
   *
   * @throws IllegalArgumentException if the model cannot take the batch (one line, with its shape)
   */
  List<INDArray> forward(INDArray batch);
}
