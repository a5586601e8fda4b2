package io.ib.data.mat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * Builds level-5 MAT-files byte by byte for tests, in either byte order, with any storage type for a
 * variable's values (as MATLAB does when it narrows them), small data elements and compression:
 * written from the format description, independently of {@link MatFile}.
 */
public final class MatTestFiles {
  public static final int MI_INT8 = 1;
  public static final int MI_UINT8 = 2;
  public static final int MI_INT16 = 3;
  public static final int MI_UINT16 = 4;
  public static final int MI_INT32 = 5;
  public static final int MI_UINT32 = 6;
  public static final int MI_SINGLE = 7;
  public static final int MI_DOUBLE = 9;
  public static final int MI_INT64 = 12;
  public static final int MI_UINT64 = 13;
  public static final int MI_MATRIX = 14;
  public static final int MI_COMPRESSED = 15;

  public static final int MX_CELL = 1;
  public static final int MX_DOUBLE = 6;
  public static final int MX_SINGLE = 7;
  public static final int MX_INT8 = 8;
  public static final int MX_UINT8 = 9;
  public static final int MX_INT32 = 12;
  public static final int LOGICAL = 0x200;
  public static final int COMPLEX = 0x800;

  private final ByteOrder order;

  public MatTestFiles(ByteOrder order) {
    this.order = order;
  }

  /** The 128-byte header with the given version; the endian indicator follows the byte order. */
  public byte[] header(int version) {
    ByteBuffer b = ByteBuffer.allocate(128).order(order);
    byte[] text = "MATLAB 5.0 MAT-file, written by ib's tests".getBytes(StandardCharsets.US_ASCII);
    Arrays.fill(b.array(), 0, 116, (byte) ' ');
    b.put(text);
    b.position(124);
    b.putShort((short) version);
    b.putShort((short) (('M' << 8) | 'I')); // 'I','M' on little-endian, 'M','I' on big-endian
    return b.array();
  }

  /** A header and the elements after it. */
  public byte[] file(byte[]... elements) {
    return concat(header(0x0100), concat(elements));
  }

  /** An element with an 8-byte tag, padded to a multiple of 8 bytes. */
  public byte[] element(int type, byte[] data) {
    int padded = (data.length + 7) / 8 * 8;
    ByteBuffer b = ByteBuffer.allocate(8 + padded).order(order);
    b.putInt(type).putInt(data.length).put(data);
    return b.array();
  }

  /** A small data element: size and type in one word, up to 4 data bytes, padded to 8. */
  public byte[] small(int type, byte[] data) {
    if (data.length > 4) {
      throw new IllegalArgumentException("a small element holds at most 4 bytes");
    }
    ByteBuffer b = ByteBuffer.allocate(8).order(order);
    b.putInt((data.length << 16) | type).put(data);
    return b.array();
  }

  /** Array flags: class in the low byte, flag bits above. */
  public byte[] flags(int arrayClass, int flagBits) {
    return element(MI_UINT32,
        ByteBuffer.allocate(8).order(order).putInt(arrayClass | flagBits).putInt(0).array());
  }

  public byte[] dims(int... dims) {
    ByteBuffer b = ByteBuffer.allocate(4 * dims.length).order(order);
    for (int d : dims) {
      b.putInt(d);
    }
    return element(MI_INT32, b.array());
  }

  /** The name as a small element when it fits in 4 bytes (as MATLAB writes it), else a full one. */
  public byte[] name(String name) {
    byte[] text = name.getBytes(StandardCharsets.US_ASCII);
    return text.length <= 4 ? small(MI_INT8, text) : element(MI_INT8, text);
  }

  /** A miMATRIX element from its sub-elements. */
  public byte[] matrix(byte[]... subElements) {
    return element(MI_MATRIX, concat(subElements));
  }

  /**
   * A real numeric matrix: flags, dimensions, name and the column-major values in the given storage
   * type (as a small element when they fit in 4 bytes).
   */
  public byte[] numeric(String name, int arrayClass, int flagBits, int rows, int columns, int storage,
      double... columnMajor) {
    byte[] data = encode(storage, columnMajor);
    byte[] real = data.length <= 4 && data.length > 0 ? small(storage, data) : element(storage, data);
    return matrix(flags(arrayClass, flagBits), dims(rows, columns), name(name), real);
  }

  /** The values in a storage type, in this byte order. */
  public byte[] encode(int storage, double... values) {
    ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(order);
    for (double v : values) {
      switch (storage) {
        case MI_INT8, MI_UINT8 -> b.put((byte) (long) v);
        case MI_INT16, MI_UINT16 -> b.putShort((short) (long) v);
        case MI_INT32, MI_UINT32 -> b.putInt((int) (long) v);
        case MI_SINGLE -> b.putFloat((float) v);
        case MI_DOUBLE -> b.putDouble(v);
        case MI_INT64, MI_UINT64 -> b.putLong((long) v);
        default -> throw new IllegalArgumentException("storage type " + storage);
      }
    }
    return Arrays.copyOf(b.array(), b.position());
  }

  /** A miCOMPRESSED element holding one element, zlib-compressed. */
  public byte[] compressed(byte[] element) {
    return compressedPayload(zlib(element));
  }

  /** A miCOMPRESSED element with the given payload, well-formed or not. */
  public byte[] compressedPayload(byte[] payload) {
    return ByteBuffer.allocate(8 + payload.length).order(order).putInt(MI_COMPRESSED)
        .putInt(payload.length).put(payload).array();
  }

  /** 64-bit integers in this byte order (doubles cannot carry every long). */
  public byte[] longs(long... values) {
    ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(order);
    for (long v : values) {
      b.putLong(v);
    }
    return b.array();
  }

  public static byte[] zlib(byte[] raw) {
    Deflater deflater = new Deflater();
    deflater.setInput(raw);
    deflater.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    while (!deflater.finished()) {
      out.write(buffer, 0, deflater.deflate(buffer));
    }
    deflater.end();
    return out.toByteArray();
  }

  /**
   * A zlib stream of {@code raw} followed by {@code zeros} zero bytes, compressed as it goes (zeros
   * compress about 1000 to 1: 256 MB of them take about 256 KB).
   */
  public static byte[] zlibThenZeros(byte[] raw, long zeros) {
    Deflater deflater = new Deflater();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[1 << 16];
    byte[] block = new byte[1 << 20];
    deflater.setInput(raw);
    for (long left = zeros; ; left -= block.length) {
      while (!deflater.needsInput()) {
        out.write(buffer, 0, deflater.deflate(buffer));
      }
      if (left <= 0) {
        break;
      }
      deflater.setInput(block, 0, (int) Math.min(block.length, left));
    }
    deflater.finish();
    while (!deflater.finished()) {
      out.write(buffer, 0, deflater.deflate(buffer));
    }
    deflater.end();
    return out.toByteArray();
  }

  /**
   * The start of a miMATRIX element that declares a real rows x columns matrix in a storage type of
   * {@code width} bytes per value, with tags that add up, but without the values: what a file that
   * claims a huge variable looks like before its values.
   */
  public byte[] declaredMatrix(String name, int arrayClass, int rows, int columns, int storage, int width) {
    byte[] head = concat(flags(arrayClass, 0), dims(rows, columns), name(name));
    long values = (long) rows * columns * width;
    long size = head.length + 8 + values + (8 - values % 8) % 8;
    return ByteBuffer.allocate(8 + head.length + 8).order(order).putInt(MI_MATRIX).putInt((int) size)
        .put(head).putInt(storage).putInt((int) values).array();
  }

  public static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
