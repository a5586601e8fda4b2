package io.ib.data.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.run.Npy;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link ArrayFiles} reads, value for value, from files laid out as NumPy writes them. */
class ArrayFilesTest {
  @TempDir Path dir;

  private Path write(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void readsWhatIbsOwnWriterWrites() throws IOException {
    Path file = dir.resolve("t.npy");
    float[] values = {1, 2, 3, 4, 5, 6};
    Npy.writeFloats(file, values, 3, 2);
    SampleMatrix m = ArrayFiles.readMatrix(file);
    assertArrayEquals(values, m.values());
    assertEquals(3, m.rows());
    assertEquals(2, m.columns());
    assertEquals(List.of(2), m.sampleShape());
    Path labels = dir.resolve("y.npy");
    Npy.writeInts(labels, new int[] {0, 2, 1});
    assertArrayEquals(new int[] {0, 2, 1}, ArrayFiles.readLabels(labels));
  }

  @Test
  void aVectorIsOneColumn() throws IOException {
    SampleMatrix m = ArrayFiles.readMatrix(write("v.npy",
        NpyBytes.of("<f4", false, "3,", NpyBytes.floats(1, 2, 3))));
    assertEquals(3, m.rows());
    assertEquals(1, m.columns());
    assertEquals(List.of(1), m.sampleShape());
  }

  @Test
  void bigEndianFloat64IsConverted() throws IOException {
    SampleMatrix m = ArrayFiles.readMatrix(write("b.npy",
        NpyBytes.of(">f8", false, "2, 2", NpyBytes.doubles(ByteOrder.BIG_ENDIAN, 0.5, -1.25, 3, 1e30))));
    assertArrayEquals(new float[] {0.5f, -1.25f, 3f, 1e30f}, m.values());
  }

  @Test
  void integerBoolAndHalfDtypesBecomeFloats() throws IOException {
    assertArrayEquals(new float[] {-128, 127, 0}, ArrayFiles.readMatrix(write("i1.npy",
        NpyBytes.of("|i1", false, "3,", new byte[] {-128, 127, 0}))).values());
    assertArrayEquals(new float[] {255, 1}, ArrayFiles.readMatrix(write("u1.npy",
        NpyBytes.of("|u1", false, "2,", new byte[] {-1, 1}))).values());
    assertArrayEquals(new float[] {1, 0, 1}, ArrayFiles.readMatrix(write("b1.npy",
        NpyBytes.of("|b1", false, "3,", new byte[] {1, 0, 1}))).values());
    assertArrayEquals(new float[] {-5, 1L << 40}, ArrayFiles.readMatrix(write("i8.npy",
        NpyBytes.of(">i8", false, "2,", NpyBytes.longs(ByteOrder.BIG_ENDIAN, -5, 1L << 40)))).values());
    assertArrayEquals(new float[] {0x1p64f}, ArrayFiles.readMatrix(write("u8.npy",
        NpyBytes.of("<u8", false, "1,", NpyBytes.longs(ByteOrder.LITTLE_ENDIAN, -1L)))).values());
    // float16: 1.0 = 0x3c00, -2.0 = 0xc000, 65504 = 0x7bff (largest), 2^-24 = 0x0001 (smallest subnormal)
    assertArrayEquals(new float[] {1f, -2f, 65504f, 0x1p-24f}, ArrayFiles.readMatrix(write("f2.npy",
        NpyBytes.of("<f2", false, "4,", NpyBytes.shorts((short) 0x3c00, (short) 0xc000, (short) 0x7bff,
            (short) 0x0001)))).values());
  }

  @Test
  void fortranOrderOfRankThreeBecomesRowMajor() throws IOException {
    // a[i][j][k] = 100 i + 10 j + k for shape (2, 3, 4), written first index fastest.
    float[] fortran = new float[24];
    float[] expected = new float[24];
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 3; j++) {
        for (int k = 0; k < 4; k++) {
          fortran[i + 2 * (j + 3 * k)] = 100 * i + 10 * j + k;
          expected[(i * 3 + j) * 4 + k] = 100 * i + 10 * j + k;
        }
      }
    }
    SampleMatrix m = ArrayFiles.readMatrix(write("f.npy",
        NpyBytes.of("<f4", true, "2, 3, 4", NpyBytes.floats(fortran))));
    assertArrayEquals(expected, m.values());
    assertEquals(12, m.columns());
    assertEquals(List.of(3, 4), m.sampleShape());
  }

  @Test
  void aNaNInFortranOrderIsNamedByItsSampleAndValue() throws IOException {
    // shape (2, 3), Fortran order: element (i, j) at i + 2 j; NaN at sample 1, value 2 = index 5.
    float[] fortran = {0, 1, 2, 3, 4, Float.NaN};
    assertProblem("sample 1, value 2 is NaN", () -> ArrayFiles.readMatrix(write("fn.npy",
        NpyBytes.of("<f4", true, "2, 3", NpyBytes.floats(fortran)))));
    // and a float64 beyond float32 at sample 0, value 1 = index 2
    assertProblem("sample 0, value 1 is 1.0E40, beyond float32's range", () -> ArrayFiles.readMatrix(
        write("fb.npy", NpyBytes.of("<f8", true, "2, 3",
            NpyBytes.doubles(ByteOrder.LITTLE_ENDIAN, 0, 0, 1e40, 0, 0, 0)))));
  }

  @Test
  void formatVersionTwoIsRead() throws IOException {
    SampleMatrix m = ArrayFiles.readMatrix(write("v2.npy",
        NpyBytes.file(2, NpyBytes.dict("<f4", false, "1, 2"), NpyBytes.floats(7, 8))));
    assertArrayEquals(new float[] {7, 8}, m.values());
  }

  @Test
  void labelsOfIntegerAndIntegralFloatDtypes() throws IOException {
    assertArrayEquals(new int[] {3, 0}, ArrayFiles.readLabels(write("l8.npy",
        NpyBytes.of("<i8", false, "2, 1", NpyBytes.longs(ByteOrder.LITTLE_ENDIAN, 3, 0)))));
    assertArrayEquals(new int[] {2, 1}, ArrayFiles.readLabels(write("lf.npy",
        NpyBytes.of("<f4", false, "2,", NpyBytes.floats(2, 1)))));
    assertArrayEquals(new int[] {1, 0, 2}, ArrayFiles.readLabels(write("l.csv", "label\n1\n0\n\n2\n")));
  }

  @Test
  void csvMatrixWithAndWithoutHeader() throws IOException {
    SampleMatrix m = ArrayFiles.readMatrix(write("m.csv", "a,b\n1,2\n3,4.5\n"));
    assertArrayEquals(new float[] {1, 2, 3, 4.5f}, m.values());
    assertEquals(2, m.rows());
    assertArrayEquals(new float[] {-1, 2e3f}, ArrayFiles.readMatrix(write("n.csv", "-1,2e3\n")).values());
  }

  @Test
  void everyMistakeIsOneLineNamingTheFile() throws IOException {
    byte[] good = NpyBytes.of("<f4", false, "2, 2", NpyBytes.floats(1, 2, 3, 4));
    assertProblem("not a .npy file", () -> ArrayFiles.readMatrix(write("m.npy", "hello, world")));
    assertProblem("truncated", () -> ArrayFiles.readMatrix(write("t.npy",
        java.util.Arrays.copyOf(good, good.length - 1))));
    assertProblem("too long", () -> ArrayFiles.readMatrix(write("l.npy",
        java.util.Arrays.copyOf(good, good.length + 4))));
    assertProblem("unsupported dtype '<c8' (complex)", () -> ArrayFiles.readMatrix(write("c.npy",
        NpyBytes.of("<c8", false, "1,", new byte[8]))));
    assertProblem("(Python objects, pickled)", () -> ArrayFiles.readMatrix(write("o.npy",
        NpyBytes.of("|O", false, "1,", new byte[8]))));
    assertProblem("structured arrays", () -> ArrayFiles.readMatrix(write("s.npy", NpyBytes.v1(
        "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,), }", new byte[4]))));
    assertProblem("sample 1, value 0 is NaN", () -> ArrayFiles.readMatrix(write("nan.npy",
        NpyBytes.of("<f4", false, "2, 2", NpyBytes.floats(1, 2, Float.NaN, 4)))));
    assertProblem("sample 1 is 1.0E300, beyond float32's range", () -> ArrayFiles.readMatrix(
        write("big.npy", NpyBytes.of("<f8", false, "2,",
            NpyBytes.doubles(ByteOrder.LITTLE_ENDIAN, 1, 1e300)))));
    assertProblem("a single value (shape ())", () -> ArrayFiles.readMatrix(write("r0.npy",
        NpyBytes.of("<f4", false, "", NpyBytes.floats(1)))));
    assertProblem("no values (shape (0, 3))", () -> ArrayFiles.readMatrix(write("e.npy",
        NpyBytes.of("<f4", false, "0, 3", new byte[0]))));
    assertProblem("expected a .npy or .csv file, found .txt", () -> ArrayFiles.readMatrix(
        write("x.txt", "1")));
    assertProblem("line 3: expected 2 fields", () -> ArrayFiles.readMatrix(write("r.csv", "1,2\n3,4\n5\n")));
    assertProblem("line 2, column 1: not a number: 'x'", () -> ArrayFiles.readMatrix(
        write("x.csv", "1,2\n3,x\n")));
    assertProblem("'1e39' is not a finite float32", () -> ArrayFiles.readMatrix(write("o.csv", "1e39\n")));
  }

  @Test
  void labelMistakes() throws IOException {
    assertProblem("label 1 is NaN", () -> ArrayFiles.readLabels(write("a.npy",
        NpyBytes.of("<f4", false, "2,", NpyBytes.floats(1, Float.NaN)))));
    assertProblem("label 0 is -1; labels must be an integer in [0, 65535]", () -> ArrayFiles.readLabels(
        write("b.npy", NpyBytes.of("<i8", false, "1,", NpyBytes.longs(ByteOrder.LITTLE_ENDIAN, -1)))));
    assertProblem("label 0 is 1.5", () -> ArrayFiles.readLabels(write("c.npy",
        NpyBytes.of("<f4", false, "1,", NpyBytes.floats(1.5f)))));
    assertProblem("shape (n,) or (n, 1), found (2, 2)", () -> ArrayFiles.readLabels(write("d.npy",
        NpyBytes.of("<f4", false, "2, 2", NpyBytes.floats(1, 2, 3, 4)))));
    assertProblem("line 2: expected one label", () -> ArrayFiles.readLabels(write("e.csv", "1\n1,2\n")));
    assertProblem("label 1 is 70000", () -> ArrayFiles.readLabels(write("f.csv", "1\n70000\n")));
  }

  @Test
  void missingFilesAndDirectoriesAreNamed() throws IOException {
    IOException missing = assertThrows(NoSuchFileException.class,
        () -> ArrayFiles.readMatrix(dir.resolve("none.npy")));
    assertTrue(missing.getMessage().contains("none.npy"), missing.getMessage());
    Files.createDirectory(dir.resolve("d.npy"));
    IOException directory = assertThrows(IOException.class,
        () -> ArrayFiles.readLabels(dir.resolve("d.npy")));
    assertTrue(directory.getMessage().endsWith("not a regular file"), directory.getMessage());
  }

  @Test
  void everyTruncationOfAGoodFileIsAnArrayFormatException() throws IOException {
    byte[] good = NpyBytes.of(">f8", true, "2, 3", NpyBytes.doubles(ByteOrder.BIG_ENDIAN, 1, 2, 3, 4, 5, 6));
    for (int length = 0; length < good.length; length++) {
      Path file = write("cut.npy", java.util.Arrays.copyOf(good, length));
      assertThrows(ArrayFormatException.class, () -> ArrayFiles.readMatrix(file), "length " + length);
    }
  }

  private interface Read {
    void run() throws IOException;
  }

  private static void assertProblem(String expected, Read read) {
    ArrayFormatException e = assertThrows(ArrayFormatException.class, read::run);
    String message = e.getMessage();
    assertTrue(message.contains(expected), message);
    assertTrue(message.startsWith(e.path().toString() + ": "), message);
    assertFalse(message.contains("\n"), message);
  }
}
