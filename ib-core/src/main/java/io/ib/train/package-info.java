/**
 * Layer 4 (train): mini-batch ordering, the trainer, the epoch loop, evaluation on held-out data,
 * measurement schedules and the typed failure raised when training diverges.
 */
package io.ib.train;
