package io.ib.data;

import java.util.List;
import java.util.Objects;

/**
 * Every sample of one source, before it is divided into train and test parts, with its origin.
 *
 * @param name short name of the source, e.g. the file name without extension ({@code var_u})
 * @param data all samples, in file order
 * @param files the files the samples were read from, for provenance
 */
public record Samples(String name, LabelledData data, List<DataFile> files) {
  /** Checks that every component is present and copies the file list. */
  public Samples {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(data, "data");
    files = List.copyOf(files);
  }

  /**
   * The dataset with the given split; see {@link Dataset#split} for the name it gets.
   *
   * @throws IllegalArgumentException if a part would be empty ({@link DataSplit#trainSize})
   */
  public Dataset split(DataSplit split) {
    return Dataset.split(name, data, split, files);
  }
}
