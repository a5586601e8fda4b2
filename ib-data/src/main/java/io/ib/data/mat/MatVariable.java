package io.ib.data.mat;

import static io.ib.data.mat.MatFile.MAX_BYTES;
import static io.ib.data.mat.MatTypes.COMPLEX_FLAG;
import static io.ib.data.mat.MatTypes.LOGICAL_FLAG;
import static io.ib.data.mat.MatTypes.MI_INT32;
import static io.ib.data.mat.MatTypes.MI_INT8;
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

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;

/**
 * One variable: the body of one miMATRIX element (array flags, dimensions, name, real part), parsed
 * in two steps, its header ({@link #header}) and then its values ({@link #entry}), so that a
 * compressed variable's header can decide how much of it is inflated ({@link MatParser}). Holds what
 * messages name: the element's offset and, once read, the variable's name and what it declares.
 * Not thread-safe; one per element.
 */
final class MatVariable {
  /**
   * What a variable's header says.
   *
   * @param flags the array flags word (class in the low byte)
   * @param dims the dimensions, or null for an object (whose layout is not read)
   * @param problem why it cannot be read as a real 2-D matrix, or null if it can
   */
  record Header(int flags, int[] dims, String problem) {
    /** Number of values of a readable matrix. */
    long count() {
      return (long) dims[0] * dims[1];
    }
  }

  private final Path path;
  private final long element;
  /** The variable's name, once read; null before (or for an object whose name is not found). */
  private String name;
  /** What the header declares, e.g. {@code 4096 x 12 logical}, for messages; null before. */
  private String declared;
  /** Type of the sub-element {@link #sub} read last. */
  private int lastType;
  /**
   * What a sub-element that runs past the end of the body means when the body is only the start of
   * a compressed element ({@link #readingPrefix}); null when the body is whole.
   */
  private String cut;

  MatVariable(Path path, long element) {
    this.path = path;
    this.element = element;
  }

  /** The variable's name, or null if not (yet) known. */
  String name() {
    return name;
  }

  /** The header's declaration, e.g. {@code 4096 x 12 logical}, or null if not (yet) known. */
  String declared() {
    return declared;
  }

  MatFormatException fail(String problem) {
    return new MatFormatException(path, name, element, problem);
  }

  MatFormatException fail(String problem, Throwable cause) {
    return new MatFormatException(path, name, element, problem, cause);
  }

  /**
   * Marks the body as the start of a longer element, or (null) as whole again.
   *
   * @param cut the problem to report when a sub-element runs past the end of the start (a header too
   *     long to read, or a stream that ended there), instead of a truncated element
   */
  void readingPrefix(String cut) {
    this.cut = cut;
  }

