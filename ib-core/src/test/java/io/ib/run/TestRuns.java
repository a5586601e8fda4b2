package io.ib.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The files of a run directory, for tests that compare directories or work on copies. */
public final class TestRuns {
  private TestRuns() {}

  /**
   * A run's {@code sweep.json} without what differs between two runs of the same sweep: times,
   * provenance (the command line names the engine), the record of resumptions and each cell's
   * timings.
   */
  public static JsonNode stableManifest(byte[] manifest) throws IOException {
    ObjectNode m = (ObjectNode) Json.MAPPER.readTree(manifest);
    m.remove(List.of("started", "finished", "provenance", "resumed"));
    for (JsonNode c : m.get("cells")) {
      ((ObjectNode) c).remove(List.of("training_seconds", "evaluation_seconds",
          "estimator_seconds"));
    }
    return m;
  }

  /** {@link #stableManifest(byte[])} of the run in a directory. */
  public static JsonNode stableManifest(Path run) throws IOException {
    return stableManifest(Files.readAllBytes(run.resolve(RunFiles.MANIFEST)));
  }

  /** Every file under the directory but the lock, by relative path. */
  static Map<String, byte[]> read(Path dir) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        String name = dir.relativize(p).toString();
        if (!name.equals(RunLock.FILE)) {
          files.put(name, Files.readAllBytes(p));
        }
      }
    }
    return files;
  }

  /** Copies a directory tree. */
  static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
