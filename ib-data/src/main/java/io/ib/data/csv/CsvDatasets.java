package io.ib.data.csv;

import io.ib.data.DataFile;
import io.ib.data.Dataset;
import io.ib.data.LabelledData;
import io.ib.data.Samples;
import io.ib.data.files.DataFiles;
import io.ib.data.files.Labels;
import io.ib.data.files.Sha256;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.datavec.api.records.Record;
import org.datavec.api.records.metadata.RecordMetaDataLine;
import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.datavec.api.split.FileSplit;
import org.datavec.api.writable.Writable;

/**
 * Loads users' own tabular data from CSV files, so sweeps can run on data other than MNIST: one file
 * with all samples ({@link #load(Path, LabelColumn, int)}, to be split with
 * {@link Samples#split}), or a train file and a test file ({@link #load(Path, Path, LabelColumn, int)}).
 *
 * <p>Each row is one sample: comma-separated numeric feature columns and one label column, chosen by
 * {@link LabelColumn}: by name in the header line, by 0-based index, or the last column. Features are
 * float32 in file column order without the label column; labels are integers in [0,
 * {@value #MAX_LABEL}] ({@code 2.0} counts as 2); the number of classes is the largest label plus one,
 * and at least 2 different labels must occur. Header lines are skipped; the last of them holds the
 * column names, read when the label column is given by name. Blank lines are ignored. Line numbers in
 * messages count every line of the file from 1, header lines included; column numbers are 0-based.
 *
 * <p>DataVec's {@link CSVRecordReader} is used only to split lines into fields (quotes, delimiters);
 * values are parsed and checked here, collected in primitive arrays in one pass over each file, and
 * turned into an ND4J matrix once. DataVec is slow per row, so this is for loading, never for a
 * training loop.
 */
public final class CsvDatasets {
  /** Largest label accepted, so a stray value cannot ask for billions of classes. */
  public static final int MAX_LABEL = Labels.MAX;

  private CsvDatasets() {}

  /**
   * Loads a train/test pair of comma-separated files, the label column given by index.
   *
   * @param trainCsv training samples
   * @param testCsv evaluation samples
   * @param labelColumn 0-based index of the label column
   * @param skipLines number of header lines at the top of each file, at least 0
   * @return the dataset
   * @throws IOException as {@link #load(Path, Path, LabelColumn, int)}
   * @throws IllegalArgumentException if {@code labelColumn} or {@code skipLines} is negative
   * @see #load(Path, Path, LabelColumn, int)
   */
  public static Dataset load(Path trainCsv, Path testCsv, int labelColumn, int skipLines) throws IOException {
    if (labelColumn < 0) {
      throw new IllegalArgumentException("labelColumn must be >= 0, got " + labelColumn);
    }
    return load(trainCsv, testCsv, LabelColumn.index(labelColumn), skipLines);
  }

  /**
   * Loads a train/test pair of comma-separated files.
   *
   * <p>The number of classes is the largest label in either file plus one. The dataset is named
   * {@code <train stem>+<test stem>} (file names without extension) and lists both files with
   * SHA-256 and size. Both files must have the same number of columns and, when the label column is
   * given by name, the same header line.
   *
   * @param trainCsv training samples
   * @param testCsv evaluation samples
   * @param label which column holds the labels
   * @param headerLines number of header lines at the top of each file, at least 0 (at least 1 when
   *     the label column is given by name)
   * @return the dataset
   * @throws IOException naming file, line, column and value for a non-numeric or non-finite feature,
   *     a bad label, or a row whose number of fields differs from the first row (also across files);
   *     naming file and line for a missing label column or one whose name appears twice, or a test
   *     header that differs from the train header; or if a file is empty, has no feature column,
   *     fewer than 2 different labels occur, or a file cannot be read or is not a regular file (one
   *     line naming the file and the cause, e.g. {@code permission denied})
   * @throws IllegalArgumentException if {@code headerLines} is negative, or 0 with a label column
   *     given by name
   */
  public static Dataset load(Path trainCsv, Path testCsv, LabelColumn label, int headerLines)
      throws IOException {
    check(label, headerLines);
    // The sums first: an unreadable file then fails with a clear message, before DataVec reads it.
    List<DataFile> files = List.of(Sha256.identity(trainCsv), Sha256.identity(testCsv));
    Table train = read(trainCsv, label, headerLines, null);
    Table test = read(testCsv, label, headerLines, train);
    int[] trainLabels = train.labels();
    int[] testLabels = test.labels();
    requireTwoClasses(trainCsv.getFileName() + ", " + testCsv.getFileName(), trainLabels, testLabels);
    int numClasses = Labels.max(trainLabels, testLabels) + 1;
    int d = train.columns - 1;
    return new Dataset(DataFiles.stem(trainCsv) + "+" + DataFiles.stem(testCsv),
        LabelledData.of(train.features(), train.rows, d, trainLabels, numClasses),
        LabelledData.of(test.features(), test.rows, d, testLabels, numClasses), files);
  }

