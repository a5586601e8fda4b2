package io.ib.run;

import io.ib.sweep.ActivationMatrix;
import io.ib.sweep.Cell;
import io.ib.sweep.SnapshotEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * snapshots/samples.sha256                   the SHA-256 of labels.npy and inputs.npy
 * snapshots/index.csv                        width,seed,step,epoch,layer,layer_width,file,sha256
 * </pre>
 * Each array is complete (written under a temporary name and renamed) before its index line is
 * written, in one write, so the index never points to a partial file; the checksums are computed
 * from the bytes as they are written and checked whenever an array is read (see
 * {@link SnapshotIndex}, which also reads indexes of runs written before there were checksums).
 * Index lines name only files of this layout: a file column that names anything else marks the
 * index as damaged, so ib never reads or deletes a file it did not write.
 */
final class Snapshots implements AutoCloseable {
  // The layout's names; SnapshotIndex uses them too (as constants, copied by the compiler).
  /** Directory name inside the run directory. */
  static final String DIRECTORY = "snapshots";
  /** Index file name. */
  static final String INDEX = "index.csv";
  static final String LABELS = "labels.npy";
  static final String INPUTS = "inputs.npy";
  private static final Pattern CELL_DIRECTORY = Pattern.compile("w\\d+-s-?\\d+");
  private static final Pattern ARRAY = Pattern.compile("step\\d{7,}-[a-z][a-z0-9]*\\.npy(\\.tmp)?");

  private final Path root;
  private final Disk.Appender index;
  private final boolean checksummed;

  private Snapshots(Path root, Disk.Appender index, boolean checksummed) {
    this.root = root;
    this.index = index;
    this.checksummed = checksummed;
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
    Map<String, String> sums = new LinkedHashMap<>();
    byte[] labelBytes = Npy.intBytes(labels);
    Disk.writeAtomically(root.resolve(LABELS), labelBytes);
    sums.put(LABELS, Sha256.of(labelBytes));
    if (inputs.isPresent()) {
      ActivationMatrix x = inputs.get();
      byte[] inputBytes = Npy.floatBytes(x.values(), x.rows(), x.columns());
      Disk.writeAtomically(root.resolve(INPUTS), inputBytes);
      sums.put(INPUTS, Sha256.of(inputBytes));
    }
    SnapshotIndex.writeSampleSums(root, sums); // before the index: an index means all is there
    Disk.writeAtomically(root.resolve(INDEX), new SnapshotIndex(true, List.of()).bytes());
    return append(runDirectory);
  }

  /**
   * Continues an existing snapshot directory (on resume), appending to its index in its format: a
   * run that started without checksums goes on without them.
   */
  static Snapshots append(Path runDirectory) throws IOException {
    Path root = runDirectory.resolve(DIRECTORY);
    boolean checksummed = SnapshotIndex.isChecksummed(runDirectory);
    return new Snapshots(root, Disk.appender(root.resolve(INDEX)), checksummed);
  }

  /** Saves one layer's activations and indexes them, with their checksum. Thread-safe. */
  void write(SnapshotEntry e, ActivationMatrix activations) throws IOException {
    // Serialised and hashed outside the lock: cells running in parallel share this writer.
    byte[] bytes = Npy.floatBytes(activations.values(), activations.rows(), activations.columns());
    save(e, activations.columns(), bytes,
        checksummed ? Optional.of(Sha256.of(bytes)) : Optional.empty());
  }

  /**
   * Saves one layer's .npy file as given and indexes it with the given checksum of these bytes
   * (the caller has checked it: a committed cell's marker records it). Thread-safe.
   */
  void write(SnapshotEntry e, byte[] npy, String sha256) throws IOException {
    save(e, e.layerWidth(), npy, checksummed ? Optional.of(sha256) : Optional.empty());
  }

  private synchronized void save(SnapshotEntry e, int columns, byte[] bytes,
      Optional<String> sha256) throws IOException {
    Cell c = e.cell();
    String relative = SnapshotIndex.fileName(c.width(), c.seed(), e.step(), e.layer());
    Path file = root.resolve(relative);
    Disk.createDirectories(file.getParent());
    Disk.writeAtomically(file, bytes);
    index.append(SnapshotIndex.line(new SnapshotIndex.Entry(c.width(), c.seed(), e.step(),
        e.epoch(), e.layer(), columns, relative, sha256)).getBytes(StandardCharsets.UTF_8));
  }

