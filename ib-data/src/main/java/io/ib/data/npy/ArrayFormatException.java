package io.ib.data.npy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A {@code .npy} or {@code .csv} file that is not an array ib can read as samples or labels: a bad
 * magic string, an unsupported dtype, too few bytes, a value that is not finite, a bad label.
 *
 * <p>The message is one line, {@code "<path>: <problem>"}, for example {@code "acts.npy: unsupported
 * dtype '<c8' (complex); expected float, integer or bool"}.
 */
public final class ArrayFormatException extends IOException {
  private final transient Path path;
  private final String problem;

  /**
   * Describes one problem in one file.
   *
   * @param path the file, named in the message as given
   * @param problem what is wrong, and what was expected where that helps; one line
   */
  public ArrayFormatException(Path path, String problem) {
    super(path + ": " + problem);
    this.path = path;
    this.problem = Objects.requireNonNull(problem, "problem");
  }

  /** The file. */
  public Path path() {
    return path;
  }

  /** What is wrong. */
  public String problem() {
    return problem;
  }
}
