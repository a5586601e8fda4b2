package io.ib.data.mat;

import static io.ib.data.mat.MatTestFiles.COMPLEX;
import static io.ib.data.mat.MatTestFiles.LOGICAL;
import static io.ib.data.mat.MatTestFiles.MI_DOUBLE;
import static io.ib.data.mat.MatTestFiles.MI_INT16;
import static io.ib.data.mat.MatTestFiles.MI_INT32;
import static io.ib.data.mat.MatTestFiles.MI_INT64;
import static io.ib.data.mat.MatTestFiles.MI_INT8;
import static io.ib.data.mat.MatTestFiles.MI_SINGLE;
import static io.ib.data.mat.MatTestFiles.MI_UINT16;
import static io.ib.data.mat.MatTestFiles.MI_UINT32;
import static io.ib.data.mat.MatTestFiles.MI_UINT64;
import static io.ib.data.mat.MatTestFiles.MI_UINT8;
import static io.ib.data.mat.MatTestFiles.MX_CELL;
import static io.ib.data.mat.MatTestFiles.MX_DOUBLE;
import static io.ib.data.mat.MatTestFiles.MX_INT32;
import static io.ib.data.mat.MatTestFiles.MX_INT8;
import static io.ib.data.mat.MatTestFiles.MX_SINGLE;
import static io.ib.data.mat.MatTestFiles.MX_UINT8;
import static io.ib.data.mat.MatTestFiles.concat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.data.files.Sha256;
import io.ib.data.mat.MatMatrix.ArrayClass;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** The MAT-file reader on files built byte by byte from the format description. */
class MatFileTest {
  @TempDir Path dir;

  private static final MatTestFiles LE = new MatTestFiles(ByteOrder.LITTLE_ENDIAN);
  private static final MatTestFiles BE = new MatTestFiles(ByteOrder.BIG_ENDIAN);

  private Path write(String name, byte[] content) throws IOException {
    return Files.write(dir.resolve(name), content);
  }

  /** A 2 x 3 double matrix [1 2 3; 4 5 6] in the given storage type. */
  private static byte[] twoByThree(MatTestFiles w, String name, int storage) {
    return w.numeric(name, MX_DOUBLE, 0, 2, 3, storage, 1, 4, 2, 5, 3, 6);
  }