  /**
   * Loads every sample of one comma-separated file, in file order, named after the file without
   * extension; divide it with {@link Samples#split}.
   *
   * @param csv the file
   * @param label which column holds the labels
   * @param headerLines number of header lines at the top, at least 0 (at least 1 when the label
   *     column is given by name)
   * @return all samples, with the file's name, SHA-256 and size
   * @throws IOException as {@link #load(Path, Path, LabelColumn, int)}, for one file
   * @throws IllegalArgumentException if {@code headerLines} is negative, or 0 with a label column
   *     given by name
   */
  public static Samples load(Path csv, LabelColumn label, int headerLines) throws IOException {
    check(label, headerLines);
    DataFile file = Sha256.identity(csv);
    Table table = read(csv, label, headerLines, null);
    int[] labels = table.labels();
    requireTwoClasses(csv.getFileName().toString(), labels);
    LabelledData data = LabelledData.of(table.features(), table.rows, table.columns - 1, labels,
        Labels.max(labels) + 1);
    return new Samples(DataFiles.stem(csv), data, List.of(file));
  }

  private static void check(LabelColumn label, int headerLines) {
    Objects.requireNonNull(label, "label");
    if (headerLines < 0) {
      throw new IllegalArgumentException("the number of header lines must be >= 0, got " + headerLines);
    }
    if (headerLines == 0 && label.name().isPresent()) {
      throw new IllegalArgumentException("the label " + label + " is given by name, which needs a"
          + " header line; the number of header lines is 0");
    }
  }

  private static void requireTwoClasses(String files, int[]... labels) throws IOException {
    if (Labels.distinct(labels) < 2) {
      throw new IOException(files + ": every label is " + Labels.max(labels)
          + "; at least 2 classes are needed");
    }
  }

  /** One file's samples, in growable primitive arrays. */
  private static final class Table {
    /** Column names of the header line, when the label is given by name; else null. */
    List<String> header;
    int columns = -1;
    int label;
    int rows;
    float[] features = new float[1024];
    int[] labels = new int[64];

    float[] features() {
      return Arrays.copyOf(features, rows * (columns - 1));
    }

    int[] labels() {
      return Arrays.copyOf(labels, rows);
    }
  }

