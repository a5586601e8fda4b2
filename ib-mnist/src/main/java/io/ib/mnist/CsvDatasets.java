package io.ib.mnist;

import io.ib.data.DataFile;
import io.ib.data.Dataset;
import io.ib.data.LabelledData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.datavec.api.records.Record;
import org.datavec.api.records.metadata.RecordMetaDataLine;
import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.datavec.api.split.FileSplit;
import org.datavec.api.writable.Writable;

/**
 * Loads users' own tabular data from CSV files, so sweeps can run on data other than MNIST.
 *
 * <p>Each row is one sample: numeric feature columns and one integer label column. DataVec's
 * {@link CSVRecordReader} is used only to split lines into fields (quotes, delimiters); values are
 * parsed and checked here, collected in primitive arrays in one pass over each file, and turned into an
 * ND4J matrix once. DataVec is slow per row, so this is for loading, never for a training loop.
 */
public final class CsvDatasets {
  /** Largest label accepted, so a stray value cannot ask for billions of classes. */
  public static final int MAX_LABEL = 65_535;

  private CsvDatasets() {}

  /**
   * Loads a train/test pair of comma-separated files.
   *
   * <p>Features are float32 in file column order without the label column. Blank lines are ignored. The number of classes is
   * the largest label in either file plus one (at least 2). The dataset is named
   * {@code <train stem>+<test stem>} (file names without extension) and lists both files with SHA-256
   * and size.
   *
   * @param trainCsv training samples
   * @param testCsv evaluation samples
   * @param labelColumn 0-based index of the label column; labels must be integers in [0, {@value #MAX_LABEL}]
   * @param skipLines number of header lines at the top of each file, at least 0
   * @return the dataset
   * @throws IOException naming file, line, column and value for a non-numeric or non-finite feature, a
   *     bad label, or a row whose number of fields differs from the first row (also across files); or
   *     if a file is empty, has no feature column, has fewer than 2 classes, or cannot be read (one
   *     line naming the file and the cause, e.g. {@code permission denied})
   * @throws IllegalArgumentException if {@code labelColumn} or {@code skipLines} is negative
   */
  public static Dataset load(Path trainCsv, Path testCsv, int labelColumn, int skipLines) throws IOException {
    if (labelColumn < 0) {
      throw new IllegalArgumentException("labelColumn must be >= 0, got " + labelColumn);
    }
    if (skipLines < 0) {
      throw new IllegalArgumentException("skipLines must be >= 0, got " + skipLines);
    }
    // The sums first: an unreadable file then fails with a clear message, before DataVec reads it.
    List<DataFile> files = List.of(file(trainCsv), file(testCsv));
    Table train = read(trainCsv, labelColumn, skipLines, -1);
    Table test = read(testCsv, labelColumn, skipLines, train.columns);
    int numClasses = Math.max(train.maxLabel, test.maxLabel) + 1;
    if (numClasses < 2) {
      throw new IOException(trainCsv.getFileName() + ", " + testCsv.getFileName()
          + ": all labels are 0; at least 2 classes are needed");
    }
    int d = train.columns - 1;
    return new Dataset(stem(trainCsv) + "+" + stem(testCsv),
        LabelledData.of(train.features(), train.rows, d, train.labels(), numClasses),
        LabelledData.of(test.features(), test.rows, d, test.labels(), numClasses), files);
  }

  /** One file's samples, in growable primitive arrays. */
  private static final class Table {
    int columns;
    int rows;
    int maxLabel = -1;
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
   * @param columns required number of fields per row, or -1 to take it from the first row
   */
  private static Table read(Path csv, int labelColumn, int skipLines, int columns) throws IOException {
    String name = csv.getFileName().toString();
    Table t = new Table();
    t.columns = columns;
    try (CSVRecordReader reader = new CSVRecordReader(skipLines, ',')) {
      reader.initialize(new FileSplit(csv.toFile()));
      while (reader.hasNext()) {
        Record record = reader.nextRecord();
        List<Writable> fields = record.getRecord();
        if (fields.size() == 1 && fields.get(0).toString().isBlank()) {
          continue; // blank line, e.g. at the end of the file
        }
        String where = name + ": line " + lineNumber(record, skipLines + t.rows + 1);
        if (t.columns < 0) {
          t.columns = fields.size();
          if (labelColumn >= t.columns) {
            throw new IOException(where + ": label column " + labelColumn + " does not exist, the row has "
                + t.columns + " columns (0-based indices)");
          }
          if (t.columns < 2) {
            throw new IOException(where + ": expected a label and at least one feature, found 1 column");
          }
        }
        if (fields.size() != t.columns) {
          throw new IOException(where + ": ragged row: expected " + t.columns + " columns, found "
              + fields.size());
        }
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
          if (c == labelColumn) {
            t.labels[t.rows] = parseLabel(text, where, c);
            t.maxLabel = Math.max(t.maxLabel, t.labels[t.rows]);
          } else {
            t.features[k++] = parseFeature(text, where, c);
          }
        }
        t.rows++;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(name + ": interrupted while opening", e);
    } catch (IllegalStateException e) {
      // DataVec reports unparseable lines (e.g. an unbalanced quote) this way.
      throw new IOException(name + ": cannot split a line into fields: " + e.getMessage(), e);
    }
    if (t.rows == 0) {
      throw new IOException(name + ": no data rows after skipping " + skipLines + " lines");
    }
    return t;
  }

  private static float parseFeature(String text, String where, int column) throws IOException {
    float value;
    try {
      value = Float.parseFloat(text);
    } catch (NumberFormatException e) {
      throw new IOException(where + ", column " + column + ": not a number: '" + text + "'");
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
    // Written so that NaN fails: "2.0" is accepted as class 2, "2.5", "-1" and "abc" are not.
    if (!(value >= 0 && value <= MAX_LABEL && value == Math.rint(value))) {
      throw new IOException(where + ", column " + column + ": label must be an integer in [0, " + MAX_LABEL
          + "], found '" + text + "'");
    }
    return (int) value;
  }

  private static int lineNumber(Record record, int fallback) {
    return record.getMetaData() instanceof RecordMetaDataLine line ? line.getLineNumber() + 1 : fallback;
  }

  private static DataFile file(Path csv) throws IOException {
    // DataVec reads the file itself, so the provenance sum is one separate pass.
    return new DataFile(csv.getFileName().toString(), Sha256.of(csv), Files.size(csv));
  }

  private static String stem(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
