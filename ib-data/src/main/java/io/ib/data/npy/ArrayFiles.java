package io.ib.data.npy;

import io.ib.data.files.DataFiles;
import io.ib.data.files.ReadFailures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a matrix of samples or a vector of class labels from a {@code .npy} or {@code .csv} file,
 * chosen by the file's extension.
 *
 * <p>{@code .npy}: NumPy's format, versions 1.0 to 3.0; dtypes float16/32/64, int8..int64,
 * uint8..uint64 and bool, little- or big-endian; C or Fortran order; any rank from 1. The first axis is
 * the samples; the others are flattened in C order ({@link SampleMatrix}). Values become float32:
 * integers beyond 2^24 lose their last digits, a float64 beyond float32's range is refused.
 *
 * <p>{@code .csv}: comma-separated numbers, one sample per line; a first line with a field that is not
 * a number is a header and skipped; blank lines are ignored; every line has the same number of fields.
 *
 * <p>Every value must be finite: a NaN or infinity among activations would make every estimate NaN
 * or wrong without saying why, so it is refused here with its place. Files are read whole into memory
 * (at most 2 GiB).
 */
public final class ArrayFiles {
  private static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 8;

  private ArrayFiles() {}

  /**
   * Reads n samples of any shape as an n x d float32 matrix.
   *
   * @param file a {@code .npy} or {@code .csv} file
   * @return the samples, row-major, with the shape of one sample
   * @throws ArrayFormatException naming the file and the problem, on one line: another extension, a
   *     malformed or truncated file, an unsupported dtype, a rank-0 array, no samples, a ragged CSV
   *     line, a value that is not finite or (float64) beyond float32's range
   * @throws IOException if the file cannot be read (one line naming the file and the cause)
   */
  public static SampleMatrix readMatrix(Path file) throws IOException {
    return switch (kind(file)) {
      case "npy" -> matrix(npy(file));
      default -> CsvArrays.matrix(file, lines(file));
    };
  }

  /**
   * Reads a vector of n class labels: each an integer in [0, {@value io.ib.data.files.Labels#MAX}].
   *
   * @param file a {@code .npy} file of an integer or bool dtype (or a float dtype whose values are all
   *     integers) of shape (n) or (n, 1), or a {@code .csv} file of one column (optional header line)
   * @return the labels, in file order
   * @throws ArrayFormatException naming the file and the problem, on one line: any problem of
   *     {@link #readMatrix}, another shape, or a label that is NaN, negative, fractional or too large
   * @throws IOException if the file cannot be read (one line naming the file and the cause)
   */
  public static int[] readLabels(Path file) throws IOException {
    return switch (kind(file)) {
      case "npy" -> labels(npy(file));
      default -> CsvArrays.labels(file, lines(file));
    };
  }

  private static String kind(Path file) throws ArrayFormatException {
    String extension = DataFiles.extension(file);
    if (!extension.equals("npy") && !extension.equals("csv")) {
      throw new ArrayFormatException(file, "expected a .npy or .csv file, found "
          + (extension.isEmpty() ? "no extension" : "." + extension));
    }
    return extension;
  }

  private static NpyArray npy(Path file) throws IOException {
    DataFiles.requireRegularFile(file);
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new ArrayFormatException(file, "too large: " + Files.size(file)
            + " bytes, at most 2 GiB can be read");
      }
      bytes = Files.readAllBytes(file);
    } catch (ArrayFormatException e) {
      throw e;
    } catch (IOException e) {
      throw ReadFailures.describe(file, e);
    }
    return NpyArray.parse(bytes, file);
  }

  private static List<String> lines(Path file) throws IOException {
    DataFiles.requireRegularFile(file);
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new ArrayFormatException(file, "too large: " + Files.size(file)
            + " bytes, at most 2 GiB can be read");
      }
      return Files.readAllLines(file);
    } catch (ArrayFormatException e) {
      throw e;
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new ArrayFormatException(file, "not a text file (not UTF-8)");
    } catch (IOException e) {
      throw ReadFailures.describe(file, e);
    }
  }

  private static SampleMatrix matrix(NpyArray array) throws ArrayFormatException {
    long[] shape = array.shape;
    if (shape.length == 0) {
      throw new ArrayFormatException(array.file, "a single value (shape ()); expected an array of"
          + " samples along its first axis");
    }
    if (array.count == 0) {
      throw new ArrayFormatException(array.file, "no values (shape " + NpyArray.shapeText(shape) + ")");
    }
    int rows = (int) shape[0];
    int columns = array.count / rows;
    List<Integer> sampleShape = new ArrayList<>();
    for (int axis = 1; axis < shape.length; axis++) {
      sampleShape.add((int) shape[axis]);
    }
    if (sampleShape.isEmpty()) {
      sampleShape.add(1);
    }
    float[] values = array.floatsInFileOrder();
    if (array.fortranOrder && shape.length > 1) {
      values = FortranOrder.toRowMajor(values, shape);
    }
    requireFinite(array, values, columns);
    return new SampleMatrix(values, rows, columns, sampleShape);
  }

  /** Refuses NaN, infinities and float64 values that became infinite as float32. */
  private static void requireFinite(NpyArray array, float[] values, int columns)
      throws ArrayFormatException {
    for (int i = 0; i < values.length; i++) {
      if (!Float.isFinite(values[i])) {
        int sample = i / columns;
        int column = i % columns;
        double inFile = valueAt(array, sample, column, columns);
        String what = Double.isNaN(inFile) ? "NaN" : Double.isInfinite(inFile) ? "infinite"
            : inFile + ", beyond float32's range";
        String place = "sample " + sample + (columns > 1 ? ", value " + column : "");
        throw new ArrayFormatException(array.file, place + " is " + what + "; expected finite values");
      }
    }
  }

  /** The file's value of (sample, column), for a message; Fortran order looked up by its strides. */
  private static double valueAt(NpyArray array, int sample, int column, int columns) {
    if (!array.fortranOrder || array.shape.length < 2) {
      return array.get(sample * columns + column);
    }
    return array.get(FortranOrder.fileIndex(sample, column, array.shape));
  }

  private static int[] labels(NpyArray array) throws ArrayFormatException {
    long[] shape = array.shape;
    if (shape.length == 0 || shape.length > 2 || shape.length == 2 && shape[1] != 1) {
      throw new ArrayFormatException(array.file, "labels must have shape (n,) or (n, 1), found "
          + NpyArray.shapeText(shape));
    }
    if (array.count == 0) {
      throw new ArrayFormatException(array.file, "no labels (shape " + NpyArray.shapeText(shape) + ")");
    }
    int[] labels = new int[array.count];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = LabelValues.check(array.file, i, array.get(i));
    }
    return labels;
  }
}
