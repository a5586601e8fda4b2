package io.ib.train.internal;

import io.ib.internal.HostCopy;
import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The inputs of one mini-batch in the form the first layer consumes: all columns, or only the active
 * columns, those that are non-zero in at least one row of the batch.
 *
 * <p>A column that is zero in every row adds nothing to {@code X W_0} and gets a zero weight gradient,
 * so leaving it out gives the same pass with fewer multiply-adds, up to float rounding (the sums run
 * over fewer terms, so their rounding differs). MNIST batches of 256 images have 525 to 592 of the 784
 * pixels active: the two largest GEMMs of a training step lose about 27 % of their products (after
 * padding to a multiple of 32 columns).
 *
 * <p>In the active-columns form, {@link #values()} is B x w with w &ge; {@link #activeCount()}:
 * column j of it holds input column {@code activeColumn(j)} for j &lt; activeCount, and the padding
 * columns after it are zero.
 */
public final class InputBatch {
  private final INDArray values;
  private final int inputSize;
  private final int[] columns; // null: all columns, in order
  private final int count;

  private InputBatch(INDArray values, int inputSize, int[] columns, int count) {
    this.values = values;
    this.inputSize = inputSize;
    this.columns = columns;
    this.count = count;
  }

  /** All columns: {@code x} is B x inputSize. */
  public static InputBatch dense(INDArray x) {
    Objects.requireNonNull(x, "x");
    if (x.rank() != 2) {
      throw new IllegalArgumentException("expected inputs of shape [B, inputSize], got "
          + Arrays.toString(x.shape()));
    }
    return new InputBatch(x, x.columns(), null, x.columns());
  }

  /**
   * The active columns only.
   *
   * @param values B x w, w &ge; count; columns count .. w-1 must be zero
   * @param inputSize the number of input columns of the model
   * @param columns {@code columns[0 .. count)}: the input column of each column of {@code values},
   *     strictly increasing, in [0, inputSize); the array is read, not copied
   * @param count the number of active columns
   * @throws IllegalArgumentException if the columns are not strictly increasing in range, or do not
   *     fit {@code values}
   */
  public static InputBatch activeColumns(INDArray values, int inputSize, int[] columns, int count) {
    Objects.requireNonNull(values, "values");
    if (values.rank() != 2 || count < 0 || count > values.columns() || count > columns.length
        || values.columns() > inputSize) {
      throw new IllegalArgumentException("active columns: " + count + " of " + inputSize
          + " do not fit values of shape " + Arrays.toString(values.shape()));
    }
    for (int j = 0; j < count; j++) {
      if (columns[j] < 0 || columns[j] >= inputSize || (j > 0 && columns[j] <= columns[j - 1])) {
        throw new IllegalArgumentException("active columns must increase strictly within [0, "
            + inputSize + "), got " + columns[j] + " at position " + j);
      }
    }
    return new InputBatch(values, inputSize, columns, count);
  }

  /**
   * A fixed input matrix, such as an evaluation set, without the columns that are zero in every row:
   * the active-columns form (unpadded) if that leaves out at least an eighth of the columns, else
   * all columns. Made once per matrix (it copies the kept columns); MNIST's test images have 668 of
   * 784 pixels active.
   */
  public static InputBatch withoutZeroColumns(INDArray x) {
    INDArray dense = dense(x).values();
    long n = dense.rows();
    int d = dense.columns();
    boolean javaCopy = HostCopy.hostMemory() && dense.dataType() == DataType.FLOAT
        && n * d <= Integer.MAX_VALUE - 8;
    float[] values = null;
    boolean[] nonZero = new boolean[d];
    if (javaCopy) { // one bulk copy and a scan: 30-40 ms for MNIST's test set, against 100-150
      values = new float[(int) (n * d)];
      HostCopy.read(dense.isView() || dense.ordering() != 'c' ? dense.dup('c') : dense, values);
      for (int r = 0; r < n; r++) {
        for (int j = 0, at = r * d; j < d; j++, at++) {
          nonZero[j] |= values[at] != 0; // NaN counts as non-zero
        }
      }
    } else {
      double[] largest = dense.amax(0).toDoubleVector();
      for (int j = 0; j < d; j++) {
        nonZero[j] = largest[j] != 0;
      }
    }
    int[] kept = new int[d];
    int count = 0;
    for (int j = 0; j < d; j++) {
      if (nonZero[j]) {
        kept[count++] = j;
      }
    }
    if (count == 0 || 8L * count > 7L * d) {
      return dense(dense);
    }
    int[] columns = Arrays.copyOf(kept, count);
    INDArray compact;
    if (javaCopy) {
      float[] out = new float[(int) n * count];
      for (int r = 0; r < n; r++) {
        for (int j = 0; j < count; j++) {
          out[r * count + j] = values[r * d + columns[j]];
        }
      }
      compact = Nd4j.create(out, new long[] {n, count}, DataType.FLOAT);
    } else {
      compact = dense.getColumns(columns);
    }
    return new InputBatch(compact, d, columns, count);
  }

  /** The values: B x inputSize, or B x w in the active-columns form. */
  public INDArray values() {
    return values;
  }

  /** Number of rows (B). */
  public int rows() {
    return values.rows();
  }

  /** Number of input columns of the model. */
  public int inputSize() {
    return inputSize;
  }

  /** True if all columns are present, in order. */
  public boolean isDense() {
    return columns == null;
  }

  /** Number of active columns (inputSize when dense). */
  public int activeCount() {
    return count;
  }

  /** The input column held in column {@code j} of {@link #values()}, j &lt; activeCount. */
  public int activeColumn(int j) {
    Objects.checkIndex(j, count);
    return columns == null ? j : columns[j];
  }

  int[] columnArray() {
    return columns;
  }

  /**
   * The same inputs as a new B x inputSize array: one ND4J copy per run of consecutive active columns
   * (a few dozen for MNIST). Training expands batches this way only where it cannot use active
   * columns (other backends, double precision).
   */
  public INDArray toDense() {
    if (columns == null) {
      return values.dup();
    }
    INDArray dense = Nd4j.zeros(values.dataType(), values.rows(), inputSize);
    for (int j = 0; j < count; ) {
      int end = j + runLength(columns, j, count);
      dense.get(NDArrayIndex.all(), NDArrayIndex.interval(columns[j], columns[j] + end - j))
          .assign(values.get(NDArrayIndex.all(), NDArrayIndex.interval(j, end)));
      j = end;
    }
    return dense;
  }

  /** How many of {@code columns[from .. count)}, from the first, are consecutive integers. */
  static int runLength(int[] columns, int from, int count) {
    int end = from + 1;
    while (end < count && columns[end] == columns[end - 1] + 1) {
      end++;
    }
    return end - from;
  }
}
