package io.ib.data.npy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Plain numeric CSV as a matrix or a label column: comma-separated numbers, one sample per line, an
 * optional header line (the first line, if one of its fields is not a number), blank lines ignored.
 * Line numbers in messages count every line from 1.
 */
final class CsvArrays {
  private CsvArrays() {}

  static SampleMatrix matrix(Path file, List<String> lines) throws ArrayFormatException {
    int first = firstDataLine(lines);
    int columns = -1;
    int rows = 0;
    float[] values = new float[1024];
    for (int line = first; line < lines.size(); line++) {
      if (lines.get(line).isBlank()) {
        continue;
      }
      String[] fields = lines.get(line).split(",", -1);
      if (columns < 0) {
        columns = fields.length;
      } else if (fields.length != columns) {
        throw new ArrayFormatException(file, "line " + (line + 1) + ": expected " + columns
            + " fields like the first data line, found " + fields.length);
      }
      if ((long) (rows + 1) * columns > Integer.MAX_VALUE - 8) {
        throw new ArrayFormatException(file, "line " + (line + 1) + ": too many values for one array");
      }
      if (values.length < (rows + 1) * columns) {
        values = Arrays.copyOf(values, (int) Math.min(Integer.MAX_VALUE - 8L, 2L * (rows + 1) * columns));
      }
      for (int c = 0; c < columns; c++) {
        values[rows * columns + c] = finite(file, line, c, fields[c]);
      }
      rows++;
    }
    if (rows == 0) {
      throw new ArrayFormatException(file, "no data lines");
    }
    return new SampleMatrix(Arrays.copyOf(values, rows * columns), rows, columns, List.of(columns));
  }

  static int[] labels(Path file, List<String> lines) throws ArrayFormatException {
    int first = firstDataLine(lines);
    int[] labels = new int[Math.max(0, lines.size() - first)];
    int n = 0;
    for (int line = first; line < lines.size(); line++) {
      if (lines.get(line).isBlank()) {
        continue;
      }
      String[] fields = lines.get(line).split(",", -1);
      if (fields.length != 1) {
        throw new ArrayFormatException(file, "line " + (line + 1) + ": expected one label, found "
            + fields.length + " fields");
      }
      double value = number(fields[0]);
      if (Double.isNaN(value) && !unquoted(fields[0]).equalsIgnoreCase("nan")) {
        throw new ArrayFormatException(file, "line " + (line + 1) + ": not a number: '"
            + fields[0].strip() + "'");
      }
      labels[n] = LabelValues.check(file, n, value);
      n++;
    }
    if (n == 0) {
      throw new ArrayFormatException(file, "no data lines");
    }
    return Arrays.copyOf(labels, n);
  }

  /** The index of the first data line: after the first non-blank line if it is a header. */
  private static int firstDataLine(List<String> lines) {
    for (int line = 0; line < lines.size(); line++) {
      if (!lines.get(line).isBlank()) {
        for (String field : lines.get(line).split(",", -1)) {
          String text = unquoted(field);
          if (!text.isEmpty() && Double.isNaN(number(field)) && !text.equalsIgnoreCase("nan")) {
            return line + 1;
          }
        }
        return line;
      }
    }
    return lines.size();
  }

  private static float finite(Path file, int line, int column, String field) throws ArrayFormatException {
    double value = number(field);
    String where = "line " + (line + 1) + ", column " + column + ": ";
    if (Double.isNaN(value) && !unquoted(field).equalsIgnoreCase("nan")) {
      throw new ArrayFormatException(file, where + "not a number: '" + field.strip() + "'");
    }
    if (!Double.isFinite(value) || Math.abs(value) > Float.MAX_VALUE) {
      throw new ArrayFormatException(file, where + "'" + field.strip() + "' is not a finite float32"
          + " value; expected finite values");
    }
    return (float) value;
  }

  /** The field's number, NaN if it is none (a header name, an empty field). */
  private static double number(String field) {
    try {
      return Double.parseDouble(unquoted(field));
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static String unquoted(String field) {
    String text = field.strip();
    return text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")
        ? text.substring(1, text.length() - 1).strip() : text;
  }
}
