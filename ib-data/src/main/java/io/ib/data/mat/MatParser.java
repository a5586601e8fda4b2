package io.ib.data.mat;

import static io.ib.data.mat.MatFile.MAX_BYTES;
import static io.ib.data.mat.MatTypes.MI_COMPRESSED;
import static io.ib.data.mat.MatTypes.MI_MATRIX;
import static io.ib.data.mat.MatTypes.padding;
import static io.ib.data.mat.MatTypes.slice;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One pass over the bytes of a MAT-file ({@link MatFile} describes the format): the header, the
 * top-level elements (inflating compressed ones) and, inside each, the variable's sub-elements. Not
 * thread-safe; used once.
 */
final class MatParser {
  private static final int HEADER_BYTES = 128;
  /** Bytes of a compressed element inflated before its variable's header is read. */
  private static final int PREFIX_BYTES = 1 << 16;
  private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

  private final Path path;
  private final byte[] bytes;
  /** File offset of the top-level element being parsed, for messages. */
  private long element;

  MatParser(Path path, byte[] bytes) {
    this.path = path;
    this.bytes = bytes;
  }

  private MatFormatException fail(String problem) {
    return new MatFormatException(path, null, element, problem);
  }

  private MatFormatException failAt(long offset, String problem) {
    return new MatFormatException(path, null, offset, problem);
  }

  /** What one pass found: the header's text, the byte order and the variables by name. */
  record Parsed(String headerText, ByteOrder order, Map<String, MatEntry> variables) {}

  Parsed parse(Set<String> wanted) throws MatFormatException {
    ByteOrder order = header();
    String text = new String(bytes, 0, 116, StandardCharsets.US_ASCII).replaceAll("[\\s\\x00]+$", "");
    ByteBuffer file = ByteBuffer.wrap(bytes).order(order);
    Map<String, MatEntry> variables = new LinkedHashMap<>();
    Map<String, Long> offsets = new LinkedHashMap<>();
    int pos = HEADER_BYTES;
    while (pos < bytes.length) {
      element = pos;
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
      MatVariable v = new MatVariable(path, element);
      MatEntry entry;
      if (type == MI_COMPRESSED) {
        entry = compressed(v, pos + 8, (int) size, order, wanted);
        pos += 8 + (int) size; // compressed elements are not padded
      } else if (type == MI_MATRIX) {
        long end = pos + 8 + size + padding(size);
        if (end > bytes.length) {
          throw fail("truncated: the file ends inside the padding after the element");
        }
        entry = v.entry(slice(file, pos + 8, (int) size), wanted);
        pos = (int) end;
      } else {
        throw fail("expected a matrix (miMATRIX, type 14) or compressed (miCOMPRESSED, type 15)"
            + " element, found type " + type);
      }
      String variable = v.name();
      if (variable == null || variable.isEmpty()) {
        continue; // nameless: MATLAB's subsystem data
      }
      Long earlier = offsets.put(variable, element);
      if (earlier != null) {
        throw v.fail("appears twice, also at byte " + earlier + "; a variable name must be unique");
      }
      variables.put(variable, entry);
    }
    return new Parsed(text, order, variables);
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

  /**
   * Reads one compressed element: its zlib stream must inflate to exactly one miMATRIX element, as
   * long as its tag says. At most {@value #PREFIX_BYTES} bytes are inflated before the variable's
   * header is read; then a kept matrix gets one array of the size its header declares, once that
   * agrees with its tags and fits in memory, and other variables are inflated without being kept.
   * Inflation stops as soon as the stream passes the declared size.
   */
  private MatEntry compressed(MatVariable v, int offset, int length, ByteOrder order, Set<String> wanted)
      throws MatFormatException {
    try (MatInflation zlib = new MatInflation(bytes, offset, length, v)) {
      byte[] out = new byte[8];
      int n = zlib.fill(out, 0, 8);
      if (n < 8) {
        throw v.fail("truncated: the compressed element inflates to " + n + " bytes, too few for an"
            + " element tag (8 bytes)");
      }
      ByteBuffer tag = ByteBuffer.wrap(out).order(order);
      int type = tag.getInt(0);
      long size = tag.getInt(4) & 0xFFFFFFFFL;
      if (type != MI_MATRIX) {
        throw v.fail("the compressed element holds an element of type " + type
            + ", expected a matrix (miMATRIX, type 14)");
      }
      long total = 8 + size;
      out = Arrays.copyOf(out, (int) Math.min(total, PREFIX_BYTES));
      n = zlib.fill(out, 8, out.length);
      MatEntry entry;
      if (total <= PREFIX_BYTES) {
        if (n < total) {
          throw v.fail(shortOf(n, size));
        }
        entry = v.entry(body(out, n, order), wanted);
      } else {
        // The header is read from what was inflated; a stream that ended there fails below, after
        // what the header declares was checked.
        v.readingPrefix(n < out.length ? shortOf(n, size) : "the variable's header does not end within"
            + " the first " + n + " bytes of its compressed element, which is all ib inflates before"
            + " the header is read");
        ByteBuffer prefix = body(out, n, order);
        MatVariable.Header header = v.header(prefix);
        if (!v.kept(header, wanted)) {
          long rest = zlib.skip(total - n);
          if (rest < total - n) {
            throw v.fail(shortOf(n + rest, size));
          }
          entry = new MatEntry(null, header.problem(), element);
        } else {
          long declared = v.declaredBodyBytes(prefix, header);
          v.readingPrefix(null);
          if (declared != size) {
            throw v.fail("sizes do not add up: the matrix's tag says " + size + " bytes, its header"
                + " and real part " + declared);
          }
          if (total > MAX_BYTES) {
            throw v.fail("a " + v.declared() + " matrix: its compressed element declares " + total
                + " bytes, more than one Java array holds (" + MAX_BYTES + ")");
          }
          long doubles = 8 * header.count();
          v.requireHeap(total + doubles, total + " bytes inflated and " + doubles + " bytes as doubles");
          try {
            out = Arrays.copyOf(out, (int) total);
          } catch (OutOfMemoryError e) { // one allocation, nothing else half done
            throw v.fail("a " + v.declared() + " matrix inflates to " + total + " bytes, more than"
                + " the Java heap has free (raise -Xmx)");
          }
          n = zlib.fill(out, n, (int) total);
          if (n < total) {
            throw v.fail(shortOf(n, size));
          }
          entry = v.entry(body(out, n, order), wanted);
        }
      }
      zlib.requireEnd(total);
      return entry;
    }
  }

  private static ByteBuffer body(byte[] element, int length, ByteOrder order) {
    return ByteBuffer.wrap(element, 8, length - 8).slice().order(order);
  }

  private static String shortOf(long inflated, long size) {
    return "sizes do not add up: the compressed element inflates to " + inflated + " bytes, its"
        + " matrix's tag says 8 + " + size;
  }
}
