package io.ib.data.npy;

/** Column-major (Fortran) arrays of any rank turned row-major (C), the order of {@link SampleMatrix}. */
final class FortranOrder {
  private FortranOrder() {}

  /**
   * The same array in C order.
   *
   * @param fileOrder the values in Fortran order: the first index varies fastest
   * @param shape the array's shape, rank at least 1, product {@code fileOrder.length}
   */
  static float[] toRowMajor(float[] fileOrder, long[] shape) {
    int rank = shape.length;
    long[] cStrides = new long[rank];
    long stride = 1;
    for (int axis = rank - 1; axis >= 0; axis--) {
      cStrides[axis] = stride;
      stride *= shape[axis];
    }
    float[] rowMajor = new float[fileOrder.length];
    long[] index = new long[rank];
    long c = 0;
    // Walk the file in its order with an odometer over the indices, first axis fastest.
    for (int f = 0; f < fileOrder.length; f++) {
      rowMajor[(int) c] = fileOrder[f];
      for (int axis = 0; axis < rank; axis++) {
        index[axis]++;
        c += cStrides[axis];
        if (index[axis] < shape[axis]) {
          break;
        }
        c -= index[axis] * cStrides[axis];
        index[axis] = 0;
      }
    }
    return rowMajor;
  }

  /** Where value {@code column} (C order within the sample) of {@code sample} lies in Fortran order. */
  static int fileIndex(int sample, int column, long[] shape) {
    long at = sample;
    long stride = shape[0];
    long rest = column;
    long[] sampleIndex = new long[shape.length - 1];
    for (int axis = shape.length - 1; axis >= 1; axis--) {
      sampleIndex[axis - 1] = rest % shape[axis];
      rest /= shape[axis];
    }
    for (int axis = 1; axis < shape.length; axis++) {
      at += sampleIndex[axis - 1] * stride;
      stride *= shape[axis];
    }
    return (int) at;
  }
}
