package io.ib.run;

import io.ib.info.MutualInformationEstimator;
import io.ib.sweep.ActivationMatrix;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a {@link RecordedRunWriter} keeps and estimates, and what it says about the data and the
 * cells.
 *
 * @param source where the activations come from, in words: {@code import}, {@code dl4j}
 * @param labels the class of each evaluation sample (0, 1, ...)
 * @param inputs the evaluation inputs (n x inputSize), if known; estimators that need X need them
 * @param estimators estimators run at every recorded point (range-based ones after the last cell,
 *     over the saved activations)
 * @param keepSnapshots whether every recorded matrix is saved for {@code ib analyze}
 * @param commandLine the command that made the run, recorded in its provenance (empty from code)
 * @param capacity what a cell's width counts, e.g. {@code conv1 channels} ({@link Recording})
 * @param classes the number of classes, if known; else the largest label + 1. It is the manifest's
 *     class count, and sizes the estimators' per-class tables; no estimate depends on it (H(Y) and
 *     the majority rate count the labels observed), so a subsample missing a class only shows
 *     fewer classes than the data has
 * @param dataset the data the networks were trained on, in words (empty: {@code recorded (source)})
 * @param trainSize the number of training samples, 0 if not known
 */
public record RecordingSettings(String source, int[] labels, Optional<ActivationMatrix> inputs,
    List<MutualInformationEstimator> estimators, boolean keepSnapshots, List<String> commandLine,
    String capacity, OptionalInt classes, Optional<String> dataset, int trainSize) {
  /**
   * Checks what describes the run (the rest is checked by {@link RecordedRunWriter#create}).
   *
   * @throws IllegalArgumentException if the capacity or the dataset's name is blank, classes
   *     below 1 or the training-set size negative
   */
  public RecordingSettings {
    if (capacity == null || capacity.isBlank()) {
      throw new IllegalArgumentException("the varied capacity needs a name, e.g. conv1 channels");
    }
    Objects.requireNonNull(classes, "classes");
    if (classes.isPresent() && classes.getAsInt() < 1) {
      throw new IllegalArgumentException("a recording needs at least 1 class, got "
          + classes.getAsInt());
    }
    if (Objects.requireNonNull(dataset, "dataset").isPresent() && dataset.get().isBlank()) {
      throw new IllegalArgumentException("the dataset's name is blank");
    }
    if (trainSize < 0) {
      throw new IllegalArgumentException("the training set has " + trainSize
          + " samples: give 0 if not known");
    }
  }

  /** Settings whose capacity, classes and data are not named. */
  public RecordingSettings(String source, int[] labels, Optional<ActivationMatrix> inputs,
      List<MutualInformationEstimator> estimators, boolean keepSnapshots, List<String> commandLine) {
    this(source, labels, inputs, estimators, keepSnapshots, commandLine, Recording.DEFAULT_CAPACITY,
        OptionalInt.empty(), Optional.empty(), 0);
  }

  /** The same settings with the varied capacity named, e.g. {@code conv1 channels}. */
  public RecordingSettings withCapacity(String name) {
    return new RecordingSettings(source, labels, inputs, estimators, keepSnapshots, commandLine, name,
        classes, dataset, trainSize);
  }

  /** The same settings with the number of classes (every label must be below it). */
  public RecordingSettings withClasses(int count) {
    return new RecordingSettings(source, labels, inputs, estimators, keepSnapshots, commandLine, capacity,
        OptionalInt.of(count), dataset, trainSize);
  }

  /** The same settings with the training data described: its name and number of samples. */
  public RecordingSettings withDataset(String name, int trainSamples) {
    return new RecordingSettings(source, labels, inputs, estimators, keepSnapshots, commandLine, capacity,
        classes, Optional.of(name), trainSamples);
  }

  /** The number of classes: as given, else the largest label + 1. */
  int numClasses() {
    return classes.orElse(Arrays.stream(labels).max().orElse(0) + 1);
  }
}
