package io.ib.train;

import io.ib.train.internal.InputBatch;

/**
 * The benchmark's door to the training step on a batch of active columns, which the library keeps
 * package-private (the batches come from its internal gatherer). Same package name as the library's
 * {@code io.ib.train}, in the benchmark's own jar: never part of the library.
 */
public final class BenchAccess {
  private BenchAccess() {}

  /** {@code trainer}'s step on a batch as the training loop hands it over. */
  public static double step(Trainer trainer, InputBatch x, int[] labels) {
    return trainer.step(x, labels);
  }
}
