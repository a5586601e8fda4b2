package io.ib.data.activations;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * A cell's {@code steps.csv}: a header naming some of step, epoch, train_loss, test_loss and
 * test_accuracy (step required), then one line per measurement point in increasing step order; an
 * empty field is a figure not known.
 */
final class StepsCsv {
  private static final List<String> COLUMNS = List.of("step", "epoch", "train_loss", "test_loss",
      "test_accuracy");

  private StepsCsv() {}

  /**
   * Reads the points, each with its step directory.
   *
   * @param stepDirectories the cell's step directories, by step
   * @throws IllegalArgumentException naming the file and line of the first mistake
   */
  static List<DumpPoint> read(Path file, Map<Integer, Path> stepDirectories) throws IOException {
    List<String> lines = List.of(Files.readString(file, StandardCharsets.UTF_8).split("\\R", -1));
    String[] header = lines.get(0).strip().split(",", -1);
    Map<String, Integer> column = new HashMap<>();
    for (int i = 0; i < header.length; i++) {
      String name = header[i].strip();
      if (!COLUMNS.contains(name) || column.put(name, i) != null) {
        throw new IllegalArgumentException(file + ": line 1 has column '" + name + "'; expected a"
            + " header of distinct columns among " + COLUMNS + ", step included");
      }
    }
    if (!column.containsKey("step")) {
      throw new IllegalArgumentException(file + ": line 1 has no column 'step'");
    }
    List<DumpPoint> points = new ArrayList<>();
    Set<Integer> listed = new HashSet<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split(",", -1);
      String where = file + ": line " + (i + 1);
      if (f.length != header.length) {
        throw new IllegalArgumentException(where + " has " + f.length + " fields, the header "
            + header.length);
      }
      double stepValue = number(f, column, "step", where).orElseThrow(
          () -> new IllegalArgumentException(where + " has no step"));
      if (stepValue != Math.rint(stepValue) || stepValue < 0 || stepValue > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(where + ": step " + f[column.get("step")]
            + " is not a whole number of at least 0");
      }
      int step = (int) stepValue;
      if (!points.isEmpty() && step <= points.get(points.size() - 1).step()) {
        throw new IllegalArgumentException(where + ": step " + step + " does not follow step "
            + points.get(points.size() - 1).step() + "; steps must increase");
      }
      Path directory = stepDirectories.get(step);
      if (directory == null) {
        throw new IllegalArgumentException(where + ": step " + step + " has no directory "
            + file.resolveSibling("step" + step));
      }
      listed.add(step);
      OptionalDouble epoch = number(f, column, "epoch", where);
      if (epoch.isPresent() && !(epoch.getAsDouble() >= 0)) {
        throw new IllegalArgumentException(where + ": epoch " + epoch.getAsDouble()
            + " is below 0");
      }
      OptionalDouble accuracy = number(f, column, "test_accuracy", where);
      if (accuracy.isPresent() && !(accuracy.getAsDouble() >= 0 && accuracy.getAsDouble() <= 1)) {
        throw new IllegalArgumentException(where + ": test_accuracy " + accuracy.getAsDouble()
            + " is not in [0, 1]");
      }
      points.add(new DumpPoint(step, epoch.orElse(step), number(f, column, "train_loss", where),
          number(f, column, "test_loss", where), accuracy, directory));
    }
    for (Map.Entry<Integer, Path> e : stepDirectories.entrySet()) {
      if (!listed.contains(e.getKey())) {
        throw new IllegalArgumentException(e.getValue() + ": step " + e.getKey() + " is not listed"
            + " in " + file);
      }
    }
    return points;
  }

  private static OptionalDouble number(String[] fields, Map<String, Integer> column, String name,
      String where) {
    Integer i = column.get(name);
    if (i == null || fields[i].isBlank()) {
      return OptionalDouble.empty();
    }
    try {
      double v = Double.parseDouble(fields[i].strip());
      if (!Double.isFinite(v)) {
        throw new NumberFormatException();
      }
      return OptionalDouble.of(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(where + ": " + name + " '" + fields[i].strip()
          + "' is not a finite number (leave the field empty if it is not known)");
    }
  }
}
