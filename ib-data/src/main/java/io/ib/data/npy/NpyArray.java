package io.ib.data.npy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One array of a {@code .npy} file (format versions 1.0, 2.0 and 3.0): its dtype, shape and data bytes,
 * with each element readable as a double. Supported dtypes: float16/32/64, signed and unsigned integers
 * of 1 to 8 bytes and bool, little- or big-endian, in C or Fortran order. Structured, complex, string,
 * date and object (pickled) arrays are refused.
 *
 * <p>Layout (NumPy's {@code numpy.lib.format}): the magic {@code \x93NUMPY}, a major and minor version
 * byte, the header length (uint16 little-endian in version 1, uint32 in 2 and 3), the header (a Python
 * dict literal with the keys {@code descr}, {@code fortran_order} and {@code shape}), then the data.
 */
final class NpyArray {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
  private static final Pattern TYPE = Pattern.compile("([<>|=])([fiub])(\\d+)");

  final Path file;
  final String descr;
  /** 'f', 'i', 'u' or 'b'. */
  final char kind;
  final int size;
  final boolean fortranOrder;
  final long[] shape;
  final int count;
  private final ByteBuffer data;

  private NpyArray(Path file, String descr, boolean fortranOrder, long[] shape, int count,
      ByteBuffer data) {
    this.file = file;
    this.descr = descr;
    this.kind = descr.charAt(1);
    this.size = Integer.parseInt(descr.substring(2));
    this.fortranOrder = fortranOrder;
    this.shape = shape;
    this.count = count;
    this.data = data;
  }

  /** Parses the bytes of a {@code .npy} file; {@code file} names it in messages. */
  static NpyArray parse(byte[] bytes, Path file) throws ArrayFormatException {
    if (bytes.length < 10 || !Arrays.equals(bytes, 0, 6, MAGIC, 0, 6)) {
      throw new ArrayFormatException(file, "not a .npy file: it does not start with \\x93NUMPY");
    }
    int major = bytes[6];
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    long headerLength;
    int start;
    if (major == 1) {
      headerLength = Short.toUnsignedInt(buffer.getShort(8));
      start = 10;
    } else if ((major == 2 || major == 3) && bytes.length >= 12) {
      headerLength = Integer.toUnsignedLong(buffer.getInt(8));
      start = 12;
    } else {
      throw new ArrayFormatException(file, "unsupported .npy format version " + major + "."
          + bytes[7] + "; expected 1.0, 2.0 or 3.0");
    }
    if (start + headerLength > bytes.length) {
      throw new ArrayFormatException(file, "truncated: the header needs " + headerLength
          + " bytes, the file has " + (bytes.length - start) + " after the magic");
    }
    String header = new String(bytes, start, (int) headerLength,
        major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1).strip();
    String descr = descr(header, file);
    boolean fortranOrder = group(FORTRAN, header, "fortran_order", file).equals("True");
    long[] shape = shape(group(SHAPE, header, "shape", file), file);
    int dataStart = start + (int) headerLength;
    int elementSize = Integer.parseInt(descr.substring(2));
    long count = 1;
    for (long extent : shape) {
      count *= extent;
      if (count > Integer.MAX_VALUE - 8) {
        throw new ArrayFormatException(file, "too large: shape " + shapeText(shape)
            + " has more values than one array can hold (2^31)");
      }
    }
    long expected = count * elementSize;
    long found = bytes.length - dataStart;
    if (found != expected) {
      throw new ArrayFormatException(file, (found < expected ? "truncated" : "too long")
          + ": shape " + shapeText(shape) + " of '" + descr + "' needs " + expected
          + " data bytes, found " + found);
    }
    ByteOrder order = descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    ByteBuffer data = ByteBuffer.wrap(bytes, dataStart, (int) expected).slice().order(order);
    return new NpyArray(file, descr, fortranOrder, shape, (int) count, data);
  }

  private static String descr(String header, Path file) throws ArrayFormatException {
    Matcher m = DESCR.matcher(header);
    if (!m.find()) {
      if (header.matches("(?s).*'descr'\\s*:\\s*\\[.*")) {
        throw new ArrayFormatException(file, "structured arrays (records with named fields) are not"
            + " supported; save a plain numeric array");
      }
      throw new ArrayFormatException(file, "malformed .npy header, no 'descr': " + oneLine(header));
    }
    String descr = m.group(1);
    Matcher t = TYPE.matcher(descr);
    if (!t.matches() || !supported(t.group(2).charAt(0), Integer.parseInt(t.group(3)))) {
      throw new ArrayFormatException(file, "unsupported dtype '" + descr + "'" + kindName(descr)
          + "; expected float16/32/64, int8..int64, uint8..uint64 or bool");
    }
    if (t.group(1).equals("=")) {
      throw new ArrayFormatException(file, "dtype '" + descr + "' has no stated byte order;"
          + " expected '<' or '>' (NumPy writes one)");
    }
    return descr;
  }

  private static boolean supported(char kind, int size) {
    return switch (kind) {
      case 'f' -> size == 2 || size == 4 || size == 8;
      case 'i', 'u' -> size == 1 || size == 2 || size == 4 || size == 8;
      case 'b' -> size == 1;
      default -> false;
    };
  }

  private static String kindName(String descr) {
    if (descr.length() < 2) {
      return "";
    }
    return switch (descr.charAt(1)) {
      case 'c' -> " (complex)";
      case 'O' -> " (Python objects, pickled)";
      case 'U', 'S', 'a' -> " (strings)";
      case 'M', 'm' -> " (dates or times)";
      case 'V' -> " (raw bytes)";
      default -> "";
    };
  }

  private static String group(Pattern pattern, String header, String key, Path file)
      throws ArrayFormatException {
    Matcher m = pattern.matcher(header);
    if (!m.find()) {
      throw new ArrayFormatException(file, "malformed .npy header, no '" + key + "': " + oneLine(header));
    }
    return m.group(1);
  }

  private static long[] shape(String text, Path file) throws ArrayFormatException {
    List<Long> extents = new ArrayList<>();
    for (String part : text.split(",")) {
      String extent = part.strip().replaceFirst("[lL]$", "");
      if (extent.isEmpty()) {
        continue;
      }
      try {
        extents.add(Long.parseLong(extent));
      } catch (NumberFormatException e) {
        throw new ArrayFormatException(file, "malformed .npy shape (" + text + ")");
      }
      if (extents.get(extents.size() - 1) < 0) {
        throw new ArrayFormatException(file, "malformed .npy shape (" + text + ")");
      }
    }
    return extents.stream().mapToLong(Long::longValue).toArray();
  }

  /** The shape as NumPy prints it, e.g. {@code (5, 3)} or {@code (5,)}. */
  static String shapeText(long[] shape) {
    StringBuilder text = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      text.append(i > 0 ? ", " : "").append(shape[i]);
    }
    return text.append(shape.length == 1 ? ",)" : ")").toString();
  }

  /** True for an integer or bool dtype, whose values are exact integers. */
  boolean integral() {
    return kind != 'f';
  }

  /** Element {@code i} in file order, as a double (exact for all but int64/uint64 beyond 2^53). */
  double get(int i) {
    int at = i * size;
    return switch (kind) {
      case 'f' -> size == 2 ? Float16.toFloat(data.getShort(at))
          : size == 4 ? data.getFloat(at) : data.getDouble(at);
      case 'b' -> data.get(at) != 0 ? 1 : 0;
      case 'i' -> integer(at);
      default -> unsigned(at);
    };
  }

  private long integer(int at) {
    return switch (size) {
      case 1 -> data.get(at);
      case 2 -> data.getShort(at);
      case 4 -> data.getInt(at);
      default -> data.getLong(at);
    };
  }

  private double unsigned(int at) {
    return switch (size) {
      case 1 -> Byte.toUnsignedInt(data.get(at));
      case 2 -> Short.toUnsignedInt(data.getShort(at));
      case 4 -> Integer.toUnsignedLong(data.getInt(at));
      default -> Double.parseDouble(Long.toUnsignedString(data.getLong(at)));
    };
  }

  /** The values as float32 in file order; float32 data is copied in bulk. */
  float[] floatsInFileOrder() {
    float[] values = new float[count];
    if (kind == 'f' && size == 4) {
      data.asFloatBuffer().get(values);
    } else {
      for (int i = 0; i < count; i++) {
        values[i] = (float) get(i);
      }
    }
    return values;
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s*\\R\\s*", " ").strip();
  }
}
