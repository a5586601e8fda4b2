package io.ib.data.idx;

import io.ib.data.DataFile;
import java.nio.file.Path;

/**
 * The contents of one IDX file of unsigned bytes: its shape, its values in row-major order (last
 * dimension fastest) and the identity of the file (name, SHA-256 and size as stored).
 *
 * <p>Immutable: accessors copy, except the package-private {@link #data()} used for bulk conversion.
 */
public final class IdxArray {
  private final Path path;
  private final int[] shape;
  private final byte[] data;
  private final DataFile file;

  IdxArray(Path path, int[] shape, byte[] data, DataFile file) {
    this.path = path;
    this.shape = shape;
    this.data = data;
    this.file = file;
  }

  /** The file this was read from. */
  public Path path() {
    return path;
  }

  /** A copy of the dimension sizes, outermost first (e.g. {@code [60000, 28, 28]} for images). */
  public int[] shape() {
    return shape.clone();
  }

  /** Number of dimensions (1 to 255). */
  public int rank() {
    return shape.length;
  }

  /**
   * Size of one dimension.
   *
   * @param i dimension index in [0, rank)
   * @throws IndexOutOfBoundsException if {@code i} is outside [0, rank)
   */
  public int dimension(int i) {
    return shape[i];
  }

  /** Number of values, the product of the dimension sizes. */
  public int length() {
    return data.length;
  }

  /**
   * One value as an unsigned byte.
   *
   * @param index row-major index in [0, length)
   * @return the value in [0, 255]
   * @throws IndexOutOfBoundsException if {@code index} is outside [0, length)
   */
  public int unsigned(int index) {
    return data[index] & 0xFF;
  }

  /** A copy of all values as stored (Java bytes; mask with {@code 0xFF} for the unsigned value). */
  public byte[] toByteArray() {
    return data.clone();
  }

  /** Name, SHA-256 and size of the file as stored (compressed if it is gzipped). */
  public DataFile file() {
    return file;
  }

  /** The values without a copy, for one-pass conversion inside this package. */
  byte[] data() {
    return data;
  }
}
