package io.ib.sweep;

import io.ib.info.InformationEstimate;

/**
 * One estimator's result on one layer.
 *
 * @param layer layer name: {@code hidden1}, {@code hidden2}, ... counted from the input; the last
 *     hidden layer is the bottleneck
 * @param layerWidth number of units of the layer
 * @param estimate the estimate (bits)
 */
public record LayerEstimate(String layer, int layerWidth, InformationEstimate estimate) {}
