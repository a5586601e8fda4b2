package io.ib.data.activations;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The layout of a directory of activations recorded by another framework (docs/import.md), read
 * and checked before any activation is: which cells, layers and steps it holds, and where each
 * array is. Every refusal is one line naming the file.
 *
 * <pre>
 * DIR/labels.npy             (n) class of each evaluation sample
 * DIR/inputs.npy             (n, ...) the evaluation inputs, optional
 * CELL/layers.csv            name,kind: the measured layers in order from the input; kind
 *                            'output' or 'output (what)' marks the output layer (last)
 * CELL/steps.csv             step[,epoch][,train_loss][,test_loss][,test_accuracy], optional
 * CELL/step{N}/{name}.npy    (n, ...) a layer's activations after N steps
 * </pre>
 * CELL is DIR itself (one network) or each of its directories {@code w{W}-s{S}} (width W, seed S).
 */
final class DumpLayout {
  static final String LABELS = "labels.npy";
  static final String INPUTS = "inputs.npy";
  static final String LAYERS = "layers.csv";
  static final String STEPS = "steps.csv";
  private static final Pattern CELL = Pattern.compile("w([0-9]{1,9})-s(-?[0-9]{1,18})");
  private static final Pattern STEP = Pattern.compile("step([0-9]{1,9})");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");

  private DumpLayout() {}

  /** A measured layer as {@code layers.csv} names it. */
  record LayerLine(String name, String kind) {
    /** {@code output}, or {@code output (softmax)}: an output layer that says what it holds. */
    boolean output() {
      return kind.equals("output") || kind.startsWith("output (");
    }
  }

  /** One network: its cell directory, layers and points in step order. */
  record CellDump(int width, long seed, Path directory, List<LayerLine> layers,
      List<DumpPoint> points) {
    /** The array of a layer at a point. */
    Path file(DumpPoint p, LayerLine layer) {
      return p.directory().resolve(layer.name() + ".npy");
    }
  }

