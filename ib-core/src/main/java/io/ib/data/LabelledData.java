package io.ib.data;

import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A labelled sample held in memory: a feature matrix (n x d, c-order) and one class index per row.
 *
 * <p>Immutable by contract: the feature matrix is owned by this object and must not be modified by
 * callers. Labels are copied on the way in and out.
 */
public final class LabelledData {
  private final INDArray features;
  private final int[] labels;
  private final int numClasses;

  private LabelledData(INDArray features, int[] labels, int numClasses) {
    this.features = features;
    this.labels = labels;
    this.numClasses = numClasses;
  }

  /**
   * Wraps a feature matrix and labels.
   *
   * @param features n x d matrix (float or double); a view or f-order matrix is copied to c-order
   * @param labels n class indices in [0, numClasses)
   * @param numClasses number of classes, at least 2
   * @throws IllegalArgumentException if shapes disagree, a label is out of range or a feature is NaN
   *     or infinite
   */
  public static LabelledData of(INDArray features, int[] labels, int numClasses) {
    Objects.requireNonNull(features, "features");
    Objects.requireNonNull(labels, "labels");
    if (features.rank() != 2) {
      throw new IllegalArgumentException(
          "features must be a matrix (n x d), got shape " + Arrays.toString(features.shape()));
    }
    if (features.rows() != labels.length) {
      throw new IllegalArgumentException(
          "features has " + features.rows() + " rows but there are " + labels.length + " labels");
    }
    if (labels.length == 0) {
      throw new IllegalArgumentException("a dataset needs at least one sample");
    }
    if (numClasses < 2) {
      throw new IllegalArgumentException("numClasses must be at least 2, got " + numClasses);
    }
    if (!features.dataType().isFPType()) {
      throw new IllegalArgumentException("features must be floating point, got " + features.dataType());
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= numClasses) {
        throw new IllegalArgumentException(
            "label " + labels[i] + " at row " + i + " is outside [0, " + numClasses + ")");
      }
    }
    INDArray owned = features.isView() || features.ordering() != 'c' ? features.dup('c') : features;
    requireFinite(owned);
    return new LabelledData(owned, labels.clone(), numClasses);
  }

  // One reduction in the common case; a Java scan only when the sum is not finite (NaN, infinity,
  // or an overflow of the sum itself), to say where.
  private static void requireFinite(INDArray features) {
    if (Double.isFinite(features.sumNumber().doubleValue())) {
      return;
    }
    double[] values = features.data().asDouble();
    long d = features.columns();
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException("features contain " + values[i] + " at row " + (i / d)
            + ", column " + (i % d) + ": inputs must be finite");
      }
    }
  }

  /**
   * Builds a float32 dataset from a row-major primitive array.
   *
   * @param rowMajor n * d values, row after row
   */
  public static LabelledData of(float[] rowMajor, int n, int d, int[] labels, int numClasses) {
    if ((long) n * d != rowMajor.length) {
      throw new IllegalArgumentException(
          "expected n * d = " + ((long) n * d) + " values, got " + rowMajor.length);
    }
    return of(Nd4j.create(rowMajor, new long[] {n, d}, DataType.FLOAT), labels, numClasses);
  }

  /** The n x d feature matrix (shared, do not modify). */
  public INDArray features() {
    return features;
  }

  /** A copy of the n class indices. */
  public int[] labels() {
    return labels.clone();
  }

  /** Number of samples n. */
  public int size() {
    return labels.length;
  }

  /** Number of features d per sample. */
  public int numFeatures() {
    return features.columns();
  }

  /** Number of classes. */
  public int numClasses() {
    return numClasses;
  }

  /** How many samples carry each class index. */
  public int[] classCounts() {
    int[] counts = new int[numClasses];
    for (int label : labels) {
      counts[label]++;
    }
    return counts;
  }

  /** The same samples converted to another floating-point type (this object if it already has it). */
  public LabelledData withDataType(DataType type) {
    if (features.dataType() == type) {
      return this;
    }
    return new LabelledData(features.castTo(type), labels, numClasses);
  }

  /**
   * The samples at the given row indices, in the order given (a copy): row i of the result is row
   * {@code indices[i]} of this data. Indices may repeat. The number of classes stays the same, even
   * when some class occurs in no picked row. Rows are gathered in one ND4J operation.
   *
   * @param indices at least one row index, each in [0, {@link #size()})
   * @return the picked samples, with this data's feature type
   * @throws IllegalArgumentException if {@code indices} is empty or an index is out of range (the
   *     message gives the index and its position)
   */
  public LabelledData rows(int[] indices) {
    Objects.requireNonNull(indices, "indices");
    if (indices.length == 0) {
      throw new IllegalArgumentException("at least one row index is needed");
    }
    int[] picked = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      int row = indices[i];
      if (row < 0 || row >= labels.length) {
        throw new IllegalArgumentException(
            "row index " + row + " at position " + i + " is outside [0, " + labels.length + ")");
      }
      picked[i] = labels[row];
    }
    return new LabelledData(Nd4j.pullRows(features, 1, indices, 'c'), picked, numClasses);
  }

  /**
   * The same samples with a larger number of classes, e.g. so that a train part whose labels reach
   * only 3 can be paired with a test part whose labels reach 9 (both then have 10 classes).
   *
   * @param classes the new number of classes, at least {@link #numClasses()}
   * @return this object if {@code classes} equals {@link #numClasses()}, else a copy sharing the
   *     features
   * @throws IllegalArgumentException if {@code classes} is smaller than {@link #numClasses()}
   */
  public LabelledData withNumClasses(int classes) {
    if (classes < numClasses) {
      throw new IllegalArgumentException("the number of classes can only grow: " + numClasses
          + " now, " + classes + " asked");
    }
    return classes == numClasses ? this : new LabelledData(features, labels, classes);
  }

  /** The first {@code n} samples (a copy), for quick runs and tests. */
  public LabelledData head(int n) {
    if (n < 1 || n > size()) {
      throw new IllegalArgumentException("head size must be in [1, " + size() + "], got " + n);
    }
    if (n == size()) {
      return this;
    }
    INDArray rows = features.get(
        org.nd4j.linalg.indexing.NDArrayIndex.interval(0, n),
        org.nd4j.linalg.indexing.NDArrayIndex.all()).dup('c');
    return new LabelledData(rows, Arrays.copyOf(labels, n), numClasses);
  }
}
