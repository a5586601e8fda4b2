package io.ib.data.mat;

import io.ib.data.DataFile;
import io.ib.data.files.ReadFailures;
import io.ib.data.files.Sha256;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntToDoubleFunction;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads the real 2-D numeric and logical matrices of a MATLAB level-5 MAT-file (what MATLAB's
 * {@code save} writes with {@code -v6} or {@code -v7}, its default format unless a preference selects
 * {@code -v7.3}; also what {@code scipy.io.savemat} and GNU Octave's {@code save -mat} write), and
 * refuses everything else in one line.
 *
 * <p>Format (MathWorks, "MAT-File Format", level 5):
 * <ul>
 *   <li>a 128-byte header: 116 bytes of text, 8 bytes of subsystem offset (ignored), the version
 *       {@code 0x0100} and the endian indicator: the bytes {@code 'I' 'M'} for a little-endian file,
 *       {@code 'M' 'I'} for a big-endian one. Version {@code 0x0200} is MATLAB v7.3, an HDF5 file:
 *       refused with that explanation, as are level-4 files (no header).</li>
 *   <li>then data elements, one per variable: an {@code miMATRIX} (type 14) element, or an
 *       {@code miCOMPRESSED} (type 15) element whose zlib stream inflates to exactly one
 *       {@code miMATRIX} element. Each element has an 8-byte tag (type and byte count as uint32 in
 *       the file's byte order), or a 4-byte "small data element" tag (byte count in the upper 16
 *       bits, type in the lower 16) with up to 4 bytes of data; uncompressed elements are padded to
 *       a multiple of 8 bytes.</li>
 *   <li>inside {@code miMATRIX}: array flags ({@code miUINT32} x 2: class in the low byte, logical
 *       flag {@code 0x200}, complex flag {@code 0x800}), dimensions ({@code miINT32}), the name
 *       ({@code miINT8}), and the real part in any numeric storage type; MATLAB narrows the storage
 *       type when values fit (a {@code double} variable of small integers is stored as
 *       {@code miUINT8}), and the class, not the storage type, is what {@link MatMatrix#arrayClass()}
 *       reports. Values are column-major in the file and row-major in {@link MatMatrix}.</li>
 * </ul>
 *
 * <p>Supported: classes {@code double}, {@code single}, {@code int8} to {@code uint64} and
 * {@code logical}, with exactly 2 dimensions (MATLAB never stores fewer; empty matrices, with a
 * dimension 0, are read). Refused when asked for by {@link #matrix}, in one line naming the file and
 * the variable: complex, sparse, cell, struct, char, object and function-handle arrays, and arrays of 3
 * or more dimensions. Refused when the file is read: truncated or corrupt data (zlib errors, sizes
 * that do not add up, unknown element types), two variables with one name, files over
 * {@value #MAX_BYTES} bytes. Every such problem is a {@link MatFormatException}; an unreadable file
 * an {@link IOException} naming the file and the cause. Nameless top-level arrays (MATLAB's subsystem
 * data for objects) are skipped.
 *
 * <p>The whole file is read into memory once, which also gives its SHA-256 ({@link #file()}).
 */
public final class MatFile {
  /** The largest file read: the largest Java array. */
  public static final long MAX_BYTES = Integer.MAX_VALUE - 8;

  private static final int HEADER_BYTES = 128;
  private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

  // Data types of elements.
  private static final int MI_INT8 = 1;
  private static final int MI_UINT8 = 2;
  private static final int MI_INT16 = 3;
  private static final int MI_UINT16 = 4;
  private static final int MI_INT32 = 5;
  private static final int MI_UINT32 = 6;
  private static final int MI_SINGLE = 7;
  private static final int MI_DOUBLE = 9;
  private static final int MI_INT64 = 12;
  private static final int MI_UINT64 = 13;
  private static final int MI_MATRIX = 14;
  private static final int MI_COMPRESSED = 15;

  // Array classes (mxCLASS), in the order of MatMatrix.ArrayClass from mxDOUBLE_CLASS on.
  private static final int MX_DOUBLE = 6;
  private static final int MX_UINT64 = 15;
  private static final int MX_UINT8 = 9;
  private static final int MX_OPAQUE = 17;
  private static final int LOGICAL_FLAG = 0x200;
  private static final int COMPLEX_FLAG = 0x800;

  /** A variable: its values if it was read, else why it cannot be (or null if not asked for). */
  private record Entry(MatMatrix matrix, String problem, long offset) {}

  private final Path path;
  private final DataFile file;
  private final String headerText;
  private final ByteOrder byteOrder;
  private final Map<String, Entry> variables;

  private MatFile(Path path, DataFile file, String headerText, ByteOrder byteOrder,
      Map<String, Entry> variables) {
    this.path = path;
    this.file = file;
    this.headerText = headerText;
    this.byteOrder = byteOrder;
    this.variables = variables;
  }

  /**
   * Reads a MAT-file and every variable in it.
   *
   * @param file a level-5 MAT-file
   * @return the file's variables
   * @throws MatFormatException if the file is not a well-formed level-5 MAT-file (see the class
   *     comment)
   * @throws IOException if the file cannot be read; the message is one line naming the file and the
   *     cause, e.g. {@code permission denied}
   */
  public static MatFile read(Path file) throws IOException {
    return read(file, null);
  }

  /**
   * Reads a MAT-file, converting only the named variables (the others are listed by {@link #names()};
   * their headers are checked, their values neither checked nor kept).
   *
   * @param file a level-5 MAT-file
   * @param variables the names of the variables to read, or null for all
   * @throws MatFormatException as {@link #read(Path)}
   * @throws IOException as {@link #read(Path)}
   */
  public static MatFile read(Path file, Collection<String> variables) throws IOException {
    Objects.requireNonNull(file, "file");
    Set<String> wanted = variables == null ? null : new HashSet<>(variables);
    byte[] bytes;
    long size;
    try {
      size = Files.size(file);
      bytes = size > MAX_BYTES ? null : Files.readAllBytes(file);
    } catch (IOException e) {
      throw ReadFailures.describe(file, e);
    }
    if (bytes == null) {
      throw new MatFormatException(file, null, -1, "the file has " + size + " bytes; at most "
          + MAX_BYTES + " can be read");
    }
    DataFile identity = new DataFile(file.getFileName().toString(), Sha256.of(bytes), bytes.length);
    return new Parser(file, bytes).parse(identity, wanted);
  }

  /** The path the file was read from. */
  public Path path() {
    return path;
  }

  /** Name, SHA-256 and size of the file. */
  public DataFile file() {
    return file;
  }

  /** The header's descriptive text, without trailing blanks, e.g. {@code MATLAB 5.0 MAT-file, ...}. */
  public String headerText() {
    return headerText;
  }

  /** The file's byte order, from its endian indicator. */
  public ByteOrder byteOrder() {
    return byteOrder;
  }

  /** The names of all named variables, in file order, whether or not they can be read as matrices. */
  public List<String> names() {
    return List.copyOf(variables.keySet());
  }

  /**
   * One variable as a real 2-D matrix.
   *
   * @param name the variable's name (case-sensitive, as in MATLAB)
   * @return its values
   * @throws MatFormatException if there is no such variable (the message lists those there are), or
   *     it is not a real 2-D numeric or logical matrix (the message says what it is)
   * @throws IllegalArgumentException if the file was read with a list of variables that lacks
   *     {@code name}
   */
  public MatMatrix matrix(String name) throws MatFormatException {
    Objects.requireNonNull(name, "name");
    Entry entry = variables.get(name);
    if (entry == null) {
      throw new MatFormatException(path, name, -1, "no such variable; the file holds "
          + (variables.isEmpty() ? "no variables" : String.join(", ", variables.keySet())));
    }
    if (entry.problem() != null) {
      throw new MatFormatException(path, name, entry.offset(), entry.problem());
    }
    if (entry.matrix() == null) {
      throw new IllegalArgumentException("variable '" + name + "' of " + path.getFileName()
          + " was not among the variables asked for when the file was read");
    }
    return entry.matrix();
  }

  /** One pass over the bytes of a file; not thread-safe, used once. */
  private static final class Parser {
    private final Path path;
    private final byte[] bytes;
    /** File offset of the top-level element being parsed, for messages. */
    private long element;
    /** Name of the variable being parsed, once known, for messages. */
    private String variable;
    /** Type of the sub-element {@link #sub} read last. */
    private int lastType;

    Parser(Path path, byte[] bytes) {
      this.path = path;
      this.bytes = bytes;
    }

    private MatFormatException fail(String problem) {
      return new MatFormatException(path, variable, element, problem);
    }

    private MatFormatException failAt(long offset, String problem) {
      return new MatFormatException(path, null, offset, problem);
    }

    MatFile parse(DataFile identity, Set<String> wanted) throws MatFormatException {
      ByteOrder order = header();
      String text = new String(bytes, 0, 116, StandardCharsets.US_ASCII).replaceAll("[\\s\\x00]+$", "");
      ByteBuffer file = ByteBuffer.wrap(bytes).order(order);
      Map<String, Entry> variables = new LinkedHashMap<>();
      Map<String, Long> offsets = new LinkedHashMap<>();
      int pos = HEADER_BYTES;
      while (pos < bytes.length) {
        element = pos;
        variable = null;
        int left = bytes.length - pos;
        if (left < 8) {
          throw fail("truncated: " + left + " bytes after the last element, too few for an element"
              + " tag (8 bytes)");
        }
        int type = file.getInt(pos);
        long size = file.getInt(pos + 4) & 0xFFFFFFFFL;
        if (size > left - 8) {
          throw fail("truncated: the element's tag says " + size + " bytes follow, the file has "
              + (left - 8));
        }
        ByteBuffer body;
        if (type == MI_COMPRESSED) {
          body = inflated(pos + 8, (int) size, order);
          pos += 8 + (int) size; // compressed elements are not padded
        } else if (type == MI_MATRIX) {
          body = slice(file, pos + 8, (int) size);
          long end = pos + 8 + size + padding(size);
          if (end > bytes.length) {
            throw fail("truncated: the file ends inside the padding after the element");
          }
          pos = (int) end;
        } else {
          throw fail("expected a matrix (miMATRIX, type 14) or compressed (miCOMPRESSED, type 15)"
              + " element, found type " + type);
        }
        Entry entry = matrix(body, wanted);
        if (variable == null || variable.isEmpty()) {
          continue; // nameless: MATLAB's subsystem data
        }
        Long earlier = offsets.put(variable, element);
        if (earlier != null) {
          throw fail("appears twice, also at byte " + earlier + "; a variable name must be unique");
        }
        variables.put(variable, entry);
      }
      return new MatFile(path, identity, text, order, variables);
    }

    /** Checks the 128-byte header and returns the file's byte order. */
    private ByteOrder header() throws MatFormatException {
      // A v7.3 file has a MAT header with version 0x0200 (below) before its HDF5 data at byte 512;
      // a plain HDF5 file has the signature at byte 0.
      if (startsWith(HDF5_SIGNATURE, 0)) {
        throw failAt(0, "an HDF5 file (the format of MATLAB's -v7.3), not a level-5 MAT-file; save"
            + " the variables with save(..., '-v7') or export them as CSV");
      }
      // A level-4 file starts with a small int32 (its type code), so with zero bytes; a level-5
      // header starts with text.
      if (bytes.length >= 4 && (bytes[0] == 0 || bytes[1] == 0 || bytes[2] == 0 || bytes[3] == 0)) {
        throw failAt(0, "not a level-5 MAT-file: it starts with zero bytes, not header text (a"
            + " level-4 MAT-file, which ib does not read? save with save(..., '-v7'))");
      }
      if (bytes.length < HEADER_BYTES) {
        throw failAt(0, "truncated: a level-5 MAT-file starts with a 128-byte header, the file has "
            + bytes.length + " bytes");
      }
      ByteOrder order;
      if (bytes[126] == 'I' && bytes[127] == 'M') {
        order = ByteOrder.LITTLE_ENDIAN;
      } else if (bytes[126] == 'M' && bytes[127] == 'I') {
        order = ByteOrder.BIG_ENDIAN;
      } else {
        throw failAt(126, String.format("not a level-5 MAT-file: expected the endian indicator 'IM'"
            + " or 'MI', found 0x%02x 0x%02x", bytes[126] & 0xFF, bytes[127] & 0xFF));
      }
      int version = ByteBuffer.wrap(bytes).order(order).getShort(124) & 0xFFFF;
      if (version == 0x0200) {
        throw failAt(124, "a MATLAB v7.3 MAT-file: that format is HDF5, which ib does not read; save"
            + " the variables with save(..., '-v7') or export them as CSV");
      }
      if (version != 0x0100) {
        throw failAt(124, String.format("unsupported MAT-file version 0x%04x, expected 0x0100"
            + " (level 5)", version));
      }
      return order;
    }

    private boolean startsWith(byte[] prefix, int at) {
      return bytes.length >= at + prefix.length
          && Arrays.equals(bytes, at, at + prefix.length, prefix, 0, prefix.length);
    }

    /** Inflates a compressed element and returns the body of the one miMATRIX element inside. */
    private ByteBuffer inflated(int offset, int length, ByteOrder order) throws MatFormatException {
      byte[] out = new byte[Math.max(64, (int) Math.min(1 << 20, 4L * length))];
      int n = 0;
      Inflater inflater = new Inflater();
      try {
        inflater.setInput(bytes, offset, length);
        while (!inflater.finished()) {
          if (n == out.length) {
            if (out.length >= MAX_BYTES) {
              throw fail("the compressed element inflates to more than " + MAX_BYTES + " bytes");
            }
            out = Arrays.copyOf(out, (int) Math.min(MAX_BYTES, 2L * out.length));
          }
          int got = inflater.inflate(out, n, out.length - n);
          n += got;
          if (got == 0 && inflater.needsDictionary()) {
            throw fail("corrupt zlib data: the stream asks for a preset dictionary");
          }
          if (got == 0 && inflater.needsInput()) {
            throw fail("truncated zlib data: the " + length + " compressed bytes end before the zlib"
                + " stream does");
          }
        }
        if (inflater.getRemaining() > 0) {
          throw fail("corrupt compressed element: " + inflater.getRemaining() + " of its " + length
              + " bytes follow the end of the zlib stream");
        }
      } catch (DataFormatException e) {
        throw new MatFormatException(path, null, element, "corrupt zlib data: " + e.getMessage(), e);
      } finally {
        inflater.end();
      }
      ByteBuffer inner = ByteBuffer.wrap(out, 0, n).order(order);
      if (n < 8) {
        throw fail("truncated: the compressed element inflates to " + n + " bytes, too few for an"
            + " element tag (8 bytes)");
      }
      int type = inner.getInt(0);
      long size = inner.getInt(4) & 0xFFFFFFFFL;
      if (type != MI_MATRIX) {
        throw fail("the compressed element holds an element of type " + type
            + ", expected a matrix (miMATRIX, type 14)");
      }
      if (size != n - 8L) {
        throw fail("sizes do not add up: the compressed element inflates to " + n + " bytes, its"
            + " matrix's tag says 8 + " + size);
      }
      return slice(inner, 8, n - 8);
    }

    /** Parses the body of one miMATRIX element; the variable's name is left in {@link #variable}. */
    private Entry matrix(ByteBuffer body, Set<String> wanted) throws MatFormatException {
      ByteBuffer flags = sub(body, "array flags", MI_UINT32);
      if (flags.remaining() != 8) {
        throw fail("array flags hold " + flags.remaining() + " bytes, expected 8");
      }
      int word = flags.getInt(0);
      int arrayClass = word & 0xFF;
      if (arrayClass == MX_OPAQUE) {
        // Objects (MCOS) follow another, undocumented layout: take the name if it is where it
        // usually is, else skip the element as nameless.
        try {
          variable = name(sub(body, "the name", MI_INT8));
        } catch (MatFormatException e) {
          variable = null;
        }
        return unsupported("a MATLAB object (opaque class), not a numeric matrix");
      }
      ByteBuffer dimsData = sub(body, "the dimensions", MI_INT32);
      if (dimsData.remaining() < 8 || dimsData.remaining() % 4 != 0) {
        throw fail("the dimensions hold " + dimsData.remaining() + " bytes, expected a multiple of 4,"
            + " at least 8");
      }
      int[] dims = new int[dimsData.remaining() / 4];
      for (int i = 0; i < dims.length; i++) {
        dims[i] = dimsData.getInt(4 * i);
        if (dims[i] < 0) {
          throw fail("dimension " + (i + 1) + " is " + dims[i] + ", expected at least 0");
        }
      }
      variable = name(sub(body, "the name", MI_INT8));
      String kind = unsupportedClass(arrayClass);
      if (kind != null) {
        return unsupported(kind + ", not a numeric matrix; only real numeric and logical matrices"
            + " can be read");
      }
      if (arrayClass < MX_DOUBLE || arrayClass > MX_UINT64) {
        throw fail("unknown array class " + arrayClass + " in the array flags");
      }
      if ((word & COMPLEX_FLAG) != 0) {
        return unsupported("complex arrays are not supported, only real ones");
      }
      if (dims.length != 2) {
        return unsupported("has " + dims.length + " dimensions (" + shape(dims) + "); only 2-D"
            + " matrices can be read");
      }
      long count = (long) dims[0] * dims[1];
      if (count > MAX_BYTES) {
        return unsupported("is " + shape(dims) + ", more than " + MAX_BYTES + " values");
      }
      if (variable.isEmpty() || (wanted != null && !wanted.contains(variable))) {
        return new Entry(null, null, element);
      }
      ByteBuffer real = sub(body, "the real part", -1);
      int width = width(lastType);
      if (width == 0) {
        throw fail("the real part has type " + lastType + ", expected a numeric type (1-7, 9, 12 or 13)");
      }
      if (real.remaining() != count * width) {
        throw fail("sizes do not add up: the real part holds " + real.remaining() + " bytes of type "
            + lastType + " (" + width + " bytes each), a " + shape(dims) + " matrix needs " + count
            + " values");
      }
      if (body.hasRemaining()) {
        throw fail("sizes do not add up: " + body.remaining() + " bytes follow the real part inside"
            + " the matrix element");
      }
      MatMatrix.ArrayClass type = (word & LOGICAL_FLAG) != 0 && arrayClass == MX_UINT8
          ? MatMatrix.ArrayClass.LOGICAL : MatMatrix.ArrayClass.values()[arrayClass - MX_DOUBLE];
      return new Entry(new MatMatrix(variable, type, dims[0], dims[1],
          rowMajor(real, lastType, dims[0], dims[1])), null, element);
    }

    private Entry unsupported(String problem) {
      return new Entry(null, problem, element);
    }

    /**
     * Reads one sub-element at the buffer's position and moves past it and its padding.
     *
     * @param what the sub-element's role, for messages
     * @param expectedType the required type, or -1 for any
     * @return its data, in the file's byte order
     */
    private ByteBuffer sub(ByteBuffer b, String what, int expectedType) throws MatFormatException {
      if (b.remaining() < 4) {
        throw fail("truncated: the matrix element ends before " + what);
      }
      int word = b.getInt();
      int type;
      ByteBuffer data;
      if ((word >>> 16) != 0) { // small data element: size and type in one word, 4 data bytes
        type = word & 0xFFFF;
        int size = word >>> 16;
        if (size > 4) {
          throw fail(what + ": a small data element holds at most 4 bytes, its tag says " + size);
        }
        if (b.remaining() < 4) {
          throw fail("truncated: the matrix element ends inside " + what);
        }
        data = slice(b, b.position(), size);
        b.position(b.position() + 4);
      } else {
        if (b.remaining() < 4) {
          throw fail("truncated: the matrix element ends inside the tag of " + what);
        }
        type = word;
        long size = b.getInt() & 0xFFFFFFFFL;
        if (size > b.remaining()) {
          throw fail("sizes do not add up: " + what + " claims " + size + " bytes, the matrix element"
              + " has " + b.remaining() + " left");
        }
        data = slice(b, b.position(), (int) size);
        long next = b.position() + size + padding(size);
        if (next > b.limit()) {
          throw fail("sizes do not add up: the padding after " + what + " runs past the end of the"
              + " matrix element");
        }
        b.position((int) next);
      }
      if (expectedType >= 0 && type != expectedType) {
        throw fail(what + " has type " + type + ", expected " + expectedType);
      }
      lastType = type;
      return data;
    }

    private static String name(ByteBuffer data) {
      byte[] text = new byte[data.remaining()];
      data.get(0, text);
      return new String(text, StandardCharsets.UTF_8);
    }
  }

  private static ByteBuffer slice(ByteBuffer b, int offset, int length) {
    return b.slice(offset, length).order(b.order());
  }

  private static long padding(long size) {
    return (8 - size % 8) % 8;
  }

  private static String shape(int[] dims) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < dims.length; i++) {
      sb.append(i == 0 ? "" : " x ").append(dims[i]);
    }
    return sb.toString();
  }

  /** What an array class that is not numeric is, or null for numeric classes and unknown ones. */
  private static String unsupportedClass(int arrayClass) {
    return switch (arrayClass) {
      case 1 -> "a cell array";
      case 2 -> "a struct";
      case 3 -> "an object";
      case 4 -> "a char array";
      case 5 -> "a sparse matrix";
      case 16 -> "a function handle";
      default -> null;
    };
  }

  /** Bytes per value of a numeric storage type, 0 for other types. */
  private static int width(int type) {
    return switch (type) {
      case MI_INT8, MI_UINT8 -> 1;
      case MI_INT16, MI_UINT16 -> 2;
      case MI_INT32, MI_UINT32, MI_SINGLE -> 4;
      case MI_DOUBLE, MI_INT64, MI_UINT64 -> 8;
      default -> 0;
    };
  }

  /** Converts column-major values of a numeric storage type to row-major doubles. */
  private static double[] rowMajor(ByteBuffer b, int type, int rows, int columns) {
    IntToDoubleFunction value = switch (type) {
      case MI_INT8 -> k -> b.get(k);
      case MI_UINT8 -> k -> b.get(k) & 0xFF;
      case MI_INT16 -> k -> b.getShort(2 * k);
      case MI_UINT16 -> k -> b.getShort(2 * k) & 0xFFFF;
      case MI_INT32 -> k -> b.getInt(4 * k);
      case MI_UINT32 -> k -> b.getInt(4 * k) & 0xFFFFFFFFL;
      case MI_SINGLE -> k -> b.getFloat(4 * k);
      case MI_DOUBLE -> k -> b.getDouble(8 * k);
      case MI_INT64 -> k -> b.getLong(8 * k);
      case MI_UINT64 -> k -> unsignedToDouble(b.getLong(8 * k));
      default -> throw new IllegalArgumentException("not a numeric type: " + type);
    };
    double[] out = new double[rows * columns];
    int k = 0;
    for (int c = 0; c < columns; c++) {
      for (int r = 0; r < rows; r++) {
        out[r * columns + c] = value.applyAsDouble(k++);
      }
    }
    return out;
  }

  /** The nearest double to an unsigned 64-bit value (halving keeps the lowest bit as a sticky bit). */
  static double unsignedToDouble(long v) {
    return v >= 0 ? v : ((v >>> 1) | (v & 1)) * 2.0;
  }
}
