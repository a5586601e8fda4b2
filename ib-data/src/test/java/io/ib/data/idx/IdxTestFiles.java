package io.ib.data.idx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/** Builds small IDX files for tests. */
public final class IdxTestFiles {
  private IdxTestFiles() {}

  /** Header (magic with the given type byte and rank, big-endian sizes) followed by {@code data}. */
  public static byte[] idx(int type, int[] dims, byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
    b.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dims.length);
    for (int d : dims) {
      b.putInt(d);
    }
    return b.put(data).array();
  }

  /** A well-formed unsigned-byte IDX file. */
  public static byte[] ubyte(int[] dims, byte[] data) {
    return idx(0x08, dims, data);
  }

  public static byte[] gzip(byte[] raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(raw);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  public static Path write(Path dir, String name, byte[] content) throws IOException {
    return Files.write(dir.resolve(name), content);
  }

  public static byte[] randomBytes(int n, int bound, Random random) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) random.nextInt(bound);
    }
    return b;
  }

  /** Synthetic MNIST-shaped pixel data with every value 0..255 present when n >= 1. */
  public static byte[] pixels(int n, Random random) {
    byte[] b = randomBytes(n * 784, 256, random);
    for (int v = 0; v < 256 && v < b.length; v++) {
      b[v] = (byte) v;
    }
    return b;
  }

  /**
   * Writes the four standard files (gzipped under the .gz names, or raw under the names without .gz)
   * with {@code nTrain} and {@code nTest} random samples.
   */
  public static void writeMnist(Path dir, int nTrain, int nTest, long seed, boolean gzipped)
      throws IOException {
    Random random = new Random(seed);
    writeSplit(dir, IdxDirectory.TRAIN_IMAGES, IdxDirectory.TRAIN_LABELS, nTrain, random, gzipped);
    writeSplit(dir, IdxDirectory.TEST_IMAGES, IdxDirectory.TEST_LABELS, nTest, random, gzipped);
  }

  private static void writeSplit(Path dir, String images, String labels, int n, Random random, boolean gz)
      throws IOException {
    byte[] img = ubyte(new int[] {n, 28, 28}, pixels(n, random));
    byte[] lab = ubyte(new int[] {n}, randomBytes(n, 10, random));
    write(dir, gz ? images : raw(images), gz ? gzip(img) : img);
    write(dir, gz ? labels : raw(labels), gz ? gzip(lab) : lab);
  }

  /**
   * Writes one part of an IDX directory, gzipped under its standard names: {@code labels.length}
   * random images of rows x columns pixels, and the labels.
   *
   * @return the pixels written, row-major
   */
  public static byte[] writePart(Path dir, String images, String labels, int rows, int columns,
      byte[] labelValues, Random random) throws IOException {
    int n = labelValues.length;
    byte[] pixels = randomBytes(n * rows * columns, 256, random);
    write(dir, images, gzip(ubyte(new int[] {n, rows, columns}, pixels)));
    write(dir, labels, gzip(ubyte(new int[] {n}, labelValues)));
    return pixels;
  }

  public static String raw(String gzName) {
    return gzName.substring(0, gzName.length() - 3);
  }
}
