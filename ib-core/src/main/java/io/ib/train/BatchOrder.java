package io.ib.train;

import java.util.SplittableRandom;

/**
 * The order in which training samples are visited, cut into mini-batches of {@code batchSize} rows,
 * the last one shorter when n is not a multiple (PyTorch's {@code DataLoader(drop_last=False)}):
 * either a fresh seeded permutation per epoch ({@code shuffle=True}), or the samples in their own
 * order every epoch (as the IDNNs code of Shwartz-Ziv &amp; Tishby trains).
 *
 * <p>Shuffled epoch e (1-based) uses Fisher-Yates driven by
 * {@code new SplittableRandom(Seeds.mix(seed, e))}, so any epoch's order can be recomputed without
 * replaying the earlier ones. A batch size of at least n is full-batch training: one step per epoch.
 */
public final class BatchOrder {
  private final int size;
  private final int batchSize;
  private final long seed;
  private final boolean shuffle;

  /**
   * Shuffled every epoch.
   *
   * @param size number of training samples n
   * @param batchSize rows per mini-batch
   * @param seed seed of the permutations
   */
  public BatchOrder(int size, int batchSize, long seed) {
    this(size, batchSize, seed, true);
  }

  /**
   * @param size number of training samples n
   * @param batchSize rows per mini-batch
   * @param seed seed of the permutations (unused without shuffling)
   * @param shuffle a new permutation every epoch, or the samples' own order
   */
  public BatchOrder(int size, int batchSize, long seed, boolean shuffle) {
    if (size < 1) {
      throw new IllegalArgumentException("need at least one training sample, got " + size);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
    }
    this.size = size;
    this.batchSize = Math.min(batchSize, size);
    this.seed = seed;
    this.shuffle = shuffle;
  }

  /** True if every epoch has its own permutation. */
  public boolean shuffled() {
    return shuffle;
  }

  /** Mini-batches per epoch, ceil(n / batchSize). */
  public int stepsPerEpoch() {
    return (size + batchSize - 1) / batchSize;
  }

  /** Rows per full mini-batch. */
  public int batchSize() {
    return batchSize;
  }

  /** Number of samples per epoch. */
  public int size() {
    return size;
  }

  /** The sample order of epoch {@code epoch} (1-based), a permutation of 0..n-1. */
  public int[] permutation(int epoch) {
    int[] order = new int[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    if (!shuffle) {
      return order;
    }
    SplittableRandom rng = new SplittableRandom(Seeds.mix(seed, epoch));
    for (int i = size - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }
}
