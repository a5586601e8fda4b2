package io.ib.data.mat;

import java.util.Locale;
import java.util.Objects;

/**
 * One real 2-D numeric or logical variable of a MAT-file, with its values as doubles in row-major
 * order (MATLAB stores them column-major; {@link MatFile} transposes on reading).
 *
 * <p>Values are converted exactly from every MATLAB class except 64-bit integers beyond 2^53 in
 * magnitude, which are rounded to the nearest double. Immutable: {@link #toRowMajor()} copies.
 */
public final class MatMatrix {
  /** The MATLAB class of a numeric or logical array. */
  public enum ArrayClass {
    /** {@code double}. */
    DOUBLE,
    /** {@code single}. */
    SINGLE,
    /** {@code int8}. */
    INT8,
    /** {@code uint8}. */
    UINT8,
    /** {@code int16}. */
    INT16,
    /** {@code uint16}. */
    UINT16,
    /** {@code int32}. */
    INT32,
    /** {@code uint32}. */
    UINT32,
    /** {@code int64}. */
    INT64,
    /** {@code uint64}. */
    UINT64,
    /** {@code logical}: stored as {@code uint8} with the logical flag, values 0 and 1. */
    LOGICAL;

    /** The name MATLAB's {@code class()} gives, e.g. {@code uint8}. */
    public String matlabName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final String name;
  private final ArrayClass arrayClass;
  private final int rows;
  private final int columns;
  private final double[] values;

  MatMatrix(String name, ArrayClass arrayClass, int rows, int columns, double[] rowMajor) {
    this.name = Objects.requireNonNull(name, "name");
    this.arrayClass = Objects.requireNonNull(arrayClass, "arrayClass");
    if ((long) rows * columns != rowMajor.length) {
      throw new IllegalArgumentException(rows + " x " + columns + " needs " + (long) rows * columns
          + " values, got " + rowMajor.length);
    }
    this.rows = rows;
    this.columns = columns;
    this.values = rowMajor;
  }

  /** The variable's name in the file. */
  public String name() {
    return name;
  }

  /** The MATLAB class the file declares (the storage type in the file may be narrower). */
  public ArrayClass arrayClass() {
    return arrayClass;
  }

  /** Number of rows (MATLAB's {@code size(x, 1)}), at least 0. */
  public int rows() {
    return rows;
  }

  /** Number of columns (MATLAB's {@code size(x, 2)}), at least 0. */
  public int columns() {
    return columns;
  }

  /**
   * One value.
   *
   * @param row 0-based row in [0, rows)
   * @param column 0-based column in [0, columns)
   * @throws IndexOutOfBoundsException if either index is out of range
   */
  public double get(int row, int column) {
    Objects.checkIndex(row, rows);
    Objects.checkIndex(column, columns);
    return values[row * columns + column];
  }

  /** A copy of all values, row after row: {@code x(i, j)} (1-based) at {@code (i - 1) * columns + j - 1}. */
  public double[] toRowMajor() {
    return values.clone();
  }

  /** The values without a copy, for one-pass conversion inside this package. */
  double[] values() {
    return values;
  }

  /** E.g. {@code F (4096 x 12 logical)}. */
  @Override
  public String toString() {
    return name + " (" + rows + " x " + columns + " " + arrayClass.matlabName() + ")";
  }
}
