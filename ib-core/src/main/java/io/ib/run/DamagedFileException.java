package io.ib.run;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file of a run directory that ib cannot trust: malformed, truncated in the middle, inconsistent
 * with the other files, or edited. ib never repairs such a file silently; the message names the file
 * and the problem in one line.
 */
public final class DamagedFileException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;

  /**
   * @param file the damaged file
   * @param problem what is wrong, e.g. {@code line 7 has 3 fields, expected 16}
   */
  public DamagedFileException(Path file, String problem) {
    super(file + " is damaged: " + problem);
    this.file = file;
  }

  /** The damaged file. */
  public Path file() {
    return file;
  }
}
