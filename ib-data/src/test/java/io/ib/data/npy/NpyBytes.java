package io.ib.data.npy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds {@code .npy} files of any header and data for tests, as NumPy lays them out. */
final class NpyBytes {
  private NpyBytes() {}

  /** A version 1.0 file with {@code dict} as header (padded to 64 bytes) and the given data. */
  static byte[] v1(String dict, byte[] data) {
    return file(1, dict, data);
  }

  /** A version 1.0 file of the given descr, order and shape (a Python tuple's inside, e.g. "3, 2"). */
  static byte[] of(String descr, boolean fortran, String shape, byte[] data) {
    return v1(dict(descr, fortran, shape), data);
  }

  static String dict(String descr, boolean fortran, String shape) {
    return "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False")
        + ", 'shape': (" + shape + "), }";
  }

  static byte[] file(int major, String dict, byte[] data) {
    int lengthBytes = major == 1 ? 2 : 4;
    int unpadded = 6 + 2 + lengthBytes + dict.length() + 1;
    String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
    byte[] headerBytes = header.getBytes(StandardCharsets.US_ASCII);
    ByteBuffer all = ByteBuffer.allocate(8 + lengthBytes + headerBytes.length + data.length)
        .order(ByteOrder.LITTLE_ENDIAN);
    all.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
    if (major == 1) {
      all.putShort((short) headerBytes.length);
    } else {
      all.putInt(headerBytes.length);
    }
    return all.put(headerBytes).put(data).array();
  }

  static byte[] doubles(ByteOrder order, double... values) {
    ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(order);
    for (double v : values) {
      b.putDouble(v);
    }
    return b.array();
  }

  static byte[] floats(float... values) {
    ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      b.putFloat(v);
    }
    return b.array();
  }

  static byte[] longs(ByteOrder order, long... values) {
    ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(order);
    for (long v : values) {
      b.putLong(v);
    }
    return b.array();
  }

  static byte[] shorts(short... values) {
    ByteBuffer b = ByteBuffer.allocate(2 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (short v : values) {
      b.putShort(v);
    }
    return b.array();
  }
}