  /**
   * Reads a file once.
   *
   * @param like the train file's table, whose columns (and header, when the label is named) this
   *     file must have; null for the first file
   */
  private static Table read(Path csv, LabelColumn label, int headerLines, Table like) throws IOException {
    String name = csv.getFileName().toString();
    boolean named = label.name().isPresent();
    Table t = new Table();
    int line = named ? 0 : headerLines; // the last line read, for messages where DataVec gives none
    // By name, the last header line is read as a record: it holds the column names.
    try (CSVRecordReader reader = new CSVRecordReader(named ? headerLines - 1 : headerLines, ',')) {
      reader.initialize(new FileSplit(csv.toFile()));
      if (named) {
        if (!reader.hasNext()) {
          throw new IOException(name + ": the file ends before its header line " + headerLines);
        }
        Record record = reader.nextRecord();
        line = lineNumber(record, headerLines);
        String where = name + ": line " + line;
        t.header = record.getRecord().stream().map(w -> w.toString().strip()).toList();
        if (like != null && !t.header.equals(like.header)) {
          throw new IOException(where + ": the header line differs from the train file's: "
              + t.header + " here, " + like.header + " there");
        }
        t.columns = t.header.size();
        t.label = label.resolve(t.header, t.columns, where);
        requireFeatureColumn(t, where);
      }
      while (reader.hasNext()) {
        Record record = reader.nextRecord();
        List<Writable> fields = record.getRecord();
        line = lineNumber(record, line + 1);
        if (fields.size() == 1 && fields.get(0).toString().isBlank()) {
          continue; // blank line, e.g. at the end of the file
        }
        String where = name + ": line " + line;
        if (t.columns < 0) {
          t.columns = like != null ? like.columns : fields.size();
          t.label = label.resolve(null, t.columns, where);
          requireFeatureColumn(t, where);
        }
        if (fields.size() != t.columns) {
          throw new IOException(where + ": ragged row: expected " + t.columns + " columns, found "
              + fields.size());
        }
        append(t, fields, where);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(name + ": interrupted while opening", e);
    } catch (RuntimeException e) {
      // DataVec reports unparseable lines (e.g. an unbalanced quote) as an IllegalStateException, or
      // as a RuntimeException around an IOException; anything else is not about the file.
      Throwable cause = e instanceof IllegalStateException ? e : e.getCause();
      if (!(cause instanceof IOException || cause instanceof IllegalStateException)) {
        throw e;
      }
      throw new IOException(name + ": after line " + line + ": cannot split a line into fields: "
          + oneLine(cause.getMessage()), e);
    }
    if (t.rows == 0) {
      throw new IOException(name + ": no data rows after " + headerLines + " header lines");
    }
    return t;
  }

  private static void requireFeatureColumn(Table t, String where) throws IOException {
    if (t.columns < 2) {
      throw new IOException(where + ": expected a label and at least one feature, found 1 column");
    }
  }

  /** Parses one row's fields into the table. */
  private static void append(Table t, List<Writable> fields, String where) throws IOException {
    int d = t.columns - 1;
    if ((long) (t.rows + 1) * d > Integer.MAX_VALUE - 8) {
      throw new IOException(where + ": too many values for one float array");
    }
    if (t.features.length < (t.rows + 1) * d) {
      t.features = Arrays.copyOf(t.features, (int) Math.min(Integer.MAX_VALUE - 8L, 2L * (t.rows + 1) * d));
    }
    if (t.labels.length == t.rows) {
      t.labels = Arrays.copyOf(t.labels, (int) Math.min(Integer.MAX_VALUE - 8L, 2L * t.rows));
    }
    int k = t.rows * d;
    for (int c = 0; c < t.columns; c++) {
      String text = fields.get(c).toString().trim();
      if (c == t.label) {
        t.labels[t.rows] = parseLabel(text, where, c);
      } else {
        t.features[k++] = parseFeature(text, where, c);
      }
    }
    t.rows++;
  }

  private static float parseFeature(String text, String where, int column) throws IOException {
    float value;
    try {
      value = Float.parseFloat(text);
    } catch (NumberFormatException e) {
      throw new IOException(where + ", column " + column + ": not a number: '" + text + "'"
          + (where.endsWith(": line 1") ? " (if line 1 is a header, give the number of header lines)" : ""));
    }
    if (!Float.isFinite(value)) {
      throw new IOException(where + ", column " + column + ": not a finite float32 value: '" + text + "'");
    }
    return value;
  }

  private static int parseLabel(String text, String where, int column) throws IOException {
    double value;
    try {
      value = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      value = Double.NaN;
    }
    // "2.0" is accepted as class 2, "2.5", "-1" and "abc" are not.
    if (!Labels.valid(value)) {
      throw new IOException(where + ", column " + column + ": label must be " + Labels.rule()
          + ", found '" + text + "'");
    }
    return (int) value;
  }

  private static int lineNumber(Record record, int fallback) {
    return record.getMetaData() instanceof RecordMetaDataLine line ? line.getLineNumber() + 1 : fallback;
  }

  private static String oneLine(String text) {
    return String.valueOf(text).replaceAll("\\s*\\R\\s*", " ").strip();
  }
}
