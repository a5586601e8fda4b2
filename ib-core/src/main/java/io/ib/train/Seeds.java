package io.ib.train;

/**
 * Derivation of independent seeds from a user's seed, so that every random stream of a sweep is
 * reproducible and no two streams share a seed.
 *
 * <p>{@code mix(a, b)} is SplitMix64's finaliser applied to a + golden-ratio * (b + 1), iterated over
 * the arguments. Results are never 0 (ND4J 1.0.0-M2.1 does not reproduce seed 0, and a zero seed is a
 * common accident), so a 0 is replaced by a fixed non-zero constant.
 */
public final class Seeds {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private Seeds() {}

  /** Mixes a seed with further values (a width, a purpose tag, an epoch) into a new non-zero seed. */
  public static long mix(long seed, long... values) {
    long h = finalise(seed + GOLDEN);
    for (long v : values) {
      h = finalise(h + GOLDEN * (v + 1));
    }
    return h == 0 ? 0x5DEECE66DL : h;
  }

  private static long finalise(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
