package io.ib.data;

import java.util.List;
import java.util.Objects;

/**
 * A train/evaluation pair with its origin.
 *
 * @param name short name, e.g. {@code mnist}
 * @param train samples the models are trained on
 * @param test samples on which accuracy and information quantities are measured
 * @param files the files both were read from, for provenance (may be empty for synthetic data)
 */
public record Dataset(String name, LabelledData train, LabelledData test, List<DataFile> files) {
  public Dataset {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(test, "test");
    files = List.copyOf(files);
    if (train.numFeatures() != test.numFeatures()) {
      throw new IllegalArgumentException("train has " + train.numFeatures()
          + " features per sample but test has " + test.numFeatures());
    }
    if (train.numClasses() != test.numClasses()) {
      throw new IllegalArgumentException("train has " + train.numClasses()
          + " classes but test has " + test.numClasses());
    }
  }

  /** Number of input features per sample. */
  public int numFeatures() {
    return train.numFeatures();
  }

  /** Number of classes. */
  public int numClasses() {
    return train.numClasses();
  }
}
