package io.ib.sweep;

/**
 * A float matrix held as a row-major Java array.
 *
 * @param values rows x columns values, row after row
 * @param rows number of rows (samples)
 * @param columns number of columns (units or features)
 */
public record ActivationMatrix(float[] values, int rows, int columns) {
  public ActivationMatrix {
    if (rows < 0 || columns < 0 || (long) rows * columns != values.length) {
      throw new IllegalArgumentException(rows + " x " + columns + " does not match "
          + values.length + " values");
    }
  }
}