  /** True if the run directory has snapshots. */
  static boolean exist(Path runDirectory) {
    return Files.isRegularFile(runDirectory.resolve(DIRECTORY).resolve(INDEX));
  }

  /** The path of an entry's array. */
  static Path path(Path runDirectory, SnapshotIndex.Entry entry) {
    return runDirectory.resolve(DIRECTORY).resolve(entry.file());
  }

  /**
   * Reads the index's entries (see {@link SnapshotIndex#read}).
   *
   * @throws DamagedFileException if a complete line is malformed or names a file outside the layout
   * @throws IOException if there is no index
   */
  static List<SnapshotIndex.Entry> read(Path runDirectory) throws IOException {
    return SnapshotIndex.read(runDirectory).entries();
  }

  /**
   * The bytes of a saved file, checked against the checksum the run recorded of it (if any).
   *
   * @param recordedIn where the run recorded it, for the message
   * @throws DamagedFileException if the file is missing or its checksum differs (one line naming
   *     it)
   */
  static byte[] readChecked(Path file, Optional<String> sha256, String recordedIn)
      throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new DamagedFileException(file, "it is missing");
    }
    byte[] bytes = Files.readAllBytes(file);
    if (sha256.isPresent() && !Sha256.of(bytes).equals(sha256.get())) {
      throw new DamagedFileException(file, "its SHA-256 checksum does not match the one the run"
          + " recorded in " + DIRECTORY + "/" + recordedIn + ": the file was changed after ib"
          + " wrote it");
    }
    return bytes;
  }

  /** An entry's array, checked against its checksum. */
  static Npy.FloatMatrix array(Path runDirectory, SnapshotIndex.Entry entry) throws IOException {
    Path file = path(runDirectory, entry);
    return Npy.parseFloats(readChecked(file, entry.sha256(), INDEX), file);
  }

  /** The labels saved with the snapshots, checked against their checksum. */
  static int[] labels(Path runDirectory) throws IOException {
    Path file = runDirectory.resolve(DIRECTORY).resolve(LABELS);
    return Npy.parseInts(readChecked(file, SnapshotIndex.sampleSum(runDirectory, LABELS),
        SnapshotIndex.SAMPLE_SUMS), file);
  }

  /**
   * Whether the evaluation inputs were saved with the snapshots: the file is there, or the run
   * recorded its checksum (reading it then says it is missing).
   */
  static boolean haveInputs(Path runDirectory) {
    if (Files.isRegularFile(runDirectory.resolve(DIRECTORY).resolve(INPUTS))) {
      return true;
    }
    try {
      return SnapshotIndex.isChecksummed(runDirectory)
          && SnapshotIndex.sampleSums(runDirectory).containsKey(INPUTS);
    } catch (IOException e) {
      return true; // reading the inputs says what is wrong
    }
  }

  /** The evaluation inputs saved with the snapshots, checked against their checksum. */
  static Npy.FloatMatrix inputs(Path runDirectory) throws IOException {
    Path file = runDirectory.resolve(DIRECTORY).resolve(INPUTS);
    return Npy.parseFloats(readChecked(file, SnapshotIndex.sampleSum(runDirectory, INPUTS),
        SnapshotIndex.SAMPLE_SUMS), file);
  }

  /**
   * Deletes the arrays of these entries, and their cell directories once empty. Files ib did not
   * write are left where they are.
   */
  static void delete(Path runDirectory, List<SnapshotIndex.Entry> entries) throws IOException {
    Path root = runDirectory.resolve(DIRECTORY);
    for (SnapshotIndex.Entry e : entries) {
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
    String sums = SnapshotIndex.SAMPLE_SUMS;
    for (String name : new String[] {LABELS, INPUTS, LABELS + ".tmp", INPUTS + ".tmp", sums,
        sums + ".tmp", INDEX + ".tmp", INDEX + ".next", INDEX}) {
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
