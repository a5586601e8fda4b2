/**
 * A reproduction of the original PyTorch notebook's per-unit estimator, kept so that its numbers can be
 * compared with the whole-layer estimators. It is a different, non-additive quantity (an average of
 * single-unit mutual informations), not an estimate of I(X;T) of the layer.
 */
package io.ib.info.perunit;
