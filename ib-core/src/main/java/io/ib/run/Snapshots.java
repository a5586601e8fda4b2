package io.ib.run;

import io.ib.sweep.ActivationMatrix;
import io.ib.sweep.Cell;
import io.ib.sweep.Layer;
import io.ib.sweep.SnapshotEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Evaluation-set activations saved per measurement point, for re-analysis without retraining.
 *
 * <p>Layout inside a run directory:
 * <pre>
 * snapshots/labels.npy                       int32 (n): class of each evaluation sample
 * snapshots/inputs.npy                       float32 (n x inputSize): the evaluation inputs, if known
 * snapshots/w{width}-s{seed}/step{step}-{layer}.npy   float32 (n x layerWidth), step zero-padded to 7
 * snapshots/index.csv                        width,seed,step,epoch,layer,layer_width,file
 * </pre>
 * Each array is complete (written under a temporary name and renamed) before its index line is
 * written, in one write, so the index never points to a partial file. Index lines name only files
 * of this layout: a file column that names anything else marks the index as damaged, so ib never
 * reads or deletes a file it did not write.
 */
final class Snapshots implements AutoCloseable {
  /** Directory name inside the run directory. */
  static final String DIRECTORY = "snapshots";
  /** Index file name. */
  static final String INDEX = "index.csv";
  /** Index header. */
  static final String HEADER = "width,seed,step,epoch,layer,layer_width,file";
  static final String LABELS = "labels.npy";
  static final String INPUTS = "inputs.npy";
  private static final Pattern CELL_DIRECTORY = Pattern.compile("w\\d+-s-?\\d+");
  private static final Pattern ARRAY = Pattern.compile("step\\d{7,}-[a-z][a-z0-9]*\\.npy(\\.tmp)?");

  private final Path root;
  private final Disk.Appender index;

  private Snapshots(Path root, Disk.Appender index) {
    this.root = root;
    this.index = index;
  }

  /**
   * One saved array.
   *
   * @param file its path relative to the snapshot directory, as {@link #fileName} gives it
   */
  record Entry(int width, long seed, int step, double epoch, Layer layer, int layerWidth,
      String file) {
    /** The cell of the entry. */
    Cell cell() {
      return new Cell(width, seed);
    }

    /** The entry as the sweep names it. */
    SnapshotEntry toSweepEntry() {
      return new SnapshotEntry(cell(), step, epoch, layer, layerWidth);
    }
  }

  /** The file of one layer at one point, relative to the snapshot directory. */
  static String fileName(int width, long seed, int step, Layer layer) {
    return String.format(Locale.ROOT, "w%d-s%d/step%07d-%s.npy", width, seed, step, layer);
  }

  /**
   * Starts a snapshot directory, saving the labels and inputs once.
   *
   * @param inputs evaluation inputs, row-major n x inputSize
   */
  static Snapshots create(Path runDirectory, int[] labels, float[] inputs, int inputSize)
      throws IOException {
    return create(runDirectory, labels,
        Optional.of(new ActivationMatrix(inputs, labels.length, inputSize)));
  }

  /**
   * Starts a snapshot directory, saving the labels and, if known, the inputs once (a recorded run
   * may not know them: estimators that need them then say so).
   */
  static Snapshots create(Path runDirectory, int[] labels, Optional<ActivationMatrix> inputs)
      throws IOException {
    Path root = runDirectory.resolve(DIRECTORY);
    Disk.createDirectories(root);
    Npy.writeInts(root.resolve(LABELS), labels);
    if (inputs.isPresent()) {
      ActivationMatrix x = inputs.get();
      Npy.writeFloats(root.resolve(INPUTS), x.values(), x.rows(), x.columns());
    }
    Disk.writeAtomically(root.resolve(INDEX), (HEADER + "\n").getBytes(StandardCharsets.UTF_8));
    return append(runDirectory);
  }

  /** Continues an existing snapshot directory (on resume), appending to its index. */
  static Snapshots append(Path runDirectory) throws IOException {
    Path root = runDirectory.resolve(DIRECTORY);
    return new Snapshots(root, Disk.appender(root.resolve(INDEX)));
  }

  /** Saves one layer's activations and indexes them. Thread-safe. */
  synchronized void write(SnapshotEntry e, ActivationMatrix activations) throws IOException {
    Cell c = e.cell();
    String relative = fileName(c.width(), c.seed(), e.step(), e.layer());
    Path file = root.resolve(relative);
    Disk.createDirectories(file.getParent());
    Npy.writeFloats(file, activations.values(), activations.rows(), activations.columns());
    index.append(line(new Entry(c.width(), c.seed(), e.step(), e.epoch(), e.layer(),
        activations.columns(), relative)).getBytes(StandardCharsets.UTF_8));
  }

  /** True if the run directory has snapshots. */
  static boolean exist(Path runDirectory) {
    return Files.isRegularFile(runDirectory.resolve(DIRECTORY).resolve(INDEX));
  }

  /** The path of an entry's array. */
  static Path path(Path runDirectory, Entry entry) {
    return runDirectory.resolve(DIRECTORY).resolve(entry.file());
  }

