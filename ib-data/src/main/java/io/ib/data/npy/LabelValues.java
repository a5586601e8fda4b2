package io.ib.data.npy;

import io.ib.data.files.Labels;
import java.nio.file.Path;

/** The check of one label read from a file, shared by the {@code .npy} and {@code .csv} readers. */
final class LabelValues {
  private LabelValues() {}

  /** One label checked: the one home of the label messages of both formats. */
  static int check(Path file, int index, double value) throws ArrayFormatException {
    if (!Labels.valid(value)) {
      String found = Double.isNaN(value) ? "NaN" : value == Math.rint(value) && Math.abs(value) < 1e18
          ? Long.toString((long) value) : Double.toString(value);
      throw new ArrayFormatException(file, "label " + index + " is " + found + "; labels must be "
          + Labels.rule());
    }
    return (int) value;
  }
}
