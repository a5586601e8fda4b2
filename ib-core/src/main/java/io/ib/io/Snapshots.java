package io.ib.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Evaluation-set activations saved per measurement point, for re-analysis without retraining.
 *
 * <p>Layout inside a run directory:
 * <pre>
 * snapshots/labels.npy                       int32 (n): class of each evaluation sample
 * snapshots/inputs.npy                       float32 (n x inputSize): the evaluation inputs
 * snapshots/w{width}-s{seed}/step{step}-{layer}.npy   float32 (n x layerWidth), step zero-padded to 7
 * snapshots/index.csv                        width,seed,step,epoch,layer,layer_width,file
 * </pre>
 * Each array is complete before its index line is written (and the line is flushed at once), so the
 * index never points to a partial file.
 */
public final class Snapshots implements AutoCloseable {
  /** Directory name inside the run directory. */
  public static final String DIRECTORY = "snapshots";
  /** Index file name. */
  public static final String INDEX = "index.csv";
  /** Index header. */
  public static final String HEADER = "width,seed,step,epoch,layer,layer_width,file";

  private final Path root;
  private final OutputStream index;

  private Snapshots(Path root, OutputStream index) {
    this.root = root;
    this.index = index;
  }

  /** One saved array. */
  public record Entry(int width, long seed, int step, double epoch, String layer, int layerWidth,
      Path file) {}

  /**
   * Starts a snapshot directory, saving the labels and inputs once.
   *
   * @param inputs evaluation inputs, row-major n x inputSize
   */
  public static Snapshots create(Path runDirectory, int[] labels, float[] inputs, int inputSize)
      throws IOException {
    Path root = runDirectory.resolve(DIRECTORY);
    Files.createDirectories(root);
    Npy.writeInts(root.resolve("labels.npy"), labels);
    Npy.writeFloats(root.resolve("inputs.npy"), inputs, labels.length, inputSize);
    OutputStream index = Files.newOutputStream(root.resolve(INDEX), StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE);
    index.write((HEADER + "\n").getBytes(StandardCharsets.UTF_8));
    index.flush();
    return new Snapshots(root, index);
  }

  /** Continues an existing snapshot directory (on resume), appending to its index. */
  public static Snapshots append(Path runDirectory) throws IOException {
    Path root = runDirectory.resolve(DIRECTORY);
    return new Snapshots(root, Files.newOutputStream(root.resolve(INDEX), StandardOpenOption.APPEND,
        StandardOpenOption.WRITE));
  }

  /** Saves one layer's activations (n x layerWidth, row-major) and indexes them. Thread-safe. */
  public synchronized void write(int width, long seed, int step, double epoch, String layer, float[] activations,
      int rows, int layerWidth) throws IOException {
    String relative = String.format(Locale.ROOT, "w%d-s%d/step%07d-%s.npy", width, seed, step, layer);
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    Npy.writeFloats(file, activations, rows, layerWidth);
    String line = width + "," + seed + "," + step + "," + Csv.rounded(epoch, 6) + "," + layer + ","
        + layerWidth + "," + relative + "\n";
    index.write(line.getBytes(StandardCharsets.UTF_8));
    index.flush();
  }

  /** True if the run directory has snapshots. */
  public static boolean exist(Path runDirectory) {
    return Files.isRegularFile(runDirectory.resolve(DIRECTORY).resolve(INDEX));
  }

  /**
   * Reads the index (a torn last line is ignored).
   *
   * @throws IOException if there is no index, or a complete line is malformed
   */
  public static List<Entry> read(Path runDirectory) throws IOException {
    Path root = runDirectory.resolve(DIRECTORY);
    Path file = root.resolve(INDEX);
    if (!Files.isRegularFile(file)) {
      throw new IOException(runDirectory + " has no snapshots (" + file + " is missing): run the"
          + " sweep with --snapshots to save activations for re-analysis");
    }
    String text = Files.readString(file, StandardCharsets.UTF_8);
    List<Entry> entries = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    // The last element is "" after a final newline, or a torn line: either way it is skipped.
    for (int i = 1; i < lines.length - 1; i++) {
      String[] f = lines[i].split(",", -1);
      try {
        entries.add(new Entry(Integer.parseInt(f[0]), Long.parseLong(f[1]), Integer.parseInt(f[2]),
            Double.parseDouble(f[3]), f[4], Integer.parseInt(f[5]), root.resolve(f[6])));
      } catch (RuntimeException e) {
        throw new IOException(file + ": line " + (i + 1) + " is malformed: " + lines[i], e);
      }
    }
    return entries;
  }

  /** The labels saved with the snapshots. */
  public static int[] labels(Path runDirectory) throws IOException {
    return Npy.readInts(runDirectory.resolve(DIRECTORY).resolve("labels.npy"));
  }

  /** The evaluation inputs saved with the snapshots. */
  public static Npy.FloatMatrix inputs(Path runDirectory) throws IOException {
    return Npy.readFloats(runDirectory.resolve(DIRECTORY).resolve("inputs.npy"));
  }

  /**
   * Keeps only the index lines (and files) accepted by {@code keep}, rewriting the index atomically;
   * used on resume to drop the snapshots of a cell that did not finish.
   */
  public static void retain(Path runDirectory, java.util.function.Predicate<Entry> keep)
      throws IOException {
    List<Entry> kept = new ArrayList<>();
    for (Entry e : read(runDirectory)) {
      if (keep.test(e)) {
        kept.add(e);
      } else {
        Files.deleteIfExists(e.file());
      }
    }
    rewrite(runDirectory, kept);
  }

  /** Sorts the index stably by the given cell rank (files stay where they are). */
  public static void sortIndex(Path runDirectory, java.util.function.ToIntFunction<Entry> rank)
      throws IOException {
    List<Entry> entries = new ArrayList<>(read(runDirectory));
    List<Entry> sorted = new ArrayList<>(entries);
    sorted.sort(java.util.Comparator.comparingInt(rank));
    if (!sorted.equals(entries)) {
      rewrite(runDirectory, sorted);
    }
  }

  private static void rewrite(Path runDirectory, List<Entry> entries) throws IOException {
    Path root = runDirectory.resolve(DIRECTORY);
    StringBuilder sb = new StringBuilder(HEADER).append('\n');
    for (Entry e : entries) {
      sb.append(e.width()).append(',').append(e.seed()).append(',').append(e.step()).append(',')
          .append(Csv.rounded(e.epoch(), 6)).append(',').append(e.layer()).append(',')
          .append(e.layerWidth()).append(',').append(root.relativize(e.file())).append('\n');
    }
    Path tmp = root.resolve(INDEX + ".tmp");
    Files.writeString(tmp, sb.toString(), StandardCharsets.UTF_8);
    Files.move(tmp, root.resolve(INDEX), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public void close() throws IOException {
    index.close();
  }
}
