package io.ib.data.mat;

import static io.ib.data.mat.MatFile.MAX_BYTES;
import static io.ib.data.mat.MatTypes.COMPLEX_FLAG;
import static io.ib.data.mat.MatTypes.LOGICAL_FLAG;
import static io.ib.data.mat.MatTypes.MI_COMPRESSED;
import static io.ib.data.mat.MatTypes.MI_INT32;
import static io.ib.data.mat.MatTypes.MI_INT8;
import static io.ib.data.mat.MatTypes.MI_MATRIX;
import static io.ib.data.mat.MatTypes.MI_UINT32;
import static io.ib.data.mat.MatTypes.MX_DOUBLE;
import static io.ib.data.mat.MatTypes.MX_OPAQUE;
import static io.ib.data.mat.MatTypes.MX_UINT64;
import static io.ib.data.mat.MatTypes.MX_UINT8;
import static io.ib.data.mat.MatTypes.padding;
import static io.ib.data.mat.MatTypes.rowMajor;
import static io.ib.data.mat.MatTypes.shape;
import static io.ib.data.mat.MatTypes.slice;
import static io.ib.data.mat.MatTypes.unsupportedClass;
import static io.ib.data.mat.MatTypes.width;

import io.ib.data.DataFile;
import io.ib.data.mat.MatFile.Entry;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * One pass over the bytes of a MAT-file ({@link MatFile} describes the format): the header, the
 * top-level elements (inflating compressed ones) and, inside each, the variable's sub-elements. Not
 * thread-safe; used once.
 */
final class MatParser {
  private static final int HEADER_BYTES = 128;
  private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

  private final Path path;
  private final byte[] bytes;
  /** File offset of the top-level element being parsed, for messages. */
  private long element;
  /** Name of the variable being parsed, once known, for messages. */
  private String variable;
  /** Type of the sub-element {@link #sub} read last. */
  private int lastType;

  MatParser(Path path, byte[] bytes) {
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
