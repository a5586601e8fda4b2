package io.ib.data.mat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A MAT-file that ib cannot read: malformed, of another version, or holding a variable that is not
 * a real 2-D numeric matrix where one is needed.
 *
 * <p>The message is one line, {@code "<file name>: [variable '<name>': ]<problem>[ (at byte <n>)]"},
 * for example {@code "var_u.mat: variable 'F': complex arrays are not supported, only real ones (at
 * byte 128)"}. The byte offset is that of the top-level element the problem is in (for a compressed
 * variable, the compressed element), or of the header field for header problems.
 */
public final class MatFormatException extends IOException {
  private final transient Path path;
  private final String variable;
  private final long offset;
  private final String problem;

  /**
   * Describes one problem in one file.
   *
   * @param path the file
   * @param variable the variable concerned, or null when the problem is not in one variable
   * @param offset byte offset in the file, or -1 when no single place is concerned (e.g. a missing
   *     variable)
   * @param problem what is wrong, and what was expected where that helps
   */
  public MatFormatException(Path path, String variable, long offset, String problem) {
    this(path, variable, offset, problem, null);
  }

  /** Like {@link #MatFormatException(Path, String, long, String)}, with the low-level cause. */
  public MatFormatException(Path path, String variable, long offset, String problem, Throwable cause) {
    super(path.getFileName() + ": " + (variable == null ? "" : "variable '" + variable + "': ")
        + problem + (offset >= 0 ? " (at byte " + offset + ")" : ""), cause);
    if (offset < -1) {
      throw new IllegalArgumentException("offset must be >= -1, got " + offset);
    }
    this.path = path;
    this.variable = variable;
    this.offset = offset;
    this.problem = Objects.requireNonNull(problem, "problem");
  }

  /** The file. */
  public Path path() {
    return path;
  }

  /** The variable concerned, if the problem is in one. */
  public Optional<String> variable() {
    return Optional.ofNullable(variable);
  }

  /** Byte offset in the file, or -1 when no single place is concerned. */
  public long offset() {
    return offset;
  }

  /** What is wrong. */
  public String problem() {
    return problem;
  }
}
