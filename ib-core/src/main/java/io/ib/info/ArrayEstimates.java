package io.ib.info;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Estimates of arrays of your own, outside a sweep: the activations T of any network (n x d_t), with,
 * where you have them, the inputs X (n x d_x) that produced them and the class labels Y (n).
 *
 * <pre>{@code
 * List<InformationEstimate> e = ArrayEstimates.of(t)      // float[][], double[][] or INDArray
 *     .withInputs(x)                                       // optional: estimators that read X need it
 *     .withLabels(y)                                       // optional: without, I(T;Y) is NaN
 *     .estimate("knn:k=3");                                // any spec, as --estimator takes it
 * }</pre>
 *
 * <p>Any estimator spec works, plug-ins included; the result is the list of
 * {@link MutualInformationEstimator#estimateAll}, one estimate per member ({@code kernel} gives an
 * upper and a lower bound, {@code binning:width=1,2} one estimate per width). The numbers are those a
 * sweep computes for the same arrays: the estimator gets the {@link LayerSample} a sweep would build
 * (layer name {@value #LAYER}, the number of classes the largest label plus one). Values are used as
 * float32, as in a sweep: double arrays are rounded to float first.
 *
 * <p><b>Rows are samples.</b> Row i of T is the response to row i of X, whose class is label i. An
 * {@code INDArray} of rank 1 is one column; one of higher rank (n x 6 x 24 x 24) is flattened per
 * sample in C order.
 *
 * <p><b>Without labels</b> the estimator runs on labels that are all one class, and every estimate
 * comes back with {@code ityBits} and {@code hyBits} NaN: I(T;Y) and its ceiling H(Y) are not
 * defined, while I(X;T) and H(T) are what they are with labels (no built-in estimator's I(X;T)
 * reads the labels; {@code kernel}'s sums run in class order, so its I(X;T) may differ in the last
 * bits). {@code labels=shuffled}, the bias floor of I(T;Y), is refused without labels.
 *
 * <p><b>Without inputs</b>, estimators that read X ({@code knn}, {@code per-unit}) refuse with a
 * message that says so; the others ignore X.
 *
 * <p>Immutable; each {@code with...} returns a new instance sharing the arrays. The arrays must not be
 * modified while estimates are computed.
 */
public final class ArrayEstimates {
  /** The layer name the estimators see, and name in their messages. */
  public static final String LAYER = "T";

  private final INDArray activations;
  private final INDArray inputs;
  private final int[] labels;
  // Built on first use and shared by every estimator, so that the float copy of T and its check for
  // NaN are made once (LayerSample keeps them).
  private volatile LayerSample sample;

  private ArrayEstimates(INDArray activations, INDArray inputs, int[] labels) {
    this.activations = activations;
    this.inputs = inputs;
    this.labels = labels;
  }

  /**
   * The activations T, one row per sample.
   *
   * @param activations n x d_t, any floating or integer type; rank 1 is one column, higher ranks are
   *     flattened per sample
   * @throws IllegalArgumentException if it is a scalar or has no rows or no columns
   */
  public static ArrayEstimates of(INDArray activations) {
    return new ArrayEstimates(matrix(activations, "T"), null, null);
  }

  /**
   * The activations T, one row per sample.
   *
   * @throws IllegalArgumentException if it is empty or ragged (the message names the row)
   */
  public static ArrayEstimates of(float[][] activations) {
    return of(fromRows(activations, "T"));
  }

  /**
   * The activations T, one row per sample, rounded to float32.
   *
   * @throws IllegalArgumentException if it is empty or ragged (the message names the row)
   */
  public static ArrayEstimates of(double[][] activations) {
    return of(fromRows(activations, "T"));
  }

  /**
   * The same activations with the inputs X that produced them.
   *
   * @param inputs n x d_x, one row per row of T; shapes as {@link #of(INDArray)}
   * @throws IllegalArgumentException if its number of rows differs from T's
   */
  public ArrayEstimates withInputs(INDArray inputs) {
    INDArray x = matrix(inputs, "X");
    requireRows(x.rows(), "X has " + x.rows() + " rows");
    return new ArrayEstimates(activations, x, labels);
  }

  /** As {@link #withInputs(INDArray)}. */
  public ArrayEstimates withInputs(float[][] inputs) {
    return withInputs(fromRows(inputs, "X"));
  }

  /** As {@link #withInputs(INDArray)}, rounded to float32. */
  public ArrayEstimates withInputs(double[][] inputs) {
    return withInputs(fromRows(inputs, "X"));
  }

  /**
   * The same arrays with class labels.
   *
   * @param labels n class indices, each at least 0; the number of classes is the largest plus one
   * @throws IllegalArgumentException if their number differs from T's rows or one is negative
   */
  public ArrayEstimates withLabels(int[] labels) {
    Objects.requireNonNull(labels, "labels");
    requireRows(labels.length, "there are " + labels.length + " labels");
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0) {
        throw new IllegalArgumentException("label " + i + " is " + labels[i]
            + ": labels are class indices, at least 0");
      }
    }
    return new ArrayEstimates(activations, inputs, labels.clone());
  }

  private void requireRows(int rows, String what) {
    if (rows != activations.rows()) {
      throw new IllegalArgumentException("T has " + activations.rows() + " rows but " + what
          + ": one row (label) per sample in each");
    }
  }

  /** Number of samples n. */
  public int size() {
    return (int) activations.rows();
  }

  /** Whether inputs were given. */
  public boolean hasInputs() {
    return inputs != null;
  }

  /** Whether labels were given. */
  public boolean hasLabels() {
    return labels != null;
  }

  /**
   * The sample the estimators get: layer {@value #LAYER}, the labels (all 0, one class, when none
   * were given) and the inputs, or null.
   */
  public LayerSample sample() {
    LayerSample s = sample;
    if (s == null) {
      int[] y = labels != null ? labels : new int[size()];
      int numClasses = Arrays.stream(y).max().orElse(0) + 1;
      s = LayerSample.of(LAYER, activations, y, numClasses, inputs);
      sample = s;
    }
    return s;
  }

  /**
   * Every estimate of the estimator a spec names ({@link Estimators#parse}).
   *
   * @param spec e.g. {@code knn:k=3}, {@code binning:width=0.5}, {@code kernel:s2=0.1}
   * @return one estimate per member of the estimator, in bits
   * @throws IllegalArgumentException for a bad spec, or if the estimator cannot estimate these
   *     arrays (it needs inputs that were not given, a NaN activation, too few samples); the
   *     message says why
   */
  public List<InformationEstimate> estimate(String spec) {
    return estimate(Estimators.parse(spec));
  }

  /**
   * Every estimate of an estimator ({@link MutualInformationEstimator#estimateAll}) on these arrays;
   * without labels, with I(T;Y) and H(Y) NaN.
   *
   * @throws IllegalArgumentException if the estimator cannot estimate these arrays (message says
   *     why), or for {@code labels=shuffled} without labels
   */
  public List<InformationEstimate> estimate(MutualInformationEstimator estimator) {
    Objects.requireNonNull(estimator, "estimator");
    Estimators.requireAvailable(estimator);
    if (labels == null && estimator.spec().get(ShuffledLabels.PARAMETER).isPresent()) {
      throw new IllegalArgumentException("estimator " + estimator.spec() + " measures the bias of"
          + " I(T;Y) with shuffled labels, which needs labels; none were given");
    }
    List<InformationEstimate> all = estimator.estimateAll(sample());
    if (labels != null) {
      return all;
    }
    List<InformationEstimate> withoutY = new ArrayList<>(all.size());
    for (InformationEstimate e : all) {
      withoutY.add(new InformationEstimate(e.estimator(), e.ixtBits(), Double.NaN, e.htBits(), e.n(),
          Double.NaN));
    }
    return withoutY;
  }

  /** An array with samples along its first axis as an n x d matrix (a view where ND4J allows). */
  private static INDArray matrix(INDArray array, String name) {
    Objects.requireNonNull(array, name);
    if (array.rank() == 0) {
      throw new IllegalArgumentException(name + " is a single value; expected one row per sample");
    }
    long rows = array.size(0);
    long columns = array.rank() == 1 ? 1 : array.length() / Math.max(1, rows);
    if (rows == 0 || columns == 0) {
      throw new IllegalArgumentException(name + " has shape " + Arrays.toString(array.shape())
          + ": expected at least one row (sample) and one column");
    }
    if (rows > Integer.MAX_VALUE || columns > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(name + " has shape " + Arrays.toString(array.shape())
          + ", too large");
    }
    return array.rank() == 2 ? array : array.reshape('c', rows, columns);
  }

  private static INDArray fromRows(float[][] rows, String name) {
    int columns = columns(rows, name, rows == null ? 0 : rows.length);
    float[] flat = new float[Math.multiplyExact(rows.length, columns)];
    for (int i = 0; i < rows.length; i++) {
      requireLength(rows[i] == null ? -1 : rows[i].length, columns, name, i);
      System.arraycopy(rows[i], 0, flat, i * columns, columns);
    }
    return Nd4j.create(flat, new long[] {rows.length, columns}, DataType.FLOAT);
  }

  private static INDArray fromRows(double[][] rows, String name) {
    int columns = columns(rows, name, rows == null ? 0 : rows.length);
    float[] flat = new float[Math.multiplyExact(rows.length, columns)];
    for (int i = 0; i < rows.length; i++) {
      requireLength(rows[i] == null ? -1 : rows[i].length, columns, name, i);
      for (int j = 0; j < columns; j++) {
        flat[i * columns + j] = (float) rows[i][j];
      }
    }
    return Nd4j.create(flat, new long[] {rows.length, columns}, DataType.FLOAT);
  }

  private static int columns(Object[] rows, String name, int n) {
    Objects.requireNonNull(rows, name);
    if (n == 0) {
      throw new IllegalArgumentException(name + " has no rows; expected one row per sample");
    }
    int columns = rows[0] instanceof float[] f ? f.length : rows[0] instanceof double[] d ? d.length : 0;
    if (columns == 0) {
      throw new IllegalArgumentException(name + "'s row 0 has no values; expected one column or more");
    }
    return columns;
  }

  private static void requireLength(int length, int columns, String name, int row) {
    if (length != columns) {
      throw new IllegalArgumentException(name + " is ragged: row " + row + " has "
          + (length < 0 ? "no array" : length + " values") + ", row 0 has " + columns);
    }
  }
}
