package io.ib.data.npy;

import java.util.List;

/**
 * n samples, each flattened to {@code columns} float32 values, row-major: sample {@code i}'s values
 * are {@code values[i * columns] .. values[i * columns + columns - 1]}, in C order of the sample's own
 * shape.
 *
 * @param values the row-major values, {@code rows * columns} of them
 * @param rows the number of samples n, at least 1
 * @param columns the number of values of one sample, at least 1
 * @param sampleShape the shape of one sample, whose product is {@code columns}: {@code [6, 24, 24]}
 *     for an n x 6 x 24 x 24 array, {@code [d]} for n x d, {@code [1]} for a vector of n values
 */
public record SampleMatrix(float[] values, int rows, int columns, List<Integer> sampleShape) {
  /** Checks that the sizes agree and copies the shape. */
  public SampleMatrix {
    if (rows < 1 || columns < 1) {
      throw new IllegalArgumentException("rows and columns must be >= 1, got " + rows + " x " + columns);
    }
    if ((long) rows * columns != values.length) {
      throw new IllegalArgumentException(rows + " x " + columns + " does not match " + values.length
          + " values");
    }
    sampleShape = List.copyOf(sampleShape);
    long product = 1;
    for (int extent : sampleShape) {
      product *= extent;
    }
    if (sampleShape.isEmpty() || product != columns) {
      throw new IllegalArgumentException("sample shape " + sampleShape + " does not have " + columns
          + " values");
    }
  }

  /** Sample {@code i}'s values, a copy. */
  public float[] row(int i) {
    float[] row = new float[columns];
    System.arraycopy(values, Math.multiplyExact(i, columns), row, 0, columns);
    return row;
  }
}
