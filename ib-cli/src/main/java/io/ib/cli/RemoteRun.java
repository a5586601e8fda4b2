package io.ib.cli;

import io.ib.run.CellStorage;
import io.ib.run.CellStorages;
import io.ib.run.RunFiles;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A run whose output directory is a URI (HDFS, S3, ...) rather than a local directory, for
 * {@code ib sweep --engine spark --out URI}: staged, then uploaded. The cells commit to
 * {@code URI/cells/} (where every executor can write); the driver merges them into a local staging
 * directory (with the run directory's locking, journal and checks), writes the report there, and when
 * the run is complete uploads its files to the URI, {@code sweep.json} last (so a run there with a
 * {@code sweep.json} is a complete upload), then deletes the staging directory.
 */
final class RemoteRun {
  private RemoteRun() {}

  /** A new, empty local staging directory for the run. */
  static Path stage(URI target) throws IOException {
    return Files.createTempDirectory("ib-stage-");
  }

  /**
   * Refuses a target that holds files: ib writes a run only into a new or empty directory.
   *
   * @throws IOException naming the target
   */
  static void requireEmpty(URI target) throws IOException {
    if (!CellStorages.open(target).list().isEmpty()
        || !CellStorages.open(target.resolve(RunFiles.CELLS + "/")).list().isEmpty()) {
      throw new IOException(target + " holds files: ib writes a run only into a new or empty"
          + " directory; choose another --out");
    }
  }

  /** Uploads the staged run's files, {@code sweep.json} last, then deletes the staging directory. */
  static void upload(Path staged, URI target) throws IOException {
    CellStorage remote = CellStorages.open(target);
    List<Path> files = new ArrayList<>();
    try (Stream<Path> all = Files.walk(staged)) {
      all.filter(Files::isRegularFile).forEach(files::add);
    }
    files.sort(Comparator.comparing((Path p) -> p.getFileName().toString()
        .equals(RunFiles.MANIFEST)).thenComparing(Path::toString));
    for (Path f : files) {
      String name = staged.relativize(f).toString().replace('\\', '/');
      if (!name.equals(RunFiles.LOCK)) {
        remote.publish(name, Files.readAllBytes(f));
      }
    }
    try (Stream<Path> all = Files.walk(staged)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
