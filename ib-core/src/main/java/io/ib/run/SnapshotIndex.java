package io.ib.run;

import io.ib.sweep.Cell;
import io.ib.sweep.Layer;
import io.ib.sweep.SnapshotEntry;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a run recorded of its saved activations: the index {@code snapshots/index.csv}, one line per
 * array in the order saved, and {@code snapshots/samples.sha256}, the checksums of
 * {@code labels.npy} and {@code inputs.npy}. Two index formats, told apart by the header:
 * <ul>
 *   <li>{@value #HEADER}: each line ends with the SHA-256 of its array's bytes as they were written,
 *       and {@code samples.sha256} exists (in {@code sha256sum}'s format);
 *   <li>{@value #OLD_HEADER}: no checksums (runs written before they were recorded); read as
 *       before, with nothing to verify.
 * </ul>
 * A run keeps the format it started with: lines appended on resume, and the index written again by
 * a resume or the run's completion, are in the format of the index they continue.
 *
 * @param checksummed whether the lines carry checksums (the current format)
 * @param entries the arrays, in index order
 */
record SnapshotIndex(boolean checksummed, List<Entry> entries) {
  /** The header of the current format. */
  static final String HEADER = "width,seed,step,epoch,layer,layer_width,file,sha256";
  /** The header of indexes without checksums. */
  static final String OLD_HEADER = "width,seed,step,epoch,layer,layer_width,file";
  /** The checksums of the labels and inputs, beside the index. */
  static final String SAMPLE_SUMS = "samples.sha256";

  /**
   * One saved array.
   *
   * @param file its path relative to the snapshot directory, as {@link #fileName} gives it
   * @param sha256 the SHA-256 of its bytes as written; none in an index of the old format
   */
  record Entry(int width, long seed, int step, double epoch, Layer layer, int layerWidth,
      String file, Optional<String> sha256) {
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

  /** An index whose entries all carry a checksum if it is {@code checksummed}, none if not. */
  SnapshotIndex {
    entries = List.copyOf(entries);
    for (Entry e : entries) {
      if (e.sha256().isPresent() != checksummed) {
        throw new IllegalArgumentException("an index " + (checksummed ? "with" : "without")
            + " checksums cannot hold " + e);
      }
    }
  }

  /** The same format with other entries. */
  SnapshotIndex withEntries(List<Entry> others) {
    return new SnapshotIndex(checksummed, others);
  }

  /** The index file's text. */
  byte[] bytes() {
    StringBuilder sb = new StringBuilder(checksummed ? HEADER : OLD_HEADER).append('\n');
    for (Entry e : entries) {
      sb.append(line(e));
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** One entry's line, with its checksum if it has one. */
  static String line(Entry e) {
    return e.width() + "," + e.seed() + "," + e.step() + "," + Csv.rounded(e.epoch(), 6) + ","
        + e.layer() + "," + e.layerWidth() + "," + e.file()
        + e.sha256().map(s -> "," + s).orElse("") + "\n";
  }

  /** The index file of a run directory. */
  static Path file(Path runDirectory) {
    return runDirectory.resolve(Snapshots.DIRECTORY).resolve(Snapshots.INDEX);
  }

  /**
   * Reads the index (a torn last line is ignored).
   *
   * @throws DamagedFileException if a complete line is malformed or names a file outside the layout
   * @throws IOException if there is no index
   */
  static SnapshotIndex read(Path runDirectory) throws IOException {
    Path file = file(runDirectory);
    if (!Files.isRegularFile(file)) {
      throw new IOException(runDirectory + " has no snapshots (" + file + " is missing): run the"
          + " sweep with --snapshots to save activations for re-analysis");
    }
    String[] lines = Files.readString(file, StandardCharsets.UTF_8).split("\n", -1);
    boolean checksummed = isChecksummed(file, lines.length < 2 ? "" : lines[0]);
    List<Entry> entries = new ArrayList<>();
    // The last element is "" after a final newline, or a torn line: either way it is skipped.
    for (int i = 1; i < lines.length - 1; i++) {
      entries.add(parse(file, i + 1, lines[i], checksummed));
    }
    return new SnapshotIndex(checksummed, entries);
  }

  /** Whether an existing index records checksums, from its header. */
  static boolean isChecksummed(Path runDirectory) throws IOException {
    Path file = file(runDirectory);
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return isChecksummed(file, String.valueOf(in.readLine()));
    }
  }

  private static boolean isChecksummed(Path file, String header) throws DamagedFileException {
    if (!header.equals(HEADER) && !header.equals(OLD_HEADER)) {
      throw new DamagedFileException(file, "line 1 is not the header '" + HEADER + "'");
    }
    return header.equals(HEADER);
  }

  private static Entry parse(Path file, int lineNo, String line, boolean checksummed)
      throws IOException {
    String[] f = line.split(",", -1);
    int expected = checksummed ? 8 : 7;
    if (f.length != expected) {
      throw new DamagedFileException(file, "line " + lineNo + " has " + f.length
          + " fields, expected " + expected);
    }
    Entry e;
    try {
      e = new Entry(Integer.parseInt(f[0]), Long.parseLong(f[1]),
          Integer.parseInt(f[2]), Double.parseDouble(f[3]), Layer.parse(f[4]),
          Integer.parseInt(f[5]), f[6], checksummed ? Optional.of(f[7]) : Optional.empty());
    } catch (IllegalArgumentException ex) { // NumberFormatException too
      throw new DamagedFileException(file, "line " + lineNo + ": " + ex.getMessage());
    }
    if (e.step() < 0 || e.layerWidth() < 1
        || !e.file().equals(fileName(e.width(), e.seed(), e.step(), e.layer()))) {
      throw new DamagedFileException(file, "line " + lineNo + " does not describe a snapshot of"
          + " this layout: " + line);
    }
    if (checksummed && !Sha256.isHex(f[7])) {
      throw new DamagedFileException(file, "line " + lineNo + " ends with '" + f[7] + "', not a"
          + " SHA-256 checksum (64 lower-case hex digits)");
    }
    return e;
  }

  /** Writes {@value #SAMPLE_SUMS}: each file's checksum and name, as {@code sha256sum} does. */
  static void writeSampleSums(Path snapshotDirectory, Map<String, String> sums)
      throws IOException {
    StringBuilder text = new StringBuilder();
    sums.forEach((name, sha256) -> text.append(sha256).append("  ").append(name).append('\n'));
    Disk.writeAtomically(snapshotDirectory.resolve(SAMPLE_SUMS),
        text.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The checksum the run recorded of {@code labels.npy} or {@code inputs.npy}: none where the index
   * has the old format.
   *
   * @throws DamagedFileException if the index records checksums but {@value #SAMPLE_SUMS} is
   *     missing, malformed, or records none of that file
   */
  static Optional<String> sampleSum(Path runDirectory, String name) throws IOException {
    if (!isChecksummed(runDirectory)) {
      return Optional.empty();
    }
    Map<String, String> sums = sampleSums(runDirectory);
    if (!sums.containsKey(name)) {
      throw new DamagedFileException(runDirectory.resolve(Snapshots.DIRECTORY).resolve(name),
          SAMPLE_SUMS + " records no checksum of it, so this run did not write it");
    }
    return Optional.of(sums.get(name));
  }

  /**
   * The checksums in {@value #SAMPLE_SUMS}, by file name, where the index records checksums.
   *
   * @throws DamagedFileException if that file is missing or malformed
   */
  static Map<String, String> sampleSums(Path runDirectory) throws IOException {
    Path file = runDirectory.resolve(Snapshots.DIRECTORY).resolve(SAMPLE_SUMS);
    if (!Files.isRegularFile(file)) {
      throw new DamagedFileException(file, "it is missing, but " + Snapshots.INDEX
          + " records checksums");
    }
    Map<String, String> sums = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String[] f = lines.get(i).split("  ", -1);
      if (f.length != 2 || !Sha256.isHex(f[0])
          || !f[1].equals(Snapshots.LABELS) && !f[1].equals(Snapshots.INPUTS)) {
        throw new DamagedFileException(file, "line " + (i + 1) + " is not a checksum of "
            + Snapshots.LABELS + " or " + Snapshots.INPUTS + ": " + lines.get(i));
      }
      sums.put(f[1], f[0]);
    }
    return sums;
  }
}
