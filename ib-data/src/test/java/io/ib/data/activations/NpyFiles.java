package io.ib.data.activations;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Writes float32 .npy files of any shape, as numpy.save does (format 1.0), for dumps in tests. */
final class NpyFiles {
  private NpyFiles() {}

  static void writeFloats(Path file, float[] values, int... shape) throws IOException {
    String dims = Arrays.stream(shape).mapToObj(Integer::toString)
        .collect(Collectors.joining(", ")) + (shape.length == 1 ? "," : "");
    String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }";
    int total = 10 + header.length() + 1;
    header = header + " ".repeat((64 - total % 64) % 64) + "\n";
    ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 4 * values.length)
        .order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    b.putShort((short) header.length());
    b.put(header.getBytes(StandardCharsets.US_ASCII));
    for (float v : values) {
      b.putFloat(v);
    }
    Files.write(file, b.array());
  }
}
