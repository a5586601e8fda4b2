/**
 * DL4J networks ({@code MultiLayerNetwork}, one-input {@code ComputationGraph}) measured while they
 * train: {@link io.ib.dl4j.InformationPlaneListener}, a DL4J
 * {@code TrainingListener} that records every layer's activations on an
 * {@link io.ib.dl4j.EvaluationSamples} at ib's measurement schedule into an ib run directory
 * ({@link io.ib.run.RecordedRunWriter}); {@link io.ib.dl4j.LayerActivations} takes and flattens
 * them. A library on ib-core and deeplearning4j-nn, built only with the Maven profile {@code dl4j}.
 */
package io.ib.dl4j;
