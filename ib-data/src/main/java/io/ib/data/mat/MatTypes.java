package io.ib.data.mat;

import java.nio.ByteBuffer;
import java.util.function.IntToDoubleFunction;

/**
 * The level-5 format's codes (data types of elements, array classes and flags) and the decoding of
 * stored values: what {@link MatParser} reads tags with and converts a real part with.
 */
final class MatTypes {
  // Data types of elements.
  static final int MI_INT8 = 1;
  static final int MI_UINT8 = 2;
  static final int MI_INT16 = 3;
  static final int MI_UINT16 = 4;
  static final int MI_INT32 = 5;
  static final int MI_UINT32 = 6;
  static final int MI_SINGLE = 7;
  static final int MI_DOUBLE = 9;
  static final int MI_INT64 = 12;
  static final int MI_UINT64 = 13;
  static final int MI_MATRIX = 14;
  static final int MI_COMPRESSED = 15;

  // Array classes (mxCLASS), in the order of MatMatrix.ArrayClass from mxDOUBLE_CLASS on.
  static final int MX_DOUBLE = 6;
  static final int MX_UINT64 = 15;
  static final int MX_UINT8 = 9;
  static final int MX_OPAQUE = 17;
  static final int LOGICAL_FLAG = 0x200;
  static final int COMPLEX_FLAG = 0x800;

  private MatTypes() {}

  /** A view of {@code length} bytes from {@code offset}, in the buffer's byte order. */
  static ByteBuffer slice(ByteBuffer b, int offset, int length) {
    return b.slice(offset, length).order(b.order());
  }

  /** Bytes of padding after {@code size} bytes of data, up to a multiple of 8. */
  static long padding(long size) {
    return (8 - size % 8) % 8;
  }

  /** E.g. {@code 4096 x 12}. */
  static String shape(int[] dims) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < dims.length; i++) {
      sb.append(i == 0 ? "" : " x ").append(dims[i]);
    }
    return sb.toString();
  }

  /** What an array class that is not numeric is, or null for numeric classes and unknown ones. */
  static String unsupportedClass(int arrayClass) {
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
  static int width(int type) {
    return switch (type) {
      case MI_INT8, MI_UINT8 -> 1;
      case MI_INT16, MI_UINT16 -> 2;
      case MI_INT32, MI_UINT32, MI_SINGLE -> 4;
      case MI_DOUBLE, MI_INT64, MI_UINT64 -> 8;
      default -> 0;
    };
  }

  /** Converts column-major values of a numeric storage type to row-major doubles. */
  static double[] rowMajor(ByteBuffer b, int type, int rows, int columns) {
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
