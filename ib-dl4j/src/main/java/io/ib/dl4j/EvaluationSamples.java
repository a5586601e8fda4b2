package io.ib.dl4j;

import io.ib.data.LabelledData;
import io.ib.info.LayerSample;
import io.ib.info.MutualInformationEstimator;
import io.ib.run.RecordedRunWriter;
import io.ib.run.RecordingSettings;
import io.ib.sweep.ActivationMatrix;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The samples a network is measured on: its inputs, in the shape the network takes (n x d, or
 * n x channels x height x width), and one class per sample. Every measurement feeds all n samples
 * through the network, and every estimator works on these n rows: n is the subsample that bounds the
 * estimators' cost (kernel and k-NN grow as n squared).
 *
 */
public final class EvaluationSamples {
  private final INDArray features;
  private final int[] labels;
  private final int numClasses;

  /**
   * An evaluation set.
   *
   * @param features n samples in the network's input shape, floating point (not copied: do not
   *     modify it while the set is in use)
   * @param labels the class of each sample, in [0, numClasses)
   * @param numClasses number of classes, at least 2
   * @throws IllegalArgumentException if the rows disagree or a label is out of range
   */
  public EvaluationSamples(INDArray features, int[] labels, int numClasses) {
    Objects.requireNonNull(features, "features");
    Objects.requireNonNull(labels, "labels");
    if (features.rank() < 2 || !features.dataType().isFPType()) {
      throw new IllegalArgumentException("evaluation features must be floating point with a row per"
          + " sample, got " + features.dataType() + " of shape " + Arrays.toString(features.shape()));
    }
    if (features.size(0) != labels.length) {
      throw new IllegalArgumentException("the evaluation features have " + features.size(0)
          + " rows but there are " + labels.length + " labels");
    }
    if (labels.length < 2) {
      throw new IllegalArgumentException("an evaluation set needs at least 2 samples, got "
          + labels.length);
    }
    if (numClasses < 2) {
      throw new IllegalArgumentException("an evaluation set needs at least 2 classes, got " + numClasses);
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= numClasses) {
        throw new IllegalArgumentException("evaluation label " + labels[i] + " at row " + i
            + " is outside [0, " + numClasses + ")");
      }
    }
    this.features = features;
    this.labels = labels.clone();
    this.numClasses = numClasses;
  }

  /** An ib dataset part (its features n x d, as an MLP or a {@code convolutionalFlat} input takes them). */
  public static EvaluationSamples of(LabelledData data) {
    return new EvaluationSamples(data.features(), data.labels(), data.numClasses());
  }

  /**
   * Features with one-hot labels, as DL4J's {@code DataSet} holds them.
   *
   * @param oneHot n x classes, each row all zeros but a single one
   * @throws IllegalArgumentException if the rows disagree or a row is not one-hot
   */
  public static EvaluationSamples fromOneHot(INDArray features, INDArray oneHot) {
    Objects.requireNonNull(oneHot, "oneHot");
    if (oneHot.rank() != 2 || oneHot.size(1) < 2) {
      throw new IllegalArgumentException("one-hot labels must be n x classes (at least 2), got shape "
          + Arrays.toString(oneHot.shape()));
    }
    if (oneHot.size(0) != features.size(0)) {
      throw new IllegalArgumentException("the evaluation features have " + features.size(0)
          + " rows but the labels have " + oneHot.size(0));
    }
    int classes = (int) oneHot.size(1);
    float[] values = LayerSample.rowMajorFloats(oneHot);
    int[] labels = new int[(int) oneHot.size(0)];
    for (int i = 0; i < labels.length; i++) {
      int ones = 0;
      for (int c = 0; c < classes; c++) {
        float v = values[i * classes + c];
        if (v == 1f) {
          labels[i] = c;
          ones++;
        } else if (v != 0f) {
          ones = -1;
          break;
        }
      }
      if (ones != 1) {
        throw new IllegalArgumentException("label row " + i + " is not one-hot (a single 1, zeros"
            + " elsewhere): " + Arrays.toString(Arrays.copyOfRange(values, i * classes,
            (i + 1) * classes)));
      }
    }
    return new EvaluationSamples(features, labels, classes);
  }

  /** Number of samples. */
  public int size() {
    return labels.length;
  }

  /** The inputs, in the network's input shape (not a copy: do not modify). */
  public INDArray features() {
    return features;
  }

  /** The class of each sample (a copy). */
  public int[] labels() {
    return labels.clone();
  }

  /** Number of classes. */
  public int numClasses() {
    return numClasses;
  }

  /** The inputs, one flattened row per sample (what estimators of I(X;T) against X read). */
  public ActivationMatrix inputs() {
    long width = features.length() / features.size(0);
    float[] values = LayerSample.rowMajorFloats(features.reshape('c', features.size(0), width));
    return new ActivationMatrix(values, size(), (int) width);
  }

  /**
   * The settings of a {@link RecordedRunWriter} for networks measured on this set: source
   * {@code dl4j}, these labels and inputs, this number of classes (which the labels of a subsample
   * may not all show). Name the capacity and the data with its {@code with} methods.
   *
   * @param estimators the estimators run at every measurement
   * @param keepSnapshots whether every measured layer is saved for {@code ib analyze}
   * @param commandLine the command that made the run, for its provenance
   */
  public RecordingSettings writerSettings(List<MutualInformationEstimator> estimators,
      boolean keepSnapshots, List<String> commandLine) {
    return new RecordingSettings("dl4j", labels(), Optional.of(inputs()),
        List.copyOf(estimators), keepSnapshots, List.copyOf(commandLine)).withClasses(numClasses);
  }

  @Override
  public String toString() {
    return size() + " samples of shape " + Arrays.toString(Arrays.copyOfRange(features.shape(), 1,
        features.rank())) + ", " + numClasses + " classes";
  }
}