  /**
   * Reads the index (a torn last line is ignored).
   *
   * @throws DamagedFileException if a complete line is malformed or names a file outside the layout
   * @throws IOException if there is no index
   */
  static List<Entry> read(Path runDirectory) throws IOException {
    Path file = runDirectory.resolve(DIRECTORY).resolve(INDEX);
    if (!Files.isRegularFile(file)) {
      throw new IOException(runDirectory + " has no snapshots (" + file + " is missing): run the"
          + " sweep with --snapshots to save activations for re-analysis");
    }
    String text = Files.readString(file, StandardCharsets.UTF_8);
    String[] lines = text.split("\n", -1);
    if (!lines[0].equals(HEADER) || lines.length < 2) {
      throw new DamagedFileException(file, "line 1 is not the header '" + HEADER + "'");
    }
    List<Entry> entries = new ArrayList<>();
    // The last element is "" after a final newline, or a torn line: either way it is skipped.
    for (int i = 1; i < lines.length - 1; i++) {
      entries.add(parse(file, i + 1, lines[i]));
    }
    return entries;
  }

  private static Entry parse(Path file, int lineNo, String line) throws IOException {
    String[] f = line.split(",", -1);
    if (f.length != 7) {
      throw new DamagedFileException(file, "line " + lineNo + " has " + f.length
          + " fields, expected 7");
    }
    Entry e;
    try {
      e = new Entry(Integer.parseInt(f[0]), Long.parseLong(f[1]), Integer.parseInt(f[2]),
          Double.parseDouble(f[3]), Layer.parse(f[4]), Integer.parseInt(f[5]), f[6]);
    } catch (IllegalArgumentException ex) { // NumberFormatException too
      throw new DamagedFileException(file, "line " + lineNo + ": " + ex.getMessage());
    }
    if (e.step() < 0 || e.layerWidth() < 1
        || !e.file().equals(fileName(e.width(), e.seed(), e.step(), e.layer()))) {
      throw new DamagedFileException(file, "line " + lineNo + " does not describe a snapshot of"
          + " this layout: " + line);
    }
    return e;
  }

  /** The index text holding exactly these entries, in this order. */
  static byte[] indexBytes(List<Entry> entries) {
    StringBuilder sb = new StringBuilder(HEADER).append('\n');
    for (Entry e : entries) {
      sb.append(line(e));
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String line(Entry e) {
    return e.width() + "," + e.seed() + "," + e.step() + "," + Csv.rounded(e.epoch(), 6) + ","
        + e.layer() + "," + e.layerWidth() + "," + e.file() + "\n";
  }

  /** The labels saved with the snapshots. */
  static int[] labels(Path runDirectory) throws IOException {
    return Npy.readInts(runDirectory.resolve(DIRECTORY).resolve(LABELS));
  }

  /** Whether the evaluation inputs were saved with the snapshots. */
  static boolean haveInputs(Path runDirectory) {
    return Files.isRegularFile(runDirectory.resolve(DIRECTORY).resolve(INPUTS));
  }

  /** The evaluation inputs saved with the snapshots. */
  static Npy.FloatMatrix inputs(Path runDirectory) throws IOException {
    return Npy.readFloats(runDirectory.resolve(DIRECTORY).resolve(INPUTS));
  }

  /**
   * Deletes the arrays of these entries, and their cell directories once empty. Files ib did not
   * write are left where they are.
   */
  static void delete(Path runDirectory, List<Entry> entries) throws IOException {
    Path root = runDirectory.resolve(DIRECTORY);
    for (Entry e : entries) {
      Path file = root.resolve(e.file());
      if (Files.exists(file)) {
        Disk.deleteIfExists(file);
      }
      Path parent = file.getParent();
      if (Files.isDirectory(parent) && isEmpty(parent)) {
        Disk.deleteIfExists(parent);
      }
    }
  }

  /**
   * Deletes the whole snapshot directory ib wrote: the arrays (files named like ib's arrays in
   * directories named like ib's cell directories, including those a crash left half written), then the
   * labels, inputs and index, then each directory once nothing else is in it.
   */
  static void deleteAll(Path runDirectory) throws IOException {
    Path root = runDirectory.resolve(DIRECTORY);
    if (!Files.isDirectory(root)) {
      return;
    }
    try (DirectoryStream<Path> cells = Files.newDirectoryStream(root,
        p -> Files.isDirectory(p) && CELL_DIRECTORY.matcher(p.getFileName().toString()).matches())) {
      for (Path cell : cells) {
        try (DirectoryStream<Path> arrays = Files.newDirectoryStream(cell,
            p -> ARRAY.matcher(p.getFileName().toString()).matches())) {
          for (Path array : arrays) {
            Disk.deleteIfExists(array);
          }
        }
        if (isEmpty(cell)) {
          Disk.deleteIfExists(cell);
        }
      }
    }
    for (String name : new String[] {LABELS, INPUTS, LABELS + ".tmp", INPUTS + ".tmp",
        INDEX + ".tmp", INDEX + ".next", INDEX}) {
      Path f = root.resolve(name);
      if (Files.exists(f)) {
        Disk.deleteIfExists(f);
      }
    }
    if (isEmpty(root)) {
      Disk.deleteIfExists(root);
    }
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      return !s.iterator().hasNext();
    }
  }

  @Override
  public void close() throws IOException {
    index.close();
  }
}