  @Test
  void readsEveryStorageTypeInBothByteOrdersCompressedOrNot() throws IOException {
    int[] storages = {MI_INT8, MI_UINT8, MI_INT16, MI_UINT16, MI_INT32, MI_UINT32, MI_SINGLE, MI_DOUBLE,
        MI_INT64, MI_UINT64};
    for (MatTestFiles w : List.of(LE, BE)) {
      for (boolean compress : new boolean[] {false, true}) {
        for (int storage : storages) {
          byte[] element = twoByThree(w, "x", storage);
          Path file = write("s.mat", w.file(compress ? w.compressed(element) : element));
          MatFile mat = MatFile.read(file);
          MatMatrix x = mat.matrix("x");
          String what = "storage " + storage + ", compressed " + compress + ", " + mat.byteOrder();
          assertEquals(ArrayClass.DOUBLE, x.arrayClass(), "the class, not the storage type: " + what);
          assertEquals(2, x.rows());
          assertEquals(3, x.columns());
          assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, x.toRowMajor(), what);
          assertEquals(6, x.get(1, 2));
          assertEquals(w == LE ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN, mat.byteOrder());
          assertEquals("MATLAB 5.0 MAT-file, written by ib's tests", mat.headerText());
        }
      }
    }
  }

  @Test
  void convertsExtremesOfEachStorageType() throws IOException {
    BigInteger twoTo64 = BigInteger.ONE.shiftLeft(64);
    double uint64Max = twoTo64.subtract(BigInteger.ONE).doubleValue(); // BigInteger rounds to nearest
    byte[] allOnes = new byte[8];
    Arrays.fill(allOnes, (byte) -1);
    for (MatTestFiles w : List.of(LE, BE)) {
      byte[] u64 = w.matrix(w.flags(15, 0), w.dims(1, 1), w.name("u64"), w.element(MI_UINT64, allOnes));
      byte[] i64 = w.matrix(w.flags(MX_DOUBLE, 0), w.dims(1, 2), w.name("i64"),
          w.element(MI_INT64, w.longs(-9007199254740993L, Long.MAX_VALUE)));
      Path file = write("x.mat", w.file(
          w.numeric("i8", MX_INT8, 0, 1, 2, MI_INT8, -128, 127),
          w.numeric("u8", MX_UINT8, 0, 1, 2, MI_UINT8, 0, 255),
          w.numeric("i16", MX_INT32, 0, 1, 2, MI_INT16, -32768, 32767),
          w.numeric("u16", MX_INT32, 0, 1, 2, MI_UINT16, 0, 65535),
          w.numeric("i32", MX_INT32, 0, 1, 2, MI_INT32, Integer.MIN_VALUE, Integer.MAX_VALUE),
          w.numeric("u32", MX_DOUBLE, 0, 1, 2, MI_UINT32, 0, 4294967295.0),
          i64,
          u64,
          w.numeric("f", MX_SINGLE, 0, 1, 3, MI_SINGLE, Float.MIN_VALUE, -Float.MAX_VALUE, Float.NaN),
          w.numeric("d", MX_DOUBLE, 0, 1, 3, MI_DOUBLE, Double.MIN_VALUE, Double.NEGATIVE_INFINITY, -0.0)));
      MatFile mat = MatFile.read(file);
      assertArrayEquals(new double[] {-128, 127}, mat.matrix("i8").toRowMajor());
      assertArrayEquals(new double[] {0, 255}, mat.matrix("u8").toRowMajor());
      assertArrayEquals(new double[] {-32768, 32767}, mat.matrix("i16").toRowMajor());
      assertArrayEquals(new double[] {0, 65535}, mat.matrix("u16").toRowMajor());
      assertArrayEquals(new double[] {Integer.MIN_VALUE, Integer.MAX_VALUE}, mat.matrix("i32").toRowMajor());
      assertArrayEquals(new double[] {0, 4294967295.0}, mat.matrix("u32").toRowMajor());
      assertEquals(new BigInteger("-9007199254740993").doubleValue(), mat.matrix("i64").get(0, 0),
          "nearest double");
      assertEquals(BigInteger.valueOf(Long.MAX_VALUE).doubleValue(), mat.matrix("i64").get(0, 1));
      assertEquals(ArrayClass.UINT64, mat.matrix("u64").arrayClass());
      assertEquals(uint64Max, mat.matrix("u64").get(0, 0));
      assertArrayEquals(new double[] {Float.MIN_VALUE, -Float.MAX_VALUE, Double.NaN},
          mat.matrix("f").toRowMajor());
      assertArrayEquals(new double[] {Double.MIN_VALUE, Double.NEGATIVE_INFINITY, -0.0},
          mat.matrix("d").toRowMajor());
      assertEquals(List.of("i8", "u8", "i16", "u16", "i32", "u32", "i64", "u64", "f", "d"), mat.names());
    }
  }

  @Test
  void unsignedToDoubleRoundsToNearest() {
    long[] values = {-1, Long.MIN_VALUE, Long.MIN_VALUE + 1, -2049, -1025, -1024, 0x8000_0000_0000_0C00L};
    for (long v : values) {
      double expected = new BigInteger(Long.toUnsignedString(v)).doubleValue();
      assertEquals(expected, MatTypes.unsignedToDouble(v), Long.toUnsignedString(v));
    }
  }

  @Test
  void logicalSmallElementsEmptyMatricesAndColumnMajorOrder() throws IOException {
    byte[] logical = LE.numeric("F", MX_UINT8, LOGICAL, 2, 2, MI_UINT8, 1, 0, 1, 1);
    byte[] scalar = LE.numeric("s", MX_DOUBLE, 0, 1, 1, MI_INT16, -3); // 2 bytes: a small element
    byte[] empty = LE.numeric("e", MX_DOUBLE, 0, 0, 3, MI_DOUBLE);
    byte[] column = LE.numeric("longname", MX_DOUBLE, 0, 3, 1, MI_UINT8, 7, 8, 9);
    MatFile mat = MatFile.read(write("l.mat", LE.file(LE.compressed(logical), scalar, empty, column)));
    assertEquals(ArrayClass.LOGICAL, mat.matrix("F").arrayClass());
    assertEquals("logical", mat.matrix("F").arrayClass().matlabName());
    assertArrayEquals(new double[] {1, 1, 0, 1}, mat.matrix("F").toRowMajor(), "F = [1 1; 0 1]");
    assertEquals(-3, mat.matrix("s").get(0, 0));
    assertEquals(0, mat.matrix("e").rows());
    assertEquals(3, mat.matrix("e").columns());
    assertArrayEquals(new double[] {7, 8, 9}, mat.matrix("longname").toRowMajor());
    assertEquals("F (2 x 2 logical)", mat.matrix("F").toString());
  }

  @Test
  void identityIsTheFilesBytes() throws IOException {
    byte[] content = LE.file(twoByThree(LE, "x", MI_DOUBLE));
    Path file = write("id.mat", content);
    MatFile mat = MatFile.read(file);
    assertEquals("id.mat", mat.file().name());
    assertEquals(content.length, mat.file().bytes());
    assertEquals(Sha256.of(file), mat.file().sha256());
  }

  @Test
  void namelessElementsAreSkippedAndUnaskedVariablesNotKept() throws IOException {
    byte[] subsystem = LE.matrix(LE.flags(MX_UINT8, 0), LE.dims(1, 3), LE.element(MI_INT8, new byte[0]),
        LE.small(MI_UINT8, new byte[] {1, 2, 3}));
    Path file = write("n.mat",
        LE.file(twoByThree(LE, "x", MI_DOUBLE), twoByThree(LE, "y", MI_UINT8), subsystem));
    assertEquals(List.of("x", "y"), MatFile.read(file).names());
    MatFile some = MatFile.read(file, List.of("y"));
    assertEquals(List.of("x", "y"), some.names());
    assertEquals(6, some.matrix("y").get(1, 2));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> some.matrix("x"));
    assertTrue(e.getMessage().contains("not among the variables asked for"), e.getMessage());
  }

  /** Reads the file and asks for the variable; the one-line message must hold every fragment. */
  private MatFormatException refused(byte[] content, String variable, String... fragments)
      throws IOException {
    Path file = write("bad.mat", content);
    MatFormatException e = assertThrows(MatFormatException.class, () -> MatFile.read(file).matrix(variable));
    assertOneLine(e, fragments);
    assertTrue(e.getMessage().startsWith("bad.mat: "), e.getMessage());
    return e;
  }

  static void assertOneLine(IOException e, String... fragments) {
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), e.getMessage() + " lacks " + f);
    }
  }

  @Test
  void refusesWhatIsNotARealTwoDimensionalMatrix() throws IOException {
    MatTestFiles w = LE;
    byte[] complex = w.matrix(w.flags(MX_DOUBLE, COMPLEX), w.dims(1, 1), w.name("z"),
        w.element(MI_DOUBLE, w.encode(MI_DOUBLE, 1)), w.element(MI_DOUBLE, w.encode(MI_DOUBLE, 2)));
    MatFormatException e = refused(w.file(complex), "z", "variable 'z'", "complex");
    assertEquals("z", e.variable().orElseThrow());
    assertEquals(128, e.offset(), "the element's offset");
    byte[] cube = w.matrix(w.flags(MX_DOUBLE, 0), w.dims(2, 1, 2), w.name("c"),
        w.element(MI_DOUBLE, w.encode(MI_DOUBLE, 1, 2, 3, 4)));
    refused(w.file(w.compressed(cube)), "c", "variable 'c'", "3 dimensions (2 x 1 x 2)", "only 2-D");
    byte[] cell = w.matrix(w.flags(MX_CELL, 0), w.dims(1, 1), w.name("k"), twoByThree(w, "", MI_DOUBLE));
    refused(w.file(cell), "k", "variable 'k'", "a cell array");
    refused(w.file(twoByThree(w, "x", MI_DOUBLE)), "nope", "variable 'nope'", "no such variable",
        "the file holds x");
  }

  @Test
  void refusesOtherVersionsAndFormats() throws IOException {
    refused(concat(LE.header(0x0200), twoByThree(LE, "x", MI_DOUBLE)), "x", "v7.3", "HDF5", "-v7");
    refused(concat(LE.header(0x0300), twoByThree(LE, "x", MI_DOUBLE)), "x", "version 0x0300");
    byte[] hdf5 = new byte[1024];
    System.arraycopy(new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'}, 0, hdf5, 0, 8);
    refused(hdf5, "x", "an HDF5 file");
    byte[] level4 = ByteBuffer.allocate(200).order(ByteOrder.LITTLE_ENDIAN).putInt(0).putInt(2).array();
    refused(level4, "x", "level-4");
    byte[] badEndian = LE.file(twoByThree(LE, "x", MI_DOUBLE));
    badEndian[126] = 'X';
    refused(badEndian, "x", "endian indicator", "0x58 0x4d", "at byte 126");
    refused(Arrays.copyOf(LE.header(0x0100), 100), "x", "128-byte header", "100 bytes");
    refused(new byte[0], "x", "128-byte header", "0 bytes");
  }

  @Test
  void refusesCorruptAndTruncatedData() throws IOException {
    byte[] element = twoByThree(LE, "x", MI_DOUBLE);
    byte[] compressed = LE.compressed(element);
    byte[] flipped = LE.file(compressed);
    flipped[flipped.length - 3] ^= 0x10; // inside the Adler-32 check or the last deflate bytes
    refused(flipped, "x", "zlib");
    byte[] cut = LE.file(compressed);
    ByteBuffer.wrap(cut).order(ByteOrder.LITTLE_ENDIAN).putInt(128 + 4, compressed.length - 8 - 5);
    refused(Arrays.copyOf(cut, cut.length - 5), "x", "truncated zlib data");
    byte[] extra = LE.compressedPayload(concat(MatTestFiles.zlib(element), new byte[] {0}));
    refused(LE.file(extra), "x", "1 of its", "follow the end of the zlib stream");
    byte[] inner = concat(element, new byte[8]); // inflates to more than its tag says
    refused(LE.file(LE.compressed(inner)), "x", "variable 'x'", "inflates to more than the "
        + element.length + " bytes");
    refused(Arrays.copyOf(LE.file(element), 128 + element.length - 8), "x", "truncated", "tag says");
    refused(concat(LE.file(element), new byte[3]), "x", "3 bytes after the last element");
    refused(LE.file(LE.element(MI_DOUBLE, new byte[8])), "x", "found type 9");
    refused(LE.file(element, element), "x", "variable 'x'", "appears twice");
    byte[] wrongCount = LE.numeric("x", MX_DOUBLE, 0, 2, 3, MI_DOUBLE, 1, 2, 3, 4, 5);
    refused(LE.file(wrongCount), "x", "sizes do not add up", "2 x 3 matrix needs 6 values");
    byte[] negative = LE.matrix(LE.flags(MX_DOUBLE, 0), LE.dims(-1, 2), LE.name("x"),
        LE.element(MI_DOUBLE, new byte[0]));
    refused(LE.file(negative), "x", "dimension 1 is -1");
    byte[] oddFlags = LE.matrix(LE.element(MI_UINT32, new byte[4]), LE.dims(1, 1), LE.name("x"));
    refused(LE.file(oddFlags), "x", "array flags hold 4 bytes");
    byte[] unknownClass = LE.matrix(LE.flags(40, 0), LE.dims(1, 1), LE.name("x"),
        LE.element(MI_DOUBLE, new byte[8]));
    refused(LE.file(unknownClass), "x", "variable 'x'", "unknown array class 40");
    byte[] trailing = LE.matrix(LE.flags(MX_DOUBLE, 0), LE.dims(1, 1), LE.name("x"),
        LE.element(MI_DOUBLE, new byte[8]), LE.element(MI_DOUBLE, new byte[8]));
    refused(LE.file(trailing), "x", "bytes follow the real part");
  }

  /** Bytes the current thread allocates on the Java heap while {@code read} runs. */
  private static long allocatedBy(Executable read) throws Throwable {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    read.execute();
    return threads.getCurrentThreadAllocatedBytes() - before;
  }

  /**
   * A compressed variable whose zlib stream goes on past the size its header declares (here 256 MB
   * of zeros in a 256 KB file; 2 MB of them inflate to 2 GB) is refused as soon as it passes that
   * size: memory follows the declaration, not the stream.
   */
  @Test
  void inflationStopsAtTheDeclaredSize() throws Throwable {
    byte[] small = twoByThree(LE, "x", MI_DOUBLE);
    double[] values = new double[100 * 100]; // 80,000 bytes: more than is inflated before the header is read
    Arrays.setAll(values, i -> i);
    byte[] large = LE.numeric("big", MX_DOUBLE, 0, 100, 100, MI_DOUBLE, values);
    for (byte[] element : List.of(small, large)) {
      String name = element == small ? "x" : "big";
      Path file = write("bomb.mat",
          LE.file(LE.compressedPayload(MatTestFiles.zlibThenZeros(element, 256L << 20))));
      assertTrue(Files.size(file) < (1 << 20), "a small file: " + Files.size(file));
      for (List<String> wanted : Arrays.asList(null, List.of(name), List.of("other"))) {
        long allocated = allocatedBy(() -> {
          MatFormatException e = assertThrows(MatFormatException.class, () -> MatFile.read(file, wanted));
          assertOneLine(e, "bomb.mat: ", "variable '" + name + "'", "inflates to more than the "
              + element.length + " bytes");
        });
        assertTrue(allocated < (32 << 20), "allocated " + allocated + " bytes for " + wanted);
      }
      // The same variable without the zeros reads.
      Path fine = write("fine.mat", LE.file(LE.compressed(element)));
      assertEquals(element == small ? 6 : 10_000, MatFile.read(fine).matrix(name).toRowMajor().length);
    }
    MatMatrix big = MatFile.read(write("f.mat", LE.file(LE.compressed(large)))).matrix("big");
    assertEquals(1 * 100 + 99, big.get(99, 1), "column-major values: (r, c) holds 100 c + r");
  }

  /**
   * Declared sizes that no Java array or heap can hold are refused in one line before anything is
   * inflated (the files hold only the variables' headers).
   */
  @Test
  void declaredSizesBeyondAnArrayOrTheHeapAreRefused() throws IOException {
    byte[] tooLong = LE.declaredMatrix("x", MX_DOUBLE, 1, 300_000_000, MI_DOUBLE, 8); // 2.4 GB
    refused(LE.file(LE.compressed(tooLong)), "x", "variable 'x'", "1 x 300000000 double",
        "2400000", "more than one Java array holds");
    byte[] tooMany = LE.declaredMatrix("F", MX_UINT8, 1, 2_000_000_000, MI_UINT8, 1); // 16 GB as doubles
    refused(LE.file(LE.compressed(tooMany)), "F", "variable 'F'", "1 x 2000000000 uint8", "16000000000",
        "Java heap", "-Xmx");
    // The tags must agree with the dimensions before the dimensions are believed.
    byte[] disagree = LE.declaredMatrix("x", MX_DOUBLE, 1, 300_000, MI_DOUBLE, 4);
    refused(LE.file(LE.compressed(disagree)), "x", "variable 'x'", "sizes do not add up");
  }

  @Test
  void unreadableFilesNameTheFile() {
    Path absent = dir.resolve("absent.mat");
    IOException e = assertThrows(IOException.class, () -> MatFile.read(absent));
    assertEquals(absent + ": no such file", e.getMessage());
    IOException onDir = assertThrows(IOException.class, () -> MatFile.read(dir));
    assertOneLine(onDir, dir.toString());
  }
}
