package io.ib.data.source;

import io.ib.data.DataFile;
import io.ib.data.Dataset;
import io.ib.data.LabelledData;
import io.ib.data.Samples;
import io.ib.data.csv.CsvDatasets;
import io.ib.data.csv.LabelColumn;
import io.ib.data.files.DataFiles;
import io.ib.data.idx.IdxDirectory;
import io.ib.data.mat.MatDatasets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The one entry point from a path to a {@link Dataset}, for the command line and for library users.
 *
 * <p>What the path is decides how it is read ({@link Kind}):
 * <ul>
 *   <li>a directory: IDX files in MNIST's layout ({@link IdxDirectory#load(Path)}: the four standard
 *       files, {@code .gz} or not, train and test parts given by the files; any image size and number
 *       of classes). Named {@code mnist} when the files are the published ones, else after the
 *       directory.</li>
 *   <li>a file ending in {@code .csv} (any case): comma-separated samples ({@link CsvDatasets}).</li>
 *   <li>a file ending in {@code .mat} (any case): a MATLAB level-5 MAT-file ({@link MatDatasets}),
 *       e.g. the 12-bit task's {@code var_u.mat}.</li>
 * </ul>
 * A single {@code .csv} or {@code .mat} file is divided into train and test parts by the split of
 * the options ({@link DataOptions#splitOrDefault()}), and the dataset is named after the file stem
 * and the split, e.g. {@code var_u (first 80% train)} ({@link Dataset#split}). With a separate test
 * file (of the same kind) nothing is split and the dataset is named {@code <train stem>+<test stem>}.
 * Every file read is listed in {@link Dataset#files()} with its SHA-256.
 *
 * <p>Options that do not apply to the source (a split or a test file for a directory, which has a
 * test part; a split together with a test file; a label column or header lines for a {@code .mat}
 * file; MAT variables for a {@code .csv} file or a directory) are refused, rather than ignored.
 */
public final class DataSources {
  /** The kinds of data source. */
  public enum Kind {
    /** A directory of IDX files in MNIST's layout. */
    IDX_DIRECTORY,
    /** A {@code .csv} file. */
    CSV,
    /** A {@code .mat} file. */
    MAT
  }

  private DataSources() {}

  /**
   * The kind of source a path names, from what it is: a directory, or a file's extension. Reads
   * nothing but the file system's entry.
   *
   * @throws IllegalArgumentException if the path is neither a directory nor a {@code .csv} or
   *     {@code .mat} file name
   */
  public static Kind kind(Path path) {
    Objects.requireNonNull(path, "path");
    if (Files.isDirectory(path)) {
      return Kind.IDX_DIRECTORY;
    }
    return switch (DataFiles.extension(path)) {
      case "csv" -> Kind.CSV;
      case "mat" -> Kind.MAT;
      default -> throw new IllegalArgumentException(path + ": unknown kind of data source: expected a"
          + " directory of IDX files in MNIST's layout, a .csv file or a .mat file");
    };
  }

  /**
   * Reads a data source.
   *
   * @param path a directory of IDX files in MNIST's layout, a {@code .csv} file or a {@code .mat} file
   * @param options test file, split, CSV label column and header lines, MAT variables
   * @return the dataset, its name recording the split when one was made
   * @throws NoSuchFileException if the path or the test file does not exist
   * @throws IOException if a file is malformed, cannot be read or is not a regular file (a named
   *     pipe, ...: {@code "<path>: not a regular file"}), a directory lacks IDX files, a
   *     single file has too few samples for the split, or a MAT train/test pair disagrees in the
   *     number of features; the message is one line naming the file (and line, column or variable
   *     where known)
   * @throws IllegalArgumentException if the path's kind is unknown or an option does not apply to it
   *     (the message names the option, the path and what the option applies to)
   */
  public static Dataset open(Path path, DataOptions options) throws IOException {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(options, "options");
    requireExists(path);
    Kind kind = kind(path);
    requireApplicable(path, kind, options);
    if (kind == Kind.IDX_DIRECTORY) {
      List<String> missing = IdxDirectory.missingFiles(path);
      if (!missing.isEmpty()) {
        throw new IOException(path + ": a directory is read as IDX files in MNIST's layout, but "
            + String.join(", ", missing) + " (or the same name without .gz) is missing");
      }
      return IdxDirectory.load(path);
    }
    Path test = options.testFile().orElse(null);
    if (test != null) {
      requireExists(test);
      if (Files.isDirectory(test) || !DataFiles.extension(test).equals(DataFiles.extension(path))) {
        throw new IllegalArgumentException("the test file " + test + " must be a ."
            + DataFiles.extension(path) + " file, as the train file " + path + " is");
      }
    }
    if (kind == Kind.CSV) {
      LabelColumn label = options.labelColumnOrDefault();
      int headerLines = options.headerLinesOrDefault();
      return test != null ? CsvDatasets.load(path, test, label, headerLines)
          : split(path, CsvDatasets.load(path, label, headerLines), options);
    }
    String features = options.featuresVariableOrDefault();
    String labels = options.labelsVariableOrDefault();
    Samples train = MatDatasets.load(path, features, labels);
    return test != null ? pair(path, train, test, MatDatasets.load(test, features, labels))
        : split(path, train, options);
  }

  private static void requireExists(Path path) throws NoSuchFileException {
    if (!Files.exists(path)) {
      throw new NoSuchFileException(path.toString(), null, "no such file or directory");
    }
  }

  private static void requireApplicable(Path path, Kind kind, DataOptions options) {
    List<String> given = new ArrayList<>();
    if (kind == Kind.IDX_DIRECTORY) {
      options.testFile().ifPresent(f -> given.add("a test file (" + f + ")"));
      options.split().ifPresent(s -> given.add("a split (" + s + ")"));
      if (!given.isEmpty()) {
        throw new IllegalArgumentException(String.join(" and ", given) + " cannot be used with " + path
            + ", a directory of IDX files, which has its own test part (" + IdxDirectory.TEST_IMAGES + ", "
            + IdxDirectory.TEST_LABELS + "); a test file or a split applies to .csv and .mat files");
      }
    }
    if (options.testFile().isPresent() && options.split().isPresent()) {
      throw new IllegalArgumentException("both a test file (" + options.testFile().get() + ") and a"
          + " split (" + options.split().get() + ") were given for " + path + ": give one, the split"
          + " divides a single file");
    }
    if (kind != Kind.CSV) {
      options.labelColumn().ifPresent(c -> given.add("a label column (" + c + ")"));
      options.headerLines().ifPresent(h -> given.add("header lines (" + h + ")"));
      if (!given.isEmpty()) {
        throw new IllegalArgumentException(String.join(" and ", given) + " cannot be used with " + path
            + ", which is not a .csv file; a label column and header lines apply to .csv files");
      }
    }
    if (kind != Kind.MAT && options.matVariables().isPresent()) {
      throw new IllegalArgumentException("MAT variables (" + String.join(", ", options.matVariables().get())
          + ") cannot be used with " + path + ", which is not a .mat file");
    }
  }

  private static Dataset split(Path path, Samples all, DataOptions options) throws IOException {
    try {
      return all.split(options.splitOrDefault());
    } catch (IllegalArgumentException e) {
      // Too few samples for the split: a property of the file.
      throw new IOException(path.getFileName() + ": " + e.getMessage(), e);
    }
  }

  /** A MAT train/test pair: one number of features, the number of classes of both together. */
  private static Dataset pair(Path trainPath, Samples train, Path testPath, Samples test) throws IOException {
    LabelledData a = train.data();
    LabelledData b = test.data();
    if (a.numFeatures() != b.numFeatures()) {
      throw new IOException(trainPath.getFileName() + ", " + testPath.getFileName() + ": the train file"
          + " has " + a.numFeatures() + " features per sample, the test file " + b.numFeatures());
    }
    int classes = Math.max(a.numClasses(), b.numClasses());
    List<DataFile> files = new ArrayList<>(train.files());
    files.addAll(test.files());
    return new Dataset(train.name() + "+" + test.name(), a.withNumClasses(classes),
        b.withNumClasses(classes), files);
  }
}
