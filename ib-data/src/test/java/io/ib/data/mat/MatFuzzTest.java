package io.ib.data.mat;

import static io.ib.data.mat.MatTestFiles.LOGICAL;
import static io.ib.data.mat.MatTestFiles.MI_DOUBLE;
import static io.ib.data.mat.MatTestFiles.MI_INT16;
import static io.ib.data.mat.MatTestFiles.MI_UINT8;
import static io.ib.data.mat.MatTestFiles.MX_DOUBLE;
import static io.ib.data.mat.MatTestFiles.MX_UINT8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.ib.data.files.FuzzInputs;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every truncation and random mutation of valid MAT-files either reads (then every variable is a
 * matrix of the size its dimensions promise, or is refused in one line) or fails with a one-line
 * {@link MatFormatException} naming the file; no other exception may escape, through
 * {@link MatFile} or {@link MatDatasets}.
 */
class MatFuzzTest {
  @TempDir Path dir;

  private static final long SEED = 20240602L;

  private int loaded;
  private int rejected;

  private static byte[] valid(MatTestFiles w, boolean compress) {
    byte[] features = w.numeric("F", MX_UINT8, LOGICAL, 4, 3, MI_UINT8, 0, 1, 0, 1, 0, 0, 1, 1, 1, 0, 1, 0);
    byte[] labels = w.numeric("y", MX_DOUBLE, 0, 1, 4, MI_INT16, 0, 1, 1, 0);
    byte[] other = w.numeric("other", MX_DOUBLE, 0, 2, 2, MI_DOUBLE, 0.5, -1, 2, 3);
    return compress ? w.file(w.compressed(features), w.compressed(labels), other)
        : w.file(features, labels, w.compressed(other));
  }

  private void check(byte[] content) throws Exception {
    Path file = Files.write(dir.resolve("fuzz.mat"), content);
    try {
      MatFile mat = MatFile.read(file);
      for (String name : mat.names()) {
        try {
          MatMatrix m = mat.matrix(name);
          assertEquals((long) m.rows() * m.columns(), m.toRowMajor().length);
        } catch (MatFormatException refusedVariable) {
          assertOneLine(refusedVariable);
        }
      }
      loaded++;
    } catch (MatFormatException expected) {
      assertOneLine(expected);
      rejected++;
    } catch (Throwable other) {
      fail("unexpected " + other + " for input " + Arrays.toString(content), other);
    }
    try {
      MatDatasets.load(file);
    } catch (IOException expected) {
      assertOneLine(expected);
    } catch (Throwable other) {
      fail("unexpected " + other + " from MatDatasets for input " + Arrays.toString(content), other);
    }
  }

  private static void assertOneLine(IOException e) {
    assertTrue(e.getMessage().startsWith("fuzz.mat: "), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  private void fuzz(byte[] valid, Random random, int mutations) throws Exception {
    // Mutations mostly in bytes 120 to 199: the first elements' tags, flags, dimensions.
    FuzzInputs.run(valid, random, mutations, 120, 80, this::check);
  }

  @Test
  void littleEndianVariantsReadOrFailInOneLine() throws Exception {
    Random random = new Random(SEED);
    byte[] valid = valid(new MatTestFiles(ByteOrder.LITTLE_ENDIAN), false);
    fuzz(valid, random, 2000);
    assertTrue(rejected >= valid.length - 128, "truncations must be rejected, rejected " + rejected);
    assertTrue(loaded > 0, "changes to values must still read");
  }

  @Test
  void compressedBigEndianVariantsReadOrFailInOneLine() throws Exception {
    Random random = new Random(SEED + 1);
    byte[] valid = valid(new MatTestFiles(ByteOrder.BIG_ENDIAN), true);
    fuzz(valid, random, 2000);
    assertTrue(rejected >= valid.length - 128, "truncations must be rejected, rejected " + rejected);
  }
}
