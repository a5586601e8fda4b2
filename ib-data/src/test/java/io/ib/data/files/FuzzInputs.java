package io.ib.data.files;

import java.util.Arrays;
import java.util.Random;

/** Malformed variants of a valid file, for the readers' fuzz tests. */
public final class FuzzInputs {
  private FuzzInputs() {}

  /** What a fuzz test checks on each variant. */
  public interface Check {
    void accept(byte[] content) throws Exception;
  }

  /**
   * Passes every truncation of {@code valid} (lengths 0 to length - 1), then {@code mutations}
   * copies with 1 to 3 bytes changed (a flipped bit or a random value); half the changes fall into
   * the "hot" range {@code [hotFrom, hotFrom + hotLength)}, where the format keeps sizes and types.
   */
  public static void run(byte[] valid, Random random, int mutations, int hotFrom, int hotLength, Check check)
      throws Exception {
    for (int len = 0; len < valid.length; len++) {
      check.accept(Arrays.copyOf(valid, len));
    }
    for (int i = 0; i < mutations; i++) {
      byte[] b = valid.clone();
      int edits = 1 + random.nextInt(3);
      for (int k = 0; k < edits; k++) {
        int pos = random.nextBoolean() ? hotFrom + random.nextInt(Math.min(hotLength, b.length - hotFrom))
            : random.nextInt(b.length);
        if (random.nextBoolean()) {
          b[pos] ^= (byte) (1 << random.nextInt(8));
        } else {
          b[pos] = (byte) random.nextInt(256);
        }
      }
      check.accept(b);
    }
  }
}
