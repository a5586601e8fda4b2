package io.ib.run;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which files of a run directory are ib's, and the housekeeping that rests on knowing it: making a
 * directory ready for a new run without touching anyone else's files, deleting an earlier run, and
 * clearing up after a stop. All of it runs with the directory's lock held.
 */
final class RunLayout {
  private static final String MANIFEST = RunFiles.MANIFEST;
  private static final String MEASUREMENTS = RunFiles.MEASUREMENTS;
  private static final String REPORT = RunFiles.REPORT;
  private static final String COMPRESSION = RunFiles.COMPRESSION;
  private static final String PLOTS = RunFiles.PLOTS;
  /** The names of the plot files ib writes into the plot folder. */
  static final Pattern PLOT_FILE =
      Pattern.compile("(infoplane-.*|progress-.*|capacity|resolution-.*)\\.(png|svg)");
  /** The files a commit may replace at once (see {@link Journal}). */
  static final List<String> JOURNALED = List.of(MEASUREMENTS,
      Snapshots.DIRECTORY + "/" + Snapshots.INDEX, MANIFEST);

  private RunLayout() {}

  /**
   * Makes a locked directory ready for a new run (see {@link #checkNewRun}); with
   * {@code overwrite}, an earlier run's files are removed first.
   */
  static void prepareForNewRun(Path directory, boolean overwrite) throws IOException {
    if (checkNewRun(directory, overwrite)) {
      deleteRun(directory);
    }
    for (String name : debrisNames()) {
      Path p = directory.resolve(name);
      if (Files.exists(p)) {
        Disk.deleteIfExists(p);
      }
    }
  }

  /**
   * Checks that an existing directory may take a new run: it holds nothing but what ib leaves behind
   * when a run stops before it starts, or (with {@code overwrite}) an earlier run's files.
   *
   * @return whether it holds an earlier run, to be replaced
   * @throws IllegalArgumentException if it holds other files, or a run without {@code overwrite}
   */
  static boolean checkNewRun(Path directory, boolean overwrite) throws IOException {
    boolean hasRun = Files.isRegularFile(directory.resolve(MANIFEST));
    List<String> foreign = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path p : entries) {
        String name = p.getFileName().toString();
        if (!isDebris(name) && !(hasRun && isRunFile(name))) {
          foreign.add(name);
        }
      }
    }
    foreign.sort(null);
    if (!foreign.isEmpty()) {
      throw new IllegalArgumentException(directory + " holds files ib did not write ("
          + String.join(", ", foreign.subList(0, Math.min(3, foreign.size())))
          + (foreign.size() > 3 ? ", ..." : "") + "): ib writes a run only into a new or empty"
          + " directory" + (hasRun ? " (--overwrite replaces a run only where nothing else is)"
              : ", or over one of its own runs with --overwrite") + "; choose another output"
          + " directory");
    }
    if (hasRun && !overwrite) {
      String status;
      try {
        status = "status '" + SavedRun.readManifest(directory).status().id() + "'";
      } catch (IOException e) {
        status = "a damaged " + MANIFEST;
      }
      throw new IllegalArgumentException(directory + " already holds an ib run (" + status + "):"
          + " finish it with 'ib resume " + directory + "', replace it with --overwrite, or choose"
          + " another output directory");
    }
    return hasRun;
  }

  /** Temporary files a stopped write leaves, and the lock. */
  private static boolean isDebris(String name) {
    return name.equals(RunLock.FILE) || debrisNames().contains(name);
  }

  private static List<String> debrisNames() {
    List<String> names = new ArrayList<>();
    for (String f : new String[] {MANIFEST, MEASUREMENTS, Journal.FILE, REPORT, COMPRESSION}) {
      names.add(f + ".tmp");
      names.add(f + ".next");
    }
    names.add(Journal.FILE);
    return names;
  }

  /** The files and directories of a run, by name. */
  private static boolean isRunFile(String name) {
    return List.of(MANIFEST, MEASUREMENTS, REPORT, COMPRESSION, PLOTS,
        Snapshots.DIRECTORY, CellCommits.DIRECTORY).contains(name);
  }

  /** Deletes an earlier run's files (the manifest last, so an interrupted deletion can be redone). */
  private static void deleteRun(Path directory) throws IOException {
    Snapshots.deleteAll(directory);
    deleteCommittedCells(directory);
    Path plots = directory.resolve(PLOTS);
    if (Files.isDirectory(plots)) {
      try (DirectoryStream<Path> files = Files.newDirectoryStream(plots,
          p -> PLOT_FILE.matcher(p.getFileName().toString()).matches())) {
        for (Path f : files) {
          Disk.deleteIfExists(f);
        }
      }
      try (DirectoryStream<Path> rest = Files.newDirectoryStream(plots)) {
        if (!rest.iterator().hasNext()) {
          Disk.deleteIfExists(plots);
        }
      }
    }
    for (String name : new String[] {REPORT, COMPRESSION, MEASUREMENTS, MANIFEST}) {
      Disk.deleteIfExists(directory.resolve(name));
    }
  }

  /** Deletes the files of cells committed but not adopted (ours only), and the folder if empty. */
  static void deleteCommittedCells(Path directory) throws IOException {
    Path cells = directory.resolve(CellCommits.DIRECTORY);
    if (!Files.isDirectory(cells)) {
      return;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(cells,
        p -> CellCommits.isOurs(p.getFileName().toString()))) {
      for (Path f : files) {
        Disk.deleteIfExists(f);
      }
    }
    try (DirectoryStream<Path> rest = Files.newDirectoryStream(cells)) {
      if (!rest.iterator().hasNext()) {
        Disk.deleteIfExists(cells);
      }
    }
  }

  /**
   * Finishes or discards a change that a stop interrupted (see {@link Journal}), removes the
   * temporary files a stopped write left, and the temporary snapshots of a complete run that does
   * not keep them. Called with the lock held.
   */
  static void recoverLocked(Path directory) throws IOException {
    Journal.recover(directory, JOURNALED);
    for (String name : debrisNames()) {
      Path p = directory.resolve(name);
      if (Files.exists(p)) {
        Disk.deleteIfExists(p);
      }
    }
    if (Files.isDirectory(directory.resolve(Snapshots.DIRECTORY))
        && Files.isRegularFile(directory.resolve(MANIFEST))) {
      RunManifest m;
      try {
        m = SavedRun.readManifest(directory);
      } catch (DamagedFileException e) {
        return; // whoever reads it next says so
      }
      if (m.isComplete() && !m.keepsSnapshots()) {
        Snapshots.deleteAll(directory); // the temporary snapshots of a complete run
      }
    }
  }
}
