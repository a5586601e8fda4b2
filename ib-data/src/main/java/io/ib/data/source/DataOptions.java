package io.ib.data.source;

import io.ib.data.DataSplit;
import io.ib.data.csv.LabelColumn;
import io.ib.data.mat.MatDatasets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How {@link DataSources#open} reads a data source: every option is either given or left to its
 * default, and this class is the one home of those defaults. Immutable: each {@code withX} returns a
 * copy. An option that does not apply to the kind of source opened (a label column for a
 * {@code .mat} file, a split for an IDX directory, ...) is refused by {@link DataSources#open}, so
 * the accessors report what was given, and the {@code ...OrDefault} methods what is used.
 *
 * <table>
 *   <caption>Options and defaults</caption>
 *   <tr><th>option</th><th>applies to</th><th>default</th></tr>
 *   <tr><td>{@link #withTestFile test file}</td><td>.csv, .mat</td><td>none: the file is split</td></tr>
 *   <tr><td>{@link #withSplit split}</td><td>.csv, .mat without a test file</td>
 *       <td>{@link #DEFAULT_SPLIT}: random 80 %, seed 1</td></tr>
 *   <tr><td>{@link #withLabelColumn label column}</td><td>.csv</td><td>the last column</td></tr>
 *   <tr><td>{@link #withHeaderLines header lines}</td><td>.csv</td>
 *       <td>1 when the label column is given by name, else 0</td></tr>
 *   <tr><td>{@link #withMatVariables MAT variables}</td><td>.mat</td>
 *       <td>{@value MatDatasets#FEATURES} and {@value MatDatasets#LABELS}</td></tr>
 * </table>
 *
 * <p>Why a random default split: a single file is often sorted (by class, by time), and its first
 * rows then make a train part that lacks whole classes. The 12-bit task's protocol (Shwartz-Ziv &amp;
 * Tishby's IDNNs code) takes the first 80 % unshuffled instead: ask for it with
 * {@code DataSplit.first(0.8)}.
 */
public final class DataOptions {
  /** The split of a single file when none is given: {@code random:fraction=0.8,seed=1}. */
  public static final DataSplit DEFAULT_SPLIT =
      DataSplit.random(DataSplit.DEFAULT_TRAIN_FRACTION, DataSplit.DEFAULT_SEED);

  private static final DataOptions DEFAULTS = new DataOptions(null, null, null, null, null, null);

  private final Path testFile;
  private final LabelColumn labelColumn;
  private final Integer headerLines;
  private final DataSplit split;
  private final String featuresVariable;
  private final String labelsVariable;

  private DataOptions(Path testFile, LabelColumn labelColumn, Integer headerLines, DataSplit split,
      String featuresVariable, String labelsVariable) {
    this.testFile = testFile;
    this.labelColumn = labelColumn;
    this.headerLines = headerLines;
    this.split = split;
    this.featuresVariable = featuresVariable;
    this.labelsVariable = labelsVariable;
  }

  /** No option given: every default applies. */
  public static DataOptions defaults() {
    return DEFAULTS;
  }

  /**
   * A copy with a separate file of test samples, of the same kind as the main file (which then holds
   * the train samples and is not split).
   */
  public DataOptions withTestFile(Path testFile) {
    return new DataOptions(Objects.requireNonNull(testFile, "testFile"), labelColumn, headerLines, split,
        featuresVariable, labelsVariable);
  }

  /** A copy with the CSV label column. */
  public DataOptions withLabelColumn(LabelColumn labelColumn) {
    return new DataOptions(testFile, Objects.requireNonNull(labelColumn, "labelColumn"), headerLines,
        split, featuresVariable, labelsVariable);
  }

  /**
   * A copy with the number of header lines at the top of CSV files.
   *
   * @param headerLines at least 0
   * @throws IllegalArgumentException if {@code headerLines} is negative
   */
  public DataOptions withHeaderLines(int headerLines) {
    if (headerLines < 0) {
      throw new IllegalArgumentException("the number of header lines must be >= 0, got " + headerLines);
    }
    return new DataOptions(testFile, labelColumn, headerLines, split, featuresVariable, labelsVariable);
  }

  /** A copy with the split of a single file into train and test parts. */
  public DataOptions withSplit(DataSplit split) {
    return new DataOptions(testFile, labelColumn, headerLines, Objects.requireNonNull(split, "split"),
        featuresVariable, labelsVariable);
  }

  /**
   * A copy with the names of the MAT-file variables that hold the features (n x d) and the labels
   * (1 x n or n x 1).
   *
   * @throws IllegalArgumentException if a name is blank or both are equal
   */
  public DataOptions withMatVariables(String features, String labels) {
    Objects.requireNonNull(features, "features");
    Objects.requireNonNull(labels, "labels");
    if (features.isBlank() || labels.isBlank() || features.equals(labels)) {
      throw new IllegalArgumentException("the MAT variables for features and labels must be two"
          + " different, non-blank names, got '" + features + "' and '" + labels + "'");
    }
    return new DataOptions(testFile, labelColumn, headerLines, split, features, labels);
  }

  /** The separate test file, if given. */
  public Optional<Path> testFile() {
    return Optional.ofNullable(testFile);
  }

  /** The CSV label column, if given. */
  public Optional<LabelColumn> labelColumn() {
    return Optional.ofNullable(labelColumn);
  }

  /** The number of CSV header lines, if given. */
  public OptionalInt headerLines() {
    return headerLines == null ? OptionalInt.empty() : OptionalInt.of(headerLines);
  }

  /** The split, if given. */
  public Optional<DataSplit> split() {
    return Optional.ofNullable(split);
  }

  /** The MAT variable names (features, labels), if given. */
  public Optional<List<String>> matVariables() {
    return featuresVariable == null ? Optional.empty()
        : Optional.of(List.of(featuresVariable, labelsVariable));
  }

  /** The label column used: the one given, else the last column. */
  public LabelColumn labelColumnOrDefault() {
    return labelColumn != null ? labelColumn : LabelColumn.last();
  }

  /** The number of header lines used: the one given, else 1 for a label column given by name, else 0. */
  public int headerLinesOrDefault() {
    return headerLines != null ? headerLines : labelColumnOrDefault().name().isPresent() ? 1 : 0;
  }

  /** The split used for a single file: the one given, else {@link #DEFAULT_SPLIT}. */
  public DataSplit splitOrDefault() {
    return split != null ? split : DEFAULT_SPLIT;
  }

  /** The features variable used: the one given, else {@value MatDatasets#FEATURES}. */
  public String featuresVariableOrDefault() {
    return featuresVariable != null ? featuresVariable : MatDatasets.FEATURES;
  }

  /** The labels variable used: the one given, else {@value MatDatasets#LABELS}. */
  public String labelsVariableOrDefault() {
    return labelsVariable != null ? labelsVariable : MatDatasets.LABELS;
  }

  /** The options given, e.g. {@code [split first:fraction=0.8, MAT variables F, y]}; {@code []} for none. */
  @Override
  public String toString() {
    List<String> given = new ArrayList<>();
    testFile().ifPresent(f -> given.add("test file " + f));
    split().ifPresent(s -> given.add("split " + s));
    labelColumn().ifPresent(c -> given.add("label " + c));
    headerLines().ifPresent(h -> given.add(h + " header lines"));
    matVariables().ifPresent(v -> given.add("MAT variables " + String.join(", ", v)));
    return given.toString();
  }
}
