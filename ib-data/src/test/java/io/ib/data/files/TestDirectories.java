package io.ib.data.files;

import java.nio.file.Files;
import java.nio.file.Path;

/** Directories of real data that tests read when an environment variable names them. */
public final class TestDirectories {
  private TestDirectories() {}

  /**
   * The directory in an environment variable, as given, or relative to the repository root (surefire
   * runs in the module directory); null when the variable is unset or blank.
   */
  public static Path fromEnvironment(String variable) {
    String env = System.getenv(variable);
    if (env == null || env.isBlank()) {
      return null;
    }
    Path given = Path.of(env);
    if (Files.isDirectory(given) || given.isAbsolute()) {
      return given;
    }
    Path parent = Path.of("").toAbsolutePath().getParent();
    return parent == null ? given : parent.resolve(env).normalize();
  }
}
