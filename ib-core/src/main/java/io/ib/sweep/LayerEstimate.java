package io.ib.sweep;

import io.ib.info.InformationEstimate;
import java.util.Objects;

/**
 * One estimator's result on one layer.
 *
 * @param layer the layer, counted from the input; the last hidden layer is the bottleneck
 * @param layerWidth number of units of the layer
 * @param estimate the estimate (bits)
 */
public record LayerEstimate(Layer layer, int layerWidth, InformationEstimate estimate) {
  public LayerEstimate {
    Objects.requireNonNull(layer, "layer");
    Objects.requireNonNull(estimate, "estimate");
  }
}