  /**
   * Reads the layout of a dump.
   *
   * @param width the width of a dump of one network (DIR holds {@code layers.csv})
   * @param seed the seed of a dump of one network
   * @throws IllegalArgumentException naming the file and what is wrong with it
   * @throws IOException if a directory cannot be listed
   */
  static List<CellDump> read(Path dir, int width, long seed) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(dir + ": not a directory (expected a dump of activations,"
          + " see docs/import.md)");
    }
    requireFile(dir.resolve(LABELS), "the class of each evaluation sample");
    if (Files.isRegularFile(dir.resolve(LAYERS))) {
      return List.of(cell(dir, width, seed));
    }
    Map<String, CellDump> cells = new TreeMap<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, Files::isDirectory)) {
      for (Path p : entries) {
        Matcher m = CELL.matcher(p.getFileName().toString());
        if (m.matches()) {
          cells.put(p.getFileName().toString(), cell(p, Integer.parseInt(m.group(1)),
              Long.parseLong(m.group(2))));
        }
      }
    }
    if (cells.isEmpty()) {
      throw new IllegalArgumentException(dir + ": holds neither " + LAYERS + " (one network) nor"
          + " cell directories w{width}-s{seed} (see docs/import.md)");
    }
    Set<String> widthsAndSeeds = new HashSet<>();
    List<CellDump> list = new ArrayList<>(cells.values());
    list.sort(java.util.Comparator.comparingLong(CellDump::seed).thenComparingInt(CellDump::width));
    for (CellDump c : list) {
      if (!widthsAndSeeds.add(c.width() + "," + c.seed())) { // w2-s1 and w02-s1
        throw new IllegalArgumentException(c.directory() + ": a second directory of width "
            + c.width() + ", seed " + c.seed());
      }
    }
    return list;
  }

  private static CellDump cell(Path dir, int width, long seed) throws IOException {
    if (width < 1) {
      throw new IllegalArgumentException(dir + ": width " + width + " is not at least 1");
    }
    List<LayerLine> layers = layers(dir.resolve(LAYERS));
    Map<Integer, Path> stepDirs = stepDirectories(dir);
    List<DumpPoint> points = new ArrayList<>();
    Path steps = dir.resolve(STEPS);
    if (Files.isRegularFile(steps)) {
      points = StepsCsv.read(steps, stepDirs);
    } else {
      for (Map.Entry<Integer, Path> e : stepDirs.entrySet()) {
        points.add(pointWithoutFigures(e.getKey(), e.getValue()));
      }
    }
    if (points.isEmpty()) {
      throw new IllegalArgumentException(dir + ": no step directories step{N} with activations");
    }
    for (DumpPoint p : points) {
      Set<String> expected = new HashSet<>();
      for (LayerLine l : layers) {
        requireFile(p.directory().resolve(l.name() + ".npy"), "layer " + l.name()
            + "'s activations at step " + p.step());
        expected.add(l.name() + ".npy");
      }
      try (DirectoryStream<Path> files = Files.newDirectoryStream(p.directory())) {
        for (Path f : files) {
          if (!expected.contains(f.getFileName().toString())) {
            throw new IllegalArgumentException(f + ": not a layer of " + dir.resolve(LAYERS)
                + " (every file of a step directory is one listed layer's activations)");
          }
        }
      }
    }
    return new CellDump(width, seed, dir, layers, points);
  }

  private static DumpPoint pointWithoutFigures(int step, Path d) {
    // Without steps.csv the points are numbered only: each one's epoch is its number.
    return new DumpPoint(step, step, OptionalDouble.empty(), OptionalDouble.empty(),
        OptionalDouble.empty(), d);
  }

  private static List<LayerLine> layers(Path file) throws IOException {
    requireFile(file, "the measured layers, one 'name,kind' line each, from the input");
    List<String> lines = lines(file);
    if (lines.isEmpty() || !lines.get(0).strip().equals("name,kind")) {
      throw new IllegalArgumentException(file + ": line 1 must be the header 'name,kind'");
    }
    List<LayerLine> layers = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split(",", -1);
      if (f.length != 2 || !NAME.matcher(f[0].strip()).matches() || f[1].isBlank()) {
        throw new IllegalArgumentException(file + ": line " + (i + 1) + " is not 'name,kind' with a"
            + " name of letters, digits, '_', '-' or '.' (the file name of its arrays): " + line);
      }
      LayerLine l = new LayerLine(f[0].strip(), f[1].strip());
      if (!names.add(l.name())) {
        throw new IllegalArgumentException(file + ": line " + (i + 1) + " lists layer " + l.name()
            + " a second time");
      }
      if (!layers.isEmpty() && layers.get(layers.size() - 1).output()) {
        throw new IllegalArgumentException(file + ": line " + (i + 1) + " follows the output layer,"
            + " which must be the last");
      }
      layers.add(l);
    }
    if (layers.isEmpty()) {
      throw new IllegalArgumentException(file + ": lists no layer");
    }
    return layers;
  }

  private static Map<Integer, Path> stepDirectories(Path dir) throws IOException {
    Map<Integer, Path> steps = new TreeMap<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, Files::isDirectory)) {
      for (Path p : entries) {
        Matcher m = STEP.matcher(p.getFileName().toString());
        if (m.matches()) {
          Path before = steps.put(Integer.parseInt(m.group(1)), p);
          if (before != null) {
            throw new IllegalArgumentException(p + ": the same step as " + before);
          }
        }
      }
    }
    return steps;
  }

  static List<String> lines(Path file) throws IOException {
    return List.of(Files.readString(file, StandardCharsets.UTF_8).split("\\R", -1));
  }

  static void requireFile(Path file, String what) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(file + ": missing" + (what.isEmpty() ? "" : " (" + what
          + ")"));
    }
  }
}
