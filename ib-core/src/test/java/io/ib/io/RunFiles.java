package io.ib.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The files of a run directory, for tests that compare directories or work on copies. */
final class RunFiles {
  private RunFiles() {}

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