  /**
   * Parses array flags, dimensions and name, leaving the buffer at the real part and the name in
   * {@link #name()}.
   */
  Header header(ByteBuffer body) throws MatFormatException {
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
        name = text(sub(body, "the name", MI_INT8));
      } catch (MatFormatException e) {
        name = null;
      }
      return new Header(word, null, "a MATLAB object (opaque class), not a numeric matrix");
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
    name = text(sub(body, "the name", MI_INT8));
    String kind = unsupportedClass(arrayClass);
    if (kind != null) {
      return new Header(word, dims, kind + ", not a numeric matrix; only real numeric and logical"
          + " matrices can be read");
    }
    if (arrayClass < MX_DOUBLE || arrayClass > MX_UINT64) {
      throw fail("unknown array class " + arrayClass + " in the array flags");
    }
    declared = shape(dims) + " " + arrayClass(word).matlabName();
    if ((word & COMPLEX_FLAG) != 0) {
      return new Header(word, dims, "complex arrays are not supported, only real ones");
    }
    if (dims.length != 2) {
      return new Header(word, dims, "has " + dims.length + " dimensions (" + shape(dims) + "); only"
          + " 2-D matrices can be read");
    }
    if ((long) dims[0] * dims[1] > MAX_BYTES) {
      return new Header(word, dims, "is " + shape(dims) + ", more than " + MAX_BYTES + " values");
    }
    return new Header(word, dims, null);
  }

  /** Whether the values of a variable with this header are read: a named real 2-D matrix asked for. */
  boolean kept(Header header, Set<String> wanted) {
    return header.problem() == null && !name.isEmpty() && (wanted == null || wanted.contains(name));
  }

  /**
   * The size of the whole body that the header and the real part's tag declare, for a kept matrix
   * whose values are not yet inflated: the buffer stands at the real part, whose tag must promise
   * exactly one value of its storage type per element of the dimensions.
   */
  long declaredBodyBytes(ByteBuffer body, Header header) throws MatFormatException {
    int at = body.position();
    if (body.remaining() < 8) {
      throw ended("truncated: the matrix element ends inside the tag of the real part");
    }
    int word = body.getInt(at);
    boolean small = (word >>> 16) != 0;
    int type = small ? word & 0xFFFF : word;
    long size = small ? word >>> 16 : body.getInt(at + 4) & 0xFFFFFFFFL;
    requireValues(type, size, header);
    return small ? at + 8L : at + 8L + size + padding(size);
  }

  /**
   * The entry for a whole body: the header, then for a kept matrix its values (the body must end
   * with them).
   */
  MatEntry entry(ByteBuffer body, Set<String> wanted) throws MatFormatException {
    Header header = header(body);
    if (!kept(header, wanted)) {
      return new MatEntry(null, header.problem(), element);
    }
    ByteBuffer real = sub(body, "the real part", -1);
    requireValues(lastType, real.remaining(), header);
    if (body.hasRemaining()) {
      throw fail("sizes do not add up: " + body.remaining() + " bytes follow the real part inside"
          + " the matrix element");
    }
    int[] dims = header.dims();
    requireHeap(8 * header.count(), 8 * header.count() + " bytes as doubles");
    double[] values;
    try {
      values = rowMajor(real, lastType, dims[0], dims[1]);
    } catch (OutOfMemoryError e) { // one allocation, nothing else half done
      throw fail("a " + declared + " matrix needs " + 8 * header.count() + " bytes as doubles, more"
          + " than the Java heap has free (raise -Xmx)");
    }
    return new MatEntry(new MatMatrix(name, arrayClass(header.flags()), dims[0], dims[1], values), null,
        element);
  }

  /**
   * Refuses a variable whose values need more memory than the Java heap can ever hold, before they
   * are allocated.
   *
   * @param bytes the memory needed
   * @param what what it is, for the message
   */
  void requireHeap(long bytes, String what) throws MatFormatException {
    long max = Runtime.getRuntime().maxMemory();
    if (bytes > max) {
      throw fail("a " + declared + " matrix needs " + what + ", more than the Java heap's maximum of "
          + max + " bytes (raise -Xmx)");
    }
  }

  /** Checks a real part of {@code bytes} bytes in a storage type against the dimensions. */
  private void requireValues(int type, long bytes, Header header) throws MatFormatException {
    int width = width(type);
    if (width == 0) {
      throw fail("the real part has type " + type + ", expected a numeric type (1-7, 9, 12 or 13)");
    }
    long count = header.count();
    if (bytes != count * width) { // count < 2^31 and width <= 8: no overflow
      throw fail("sizes do not add up: the real part holds " + bytes + " bytes of type " + type + " ("
          + width + " bytes each), a " + shape(header.dims()) + " matrix needs " + count + " values");
    }
  }

  private static MatMatrix.ArrayClass arrayClass(int flags) {
    int arrayClass = flags & 0xFF;
    return (flags & LOGICAL_FLAG) != 0 && arrayClass == MX_UINT8
        ? MatMatrix.ArrayClass.LOGICAL : MatMatrix.ArrayClass.values()[arrayClass - MX_DOUBLE];
  }

  /** The failure for a sub-element that runs past the end of the body. */
  private MatFormatException ended(String problem) {
    return fail(cut == null ? problem : cut);
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
      throw ended("truncated: the matrix element ends before " + what);
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
        throw ended("truncated: the matrix element ends inside " + what);
      }
      data = slice(b, b.position(), size);
      b.position(b.position() + 4);
    } else {
      if (b.remaining() < 4) {
        throw ended("truncated: the matrix element ends inside the tag of " + what);
      }
      type = word;
      long size = b.getInt() & 0xFFFFFFFFL;
      if (size > b.remaining()) {
        throw ended("sizes do not add up: " + what + " claims " + size + " bytes, the matrix element"
            + " has " + b.remaining() + " left");
      }
      data = slice(b, b.position(), (int) size);
      long next = b.position() + size + padding(size);
      if (next > b.limit()) {
        throw ended("sizes do not add up: the padding after " + what + " runs past the end of the"
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

  private static String text(ByteBuffer data) {
    byte[] text = new byte[data.remaining()];
    data.get(0, text);
    return new String(text, StandardCharsets.UTF_8);
  }
}
