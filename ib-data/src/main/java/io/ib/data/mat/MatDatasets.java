package io.ib.data.mat;

import io.ib.data.LabelledData;
import io.ib.data.Samples;
import io.ib.data.files.DataFiles;
import io.ib.data.files.Labels;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Loads labelled samples from two variables of a MATLAB level-5 MAT-file ({@link MatFile}), such as
 * {@code var_u.mat} of Shwartz-Ziv &amp; Tishby's 12-bit task ({@code F}: 4096 x 12 logical,
 * {@code y}: 1 x 4096 double).
 *
 * <p>Shapes: the features variable is n x d, one sample per row (any numeric or logical class); the
 * labels variable is a vector, 1 x n or n x 1, of integral values in [0, {@value Labels#MAX}] with at
 * least 2 different values. Result: all n samples in file order as one {@link LabelledData} with
 * float32 features (values rounded to the nearest float; they must be finite as float32), the labels
 * as class indices, and {@code max label + 1} classes; named after the file without extension, with
 * the file's name, SHA-256 and size. Divide it with {@link Samples#split}.
 */
public final class MatDatasets {
  /** Default features variable: {@code F}, as in {@code var_u.mat}. */
  public static final String FEATURES = "F";
  /** Default labels variable: {@code y}, as in {@code var_u.mat}. */
  public static final String LABELS = "y";

  private MatDatasets() {}

  /**
   * Loads the variables {@value #FEATURES} and {@value #LABELS}.
   *
   * @see #load(Path, String, String)
   */
  public static Samples load(Path file) throws IOException {
    return load(file, FEATURES, LABELS);
  }

  /**
   * Loads all samples of a MAT-file.
   *
   * @param file a level-5 MAT-file
   * @param featuresVariable name of the n x d feature matrix
   * @param labelsVariable name of the label vector (1 x n or n x 1)
   * @return every sample, in file order
   * @throws MatFormatException naming the file and variable if the file is malformed (see
   *     {@link MatFile}), a variable is missing or not a real 2-D matrix, the features are empty or
   *     not finite as float32, the labels are not a vector of one label per feature row, a label is
   *     not an integer in [0, {@value Labels#MAX}], or fewer than 2 different labels occur
   * @throws IOException if the file cannot be read or is not a regular file (one line naming the
   *     file and the cause)
   * @throws IllegalArgumentException if the two variable names are equal or blank
   */
  public static Samples load(Path file, String featuresVariable, String labelsVariable)
      throws IOException {
    Objects.requireNonNull(featuresVariable, "featuresVariable");
    Objects.requireNonNull(labelsVariable, "labelsVariable");
    if (featuresVariable.isBlank() || labelsVariable.isBlank()) {
      throw new IllegalArgumentException("variable names must not be blank, got '" + featuresVariable
          + "' and '" + labelsVariable + "'");
    }
    if (featuresVariable.equals(labelsVariable)) {
      throw new IllegalArgumentException("features and labels must be different variables, both are '"
          + featuresVariable + "'");
    }
    MatFile mat = MatFile.read(file, List.of(featuresVariable, labelsVariable));
    MatMatrix x = mat.matrix(featuresVariable);
    MatMatrix y = mat.matrix(labelsVariable);
    int n = x.rows();
    int d = x.columns();
    if (n == 0 || d == 0) {
      throw new MatFormatException(file, featuresVariable, -1, "is " + shape(x)
          + ": a feature matrix needs at least one row (sample) and one column");
    }
    if (y.rows() != 1 && y.columns() != 1) {
      throw new MatFormatException(file, labelsVariable, -1, "is " + shape(y)
          + ": labels must be a vector, 1 x n or n x 1");
    }
    int count = y.rows() * y.columns();
    if (count != n) {
      String hint = count == d ? "; samples must be rows: transpose '" + featuresVariable + "'" : "";
      throw new MatFormatException(file, labelsVariable, -1, "holds " + count + " labels, but '"
          + featuresVariable + "' (" + shape(x) + ") has " + n + " rows, one per sample" + hint);
    }
    int[] labels = labels(file, labelsVariable, y.values());
    if (Labels.distinct(labels) < 2) {
      throw new MatFormatException(file, labelsVariable, -1, "all " + n + " labels are " + labels[0]
          + "; at least 2 classes are needed");
    }
    LabelledData data = LabelledData.of(features(file, x), n, d, labels, Labels.max(labels) + 1);
    return new Samples(DataFiles.stem(file), data, List.of(mat.file()));
  }

  private static int[] labels(Path file, String variable, double[] values) throws MatFormatException {
    int[] labels = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      if (!Labels.valid(values[i])) {
        throw new MatFormatException(file, variable, -1, "element " + i + " (0-based) is "
            + values[i] + "; a label must be " + Labels.rule());
      }
      labels[i] = (int) values[i];
    }
    return labels;
  }

  private static float[] features(Path file, MatMatrix x) throws MatFormatException {
    double[] values = x.values();
    float[] out = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (float) values[i];
      if (!Float.isFinite(out[i])) {
        throw new MatFormatException(file, x.name(), -1, "the value at row " + (i / x.columns())
            + ", column " + (i % x.columns()) + " (0-based) is " + values[i]
            + "; features must be finite float32 values");
      }
    }
    return out;
  }

  private static String shape(MatMatrix m) {
    return m.rows() + " x " + m.columns() + " " + m.arrayClass().matlabName();
  }
}
