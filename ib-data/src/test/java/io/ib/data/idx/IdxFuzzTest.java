package io.ib.data.idx;

import static io.ib.data.idx.IdxTestFiles.gzip;
import static io.ib.data.idx.IdxTestFiles.ubyte;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.ib.data.files.FuzzInputs;
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
    FuzzInputs.run(valid, random, mutations, 0, 24, this::check); // the IDX or gzip header
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
