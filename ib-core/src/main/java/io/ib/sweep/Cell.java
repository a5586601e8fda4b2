package io.ib.sweep;

import io.ib.train.Seeds;

/**
 * One training run of a sweep: a bottleneck width and a replicate seed.
 *
 * <p>Seeds derived from the user's seed s (see {@link Seeds#mix}):
 * <ul>
 *   <li>initial weights: {@code mix(s, 1, width)}: every width and seed gets its own network;
 *   <li>mini-batch order: {@code mix(s, 2)}: independent of the width, so all widths of one seed see
 *       the same mini-batches in the same order, which makes capacities comparable step by step.
 * </ul>
 *
 * @param width bottleneck width k
 * @param seed the user's seed of this replicate
 */
public record Cell(int width, long seed) {
  private static final long INIT = 1;
  private static final long ORDER = 2;
  private static final long NOISE = 3;
  private static final long MEASUREMENT_NOISE = 4;
  private static final long DROPOUT = 5;
  private static final long MEASUREMENT_DROPOUT = 6;

  /** Seed of the initial weights. */
  public long initSeed() {
    return Seeds.mix(seed, INIT, width);
  }

  /** Seed of the mini-batch order. */
  public long orderSeed() {
    return Seeds.mix(seed, ORDER);
  }

  /** Seed of the training noise of a noisy network. */
  public long noiseSeed() {
    return Seeds.mix(seed, NOISE, width);
  }

  /** Seed of the measurement noise of a noisy network. */
  public long measurementNoiseSeed() {
    return Seeds.mix(seed, MEASUREMENT_NOISE, width);
  }

  /** Seed of the training dropout of a network with dropout. */
  public long dropoutSeed() {
    return Seeds.mix(seed, DROPOUT, width);
  }

  /** Seed of the measurement dropout of a network with Gaussian dropout. */
  public long measurementDropoutSeed() {
    return Seeds.mix(seed, MEASUREMENT_DROPOUT, width);
  }

  @Override
  public String toString() {
    return "width " + width + ", seed " + seed;
  }
}
