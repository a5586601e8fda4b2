package io.ib.mnist;

import static io.ib.mnist.IdxTestFiles.gzip;
import static io.ib.mnist.IdxTestFiles.ubyte;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every mutation of a valid file either loads with the length its header promises or fails with an
 * {@link IdxFormatException}; no other exception type may escape.
 */
class IdxFuzzTest {
  @TempDir Path dir;

  private static final int[] DIMS = {4, 3, 5};
  private static final long SEED = 20240601L;

  private int loaded;
  private int rejected;

  private void check(byte[] content) throws Exception {
    Path file = Files.write(dir.resolve("fuzz.idx"), content);
    try {
      IdxArray a = IdxReader.read(file);
      long product = Arrays.stream(a.shape()).asLongStream().reduce(1, (x, y) -> x * y);
      assertEquals(product, a.length());
      assertEquals(content.length, a.file().bytes());
      loaded++;
    } catch (IdxFormatException expected) {
      assertTrue(expected.getMessage().contains("fuzz.idx"), expected.getMessage());
      rejected++;
    } catch (Throwable other) {
      fail("unexpected " + other + " for input " + Arrays.toString(content), other);
    }
  }

  private void fuzz(byte[] valid, Random random, int mutations) throws Exception {
    for (int len = 0; len < valid.length; len++) {
      check(Arrays.copyOf(valid, len));
    }
    for (int i = 0; i < mutations; i++) {
      byte[] b = valid.clone();
      int edits = 1 + random.nextInt(3);
      for (int k = 0; k < edits; k++) {
        // Half the edits hit the first 24 bytes (IDX or gzip header), where parsing decisions are made.
        int pos = random.nextBoolean() ? random.nextInt(Math.min(24, b.length)) : random.nextInt(b.length);
        if (random.nextBoolean()) {
          b[pos] ^= (byte) (1 << random.nextInt(8));
        } else {
          b[pos] = (byte) random.nextInt(256);
        }
      }
      check(b);
    }
  }

  @Test
  void rawVariantsLoadOrFailTyped() throws Exception {
    Random random = new Random(SEED);
    byte[] valid = ubyte(DIMS, IdxTestFiles.randomBytes(60, 256, random));
    fuzz(valid, random, 3000);
    assertTrue(rejected > valid.length, "truncations must be rejected, rejected " + rejected);
    assertTrue(loaded > 0, "body-only changes must still load");
  }

  @Test
  void gzipVariantsLoadOrFailTyped() throws Exception {
    Random random = new Random(SEED + 1);
    byte[] valid = gzip(ubyte(DIMS, IdxTestFiles.randomBytes(60, 256, random)));
    fuzz(valid, random, 3000);
    assertTrue(rejected > valid.length, "truncations must be rejected, rejected " + rejected);
  }
}
