/**
 * Layer 6 (info): mutual-information estimation on the activations of one layer.
 *
 * <p>Every estimator implements {@link io.ib.info.MutualInformationEstimator}: it takes a
 * {@link io.ib.info.LayerSample} (the n x d activations of a whole layer on the evaluation set, the
 * labels and optionally the inputs) and returns an {@link io.ib.info.InformationEstimate} with
 * I(X;T) and I(T;Y) <strong>in bits</strong>, named by an {@link io.ib.info.EstimatorSpec} that
 * carries every parameter. Estimators are found by name through
 * {@link io.ib.info.Estimators} ({@link java.util.ServiceLoader} over
 * {@link io.ib.info.EstimatorProvider}), so a user's estimator in their own jar is usable from the
 * command line. One sub-package per estimator family.
 */
package io.ib.info;
