package io.ib.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy's {@code .npy} format (version 1.0) for row-major float32 matrices and int32 vectors, so that
 * Python users can {@code np.load} what the library saves. Written to a temporary file and renamed, so
 * a file that exists is complete.
 *
 * <p>Layout: the magic {@code \x93NUMPY}, version 1.0, a little-endian uint16 header length, an ASCII
 * dict {@code {'descr': '<f4', 'fortran_order': False, 'shape': (n, d), }} padded with spaces to a
 * multiple of 64 bytes and ending in a newline, then the little-endian data.
 */
public final class Npy {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern HEADER = Pattern.compile(
      "\\{'descr': '(<f4|<i4)', 'fortran_order': False, 'shape': \\((\\d+),(?: (\\d+))?\\), *\\}\\s*");

  private Npy() {}

  /** A matrix or vector read back: values and shape. */
  public record FloatMatrix(float[] values, int rows, int columns) {}

  /** Writes an n x d float32 matrix given row-major. */
  public static void writeFloats(Path file, float[] rowMajor, int rows, int columns)
      throws IOException {
    Disk.writeAtomically(file, floatBytes(rowMajor, rows, columns));
  }

  /** The bytes of an n x d float32 .npy file of a matrix given row-major. */
  static byte[] floatBytes(float[] rowMajor, int rows, int columns) {
    if ((long) rows * columns != rowMajor.length) {
      throw new IllegalArgumentException(rows + " x " + columns + " does not match "
          + rowMajor.length + " values");
    }
    if (rowMajor.length > (Integer.MAX_VALUE - 128) / 4) {
      throw new IllegalArgumentException("a matrix of " + rowMajor.length + " values is too large"
          + " for one .npy file written at once");
    }
    ByteBuffer data = ByteBuffer.allocate(rowMajor.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    data.asFloatBuffer().put(rowMajor);
    return bytes("<f4", "(" + rows + ", " + columns + ")", data);
  }

  /** Writes an int32 vector. */
  public static void writeInts(Path file, int[] values) throws IOException {
    Disk.writeAtomically(file, intBytes(values));
  }

  /** The bytes of an int32 vector's .npy file. */
  static byte[] intBytes(int[] values) {
    ByteBuffer data = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    data.asIntBuffer().put(values);
    return bytes("<i4", "(" + values.length + ",)", data);
  }

  private static byte[] bytes(String descr, String shape, ByteBuffer data) {
    String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
    int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
    int padding = (64 - unpadded % 64) % 64;
    String header = dict + " ".repeat(padding) + "\n";
    byte[] headerBytes = header.getBytes(StandardCharsets.US_ASCII);
    ByteBuffer all = ByteBuffer.allocate(MAGIC.length + 4 + headerBytes.length + data.capacity())
        .order(ByteOrder.LITTLE_ENDIAN);
    all.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) headerBytes.length)
        .put(headerBytes);
    data.rewind();
    all.put(data);
    return all.array();
  }

  /**
   * Reads a float32 matrix (or vector, as one column) written by this class or by NumPy with the
   * same dtype and C order.
   *
   * @throws IOException naming the file if it is not such an array or is truncated
   */
  public static FloatMatrix readFloats(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new DamagedFileException(file, "it is missing");
    }
    return parseFloats(Files.readAllBytes(file), file);
  }

  /** A float32 matrix from the bytes of a .npy file; {@code file} names it in errors. */
  static FloatMatrix parseFloats(byte[] bytes, Path file) throws IOException {
    Parsed p = parse(bytes, file, "<f4");
    float[] values = new float[Math.toIntExact((long) p.rows * p.columns)];
    p.data.asFloatBuffer().get(values);
    return new FloatMatrix(values, p.rows, p.columns);
  }

  /** Reads an int32 vector. */
  public static int[] readInts(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new DamagedFileException(file, "it is missing");
    }
    return parseInts(Files.readAllBytes(file), file);
  }

  /** An int32 vector from the bytes of a .npy file; {@code file} names it in errors. */
  static int[] parseInts(byte[] bytes, Path file) throws IOException {
    Parsed p = parse(bytes, file, "<i4");
    if (p.columns != 1) {
      throw new DamagedFileException(file, "expected an int32 vector, found a " + p.rows + " x "
          + p.columns + " matrix");
    }
    int[] values = new int[p.rows];
    p.data.asIntBuffer().get(values);
    return values;
  }

  private record Parsed(ByteBuffer data, int rows, int columns) {}

  private static Parsed parse(byte[] bytes, Path file, String descr) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length < 10 || !java.util.Arrays.equals(bytes, 0, 6, MAGIC, 0, 6) || bytes[6] != 1) {
      throw new DamagedFileException(file, "not a version 1 .npy file");
    }
    int headerLength = Short.toUnsignedInt(buf.getShort(8));
    if (10 + headerLength > bytes.length) {
      throw new DamagedFileException(file, "truncated .npy header");
    }
    String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
    Matcher m = HEADER.matcher(header);
    if (!m.matches() || !m.group(1).equals(descr)) {
      throw new DamagedFileException(file, "expected a C-order " + descr + " array, header is "
          + header.trim());
    }
    int rows;
    int columns;
    try {
      rows = Integer.parseInt(m.group(2));
      columns = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
    } catch (NumberFormatException e) {
      throw new DamagedFileException(file, "its shape is too large: " + header.trim());
    }
    long expected = 4L * rows * columns;
    if (bytes.length - 10 - headerLength != expected) {
      throw new DamagedFileException(file, "expected " + expected + " data bytes for shape " + rows
          + " x " + columns + ", found " + (bytes.length - 10 - headerLength));
    }
    ByteBuffer data = ByteBuffer.wrap(bytes, 10 + headerLength, (int) expected).slice()
        .order(ByteOrder.LITTLE_ENDIAN);
    return new Parsed(data, rows, columns);
  }
}
