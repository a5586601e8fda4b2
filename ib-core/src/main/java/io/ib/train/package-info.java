/**
 * Layer 4 (train): mini-batch ordering, the training step, the epoch loop, evaluation on held-out data
 * and the typed failure raised when training diverges.
 */
package io.ib.train;
