package io.ib.data.csv;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * Which column of a CSV file holds the class labels: one named in the header line, one by 0-based
 * index, or the last one. Immutable.
 */
public final class LabelColumn {
  private static final int LAST = -1;
  /** Column names listed in a message, at most. */
  private static final int LISTED = 20;

  private final String name;
  private final int index;

  private LabelColumn(String name, int index) {
    this.name = name;
    this.index = index;
  }

  /**
   * The column with this name in the header line (the last of the header lines); needs at least one
   * header line.
   *
   * @param name the column's name, compared after trimming blanks on both sides
   * @throws IllegalArgumentException if the name is blank
   */
  public static LabelColumn named(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a label column name must not be blank");
    }
    return new LabelColumn(name.strip(), LAST);
  }

  /**
   * The column at this 0-based index.
   *
   * @param index at least 0
   * @throws IllegalArgumentException if {@code index} is negative
   */
  public static LabelColumn index(int index) {
    if (index < 0) {
      throw new IllegalArgumentException("a label column index must be >= 0 (0-based), got " + index);
    }
    return new LabelColumn(null, index);
  }

  /** The last column of each row. */
  public static LabelColumn last() {
    return new LabelColumn(null, LAST);
  }

  /**
   * The command-line form: digits are a 0-based index, anything else a name ({@code 12} is the
   * thirteenth column, {@code y} the column named y).
   *
   * @throws IllegalArgumentException if the text is blank or an index too large for an int
   */
  public static LabelColumn parse(String text) {
    Objects.requireNonNull(text, "text");
    String t = text.strip();
    if (t.matches("[0-9]+")) {
      try {
        return index(Integer.parseInt(t));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("label column index " + t + " is too large");
      }
    }
    return named(t);
  }

  /** The name, when the column is given by name. */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  /** The 0-based index, when the column is given by index. */
  public OptionalInt index() {
    return name == null && index != LAST ? OptionalInt.of(index) : OptionalInt.empty();
  }

  /** True for {@link #last()}. */
  public boolean isLast() {
    return name == null && index == LAST;
  }

  /**
   * The 0-based index in a file.
   *
   * @param header the column names of the header line, or null if there is none
   * @param columns the number of fields in the first data row (or the header line when by name)
   * @param where file and line, for messages
   * @throws IOException if the column does not exist, or its name is missing or appears twice
   */
  int resolve(List<String> header, int columns, String where) throws IOException {
    if (name == null) {
      int i = index == LAST ? columns - 1 : index;
      if (i >= columns) {
        throw new IOException(where + ": label column " + index + " does not exist, the row has "
            + columns + " columns (0-based indices)");
      }
      return i;
    }
    int found = header.indexOf(name);
    if (found < 0) {
      String listed = header.stream().limit(LISTED).map(c -> "'" + c + "'").collect(Collectors.joining(", "))
          + (header.size() > LISTED ? ", ... (" + header.size() + " columns)" : "");
      throw new IOException(where + ": no column named '" + name + "' in the header line (columns: "
          + listed + ")");
    }
    int again = header.subList(found + 1, header.size()).indexOf(name);
    if (again >= 0) {
      throw new IOException(where + ": the column name '" + name + "' appears twice in the header line"
          + " (columns " + found + " and " + (found + 1 + again) + ", 0-based); give the label column"
          + " by index");
    }
    return found;
  }

  /** E.g. {@code column 'y'}, {@code column 12}, {@code the last column}. */
  @Override
  public String toString() {
    return name != null ? "column '" + name + "'" : index == LAST ? "the last column" : "column " + index;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LabelColumn c && Objects.equals(c.name, name) && c.index == index;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, index);
  }
}
