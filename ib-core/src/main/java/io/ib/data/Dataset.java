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

  /**
   * Divides the samples of one source into train and test parts.
   *
   * <p>The name records the split, so that two datasets from one file with different splits never
   * pass for the same, e.g. {@code var_u (first 80% train)} or
   * {@code iris (random 80% train, seed 1)}. Both parts keep the
   * number of classes of {@code all}, also when a class occurs in only one part.
   *
   * @param name the source's name, e.g. a file name without extension
   * @param all every sample, in file order
   * @param split which rows go to each part ({@link DataSplit})
   * @param files the files {@code all} was read from
   * @return the dataset; train and test are copies
   * @throws IllegalArgumentException if a part would be empty ({@link DataSplit#trainSize})
   */
  public static Dataset split(String name, LabelledData all, DataSplit split, List<DataFile> files) {
    Objects.requireNonNull(name, "name");
    int[][] rows = split.partition(all.size());
    return new Dataset(name + " (" + split.trainDescription() + ")", all.rows(rows[0]),
        all.rows(rows[1]), files);
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
