package io.ib.info;

import io.ib.internal.HostCopy;
import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The activations of one whole layer T on an evaluation set, with the class labels Y and, optionally,
 * the inputs X.
 *
 * <p>Row i of the activations is the layer's response t_i (a d-vector) to input x_i, whose class is
 * y_i. Estimators must not modify the arrays. A sample is safe to share between threads: the primitive
 * copy of the activations ({@link #activationsAsFloats()}) is made once, on first use, and shared by
 * every estimator that asks for it; {@link #finiteActivations()} returns the same copy after a
 * check for NaN and infinite values that also runs once per sample.
 *
 * <p>A sample of a quantized layer says so ({@link #levels()}): its activations then lie on those
 * levels, which is what lets the {@code quantized} estimator count exactly. A sample of a noisy
 * network's layer carries its noise ({@link #noise()}), which the sample-propagation estimator needs.
 */
public final class LayerSample {
  private final String layer;
  private final INDArray activations;
  private final int[] labels;
  private final int numClasses;
  private final INDArray inputs;
  private final double labelEntropyBits;
  private final UniformLevels levels;
  private final NoisyLayer noise;
  private volatile float[] floats;
  // Flat index of the first non-finite activation, -1 if there is none, UNCHECKED before the check.
  private volatile int firstNonFinite = UNCHECKED;
  private static final int UNCHECKED = -2;

  private LayerSample(String layer, INDArray activations, int[] labels, int numClasses, INDArray inputs,
      UniformLevels levels, NoisyLayer noise, float[] floats) {
    this.layer = layer;
    this.activations = activations;
    this.labels = labels;
    this.numClasses = numClasses;
    this.inputs = inputs;
    this.labelEntropyBits = Entropy.ofSymbols(labels, numClasses);
    this.levels = levels;
    this.noise = noise;
    this.floats = floats;
  }

  /**
   * A sample without inputs.
   *
   * @param layer the layer's name, e.g. {@code hidden2}
   * @param activations n x d activations (any floating type)
   * @param labels n class indices in [0, numClasses)
   * @param numClasses number of classes
   * @throws IllegalArgumentException if shapes disagree or labels are out of range
   */
  public static LayerSample of(String layer, INDArray activations, int[] labels, int numClasses) {
    return of(layer, activations, labels, numClasses, null);
  }

  /**
   * A sample with the inputs that produced the activations (needed by estimators that look at X).
   *
   * @param inputs n x inputSize matrix, or null
   */
  public static LayerSample of(
      String layer, INDArray activations, int[] labels, int numClasses, INDArray inputs) {
    Objects.requireNonNull(layer, "layer");
    Objects.requireNonNull(activations, "activations");
    Objects.requireNonNull(labels, "labels");
    if (activations.rank() != 2) {
      throw new IllegalArgumentException("activations of layer " + layer
          + " must be a matrix (n x d), got shape " + Arrays.toString(activations.shape()));
    }
    if (activations.rows() != labels.length || labels.length == 0) {
      throw new IllegalArgumentException("layer " + layer + " has " + activations.rows()
          + " rows of activations but " + labels.length + " labels (need the same, at least one)");
    }
    if (inputs != null && (inputs.rank() != 2 || inputs.rows() != labels.length)) {
      throw new IllegalArgumentException("inputs must be a matrix with " + labels.length
          + " rows, got shape " + Arrays.toString(inputs.shape()));
    }
    if (numClasses < 1) {
      throw new IllegalArgumentException("numClasses must be at least 1, got " + numClasses);
    }
    return new LayerSample(layer, activations, labels.clone(), numClasses, inputs,
        UniformLevels.NONE, null, null);
  }

  /**
   * The same sample, declared to come from a quantized layer: every activation is one of these
   * levels. Activations, labels and inputs are shared, not copied.
   *
   * @param levels the layer's levels, or {@link UniformLevels#NONE} for a continuous layer
   */
  public LayerSample onLevels(UniformLevels levels) {
    Objects.requireNonNull(levels, "levels");
    return new LayerSample(layer, activations, labels, numClasses, inputs, levels, noise, floats);
  }

  /**
   * The same sample, declared to come from a noisy network's layer with this noise. Activations,
   * labels and inputs are shared, not copied.
   *
   * @param layerNoise the layer's noise, or null for a noiseless layer
   */
  public LayerSample withNoise(NoisyLayer layerNoise) {
    return new LayerSample(layer, activations, labels, numClasses, inputs, levels, layerNoise,
        floats);
  }

  /** The noise of a noisy network's layer, or null for a noiseless layer. */
  public NoisyLayer noise() {
    return noise;
  }

  /**
   * The same activations and inputs with other labels (e.g. permuted, for a bias floor); the
   * levels are kept.
   *
   * @throws IllegalArgumentException if the number of labels differs or one is out of range
   */
  public LayerSample withLabels(int[] otherLabels) {
    Objects.requireNonNull(otherLabels, "otherLabels");
    if (otherLabels.length != labels.length) {
      throw new IllegalArgumentException("layer " + layer + " has " + labels.length
          + " samples, got " + otherLabels.length + " labels");
    }
    return new LayerSample(layer, activations, otherLabels.clone(), numClasses, inputs,
        levels, noise, floats);
  }

  /** The levels of a quantized layer; {@link UniformLevels#NONE} for a continuous layer. */
  public UniformLevels levels() {
    return levels;
  }

  /** The layer's name. */
  public String layer() {
    return layer;
  }

  /** The n x d activation matrix (do not modify). */
  public INDArray activations() {
    return activations;
  }

  /** The inputs (n x inputSize), or null when the sample was made without them. */
  public INDArray inputs() {
    return inputs;
  }

  /** A copy of the labels. */
  public int[] labels() {
    return labels.clone();
  }

  /** Number of classes. */
  public int numClasses() {
    return numClasses;
  }

  /** Number of samples n. */
  public int size() {
    return labels.length;
  }

  /** Number of units d of the layer. */
  public int width() {
    return activations.columns();
  }

  /** Plug-in entropy of the labels, H(Y) in bits. */
  public double labelEntropyBits() {
    return labelEntropyBits;
  }

  /** log2 n in bits. */
  public double log2nBits() {
    return Entropy.log2(labels.length);
  }

  /**
   * The activations as one row-major float array of n * d values (made once, shared; do not modify).
   */
  public float[] activationsAsFloats() {
    float[] result = floats;
    if (result == null) {
      synchronized (this) {
        result = floats;
        if (result == null) {
          result = rowMajorFloats(activations);
          floats = result;
        }
      }
    }
    return result;
  }

  /**
   * The activations of {@link #activationsAsFloats()} (the same shared array; do not modify),
   * checked to be finite. Estimators that read the activations as floats call this instead, so that
   * a NaN or infinite activation (a diverged network) gives the error the estimator contract asks
   * for. The check is one pass over the n * d values on the first call; its outcome is kept, so
   * every estimator run on the same sample shares that pass.
   *
   * @return n * d activations, row-major: unit u of row i at {@code i * width() + u}, all finite
   * @throws IllegalArgumentException if an activation is NaN or infinite; the message names the
   *     layer and the row, unit and value of the first such activation in row-major order
   */
  public float[] finiteActivations() {
    float[] values = activationsAsFloats();
    int bad = firstNonFinite;
    if (bad == UNCHECKED) {
      bad = indexOfNonFinite(values);
      firstNonFinite = bad;
    }
    if (bad >= 0) {
      int d = width();
      throw new IllegalArgumentException("layer " + layer + " has activation " + values[bad]
          + " at row " + bad / d + ", unit " + bad % d + ": estimators need finite activations");
    }
    return values;
  }

  private static int indexOfNonFinite(float[] values) {
    for (int i = 0; i < values.length; i++) {
      if (!Float.isFinite(values[i])) {
        return i;
      }
    }
    return -1;
  }

  /** Copies any matrix into a row-major float array in one bulk transfer. */
  public static float[] rowMajorFloats(INDArray matrix) {
    INDArray m = matrix.dataType() == DataType.FLOAT ? matrix : matrix.castTo(DataType.FLOAT);
    if (m.isView() || m.ordering() != 'c' || m.data().length() != m.length()) {
      m = m.dup('c');
    }
    if (m.length() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("a matrix of " + m.length() + " values does not fit a Java"
          + " array");
    }
    // One bulk transfer (a memcpy on the CPU backend); asFloat() was several times slower.
    float[] out = new float[(int) m.length()];
    HostCopy.read(m, out);
    return out;
  }
}
