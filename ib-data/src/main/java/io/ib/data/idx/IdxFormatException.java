package io.ib.data.idx;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A file that is not a well-formed IDX file of the expected kind.
 *
 * <p>The message has the form {@code "<file name>: <problem>: expected <x>, found <y> (offset <n>)"},
 * for example {@code "t10k-labels-idx1-ubyte.gz: truncated: expected 10000 data bytes after the 8-byte
 * header, found 9000 (offset 9008)"}. Offsets count bytes of the decompressed stream for gzipped files.
 */
public final class IdxFormatException extends IOException {
  private final transient Path path;
  private final long offset;
  private final String problem;
  private final String expected;
  private final String found;

  /**
   * Describes one problem in one file.
   *
   * @param path the file
   * @param offset byte offset in the (decompressed) stream where the problem was found, at least 0
   * @param problem short name of the problem, e.g. {@code truncated}
   * @param expected what a well-formed file has there
   * @param found what this file has there
   */
  public IdxFormatException(Path path, long offset, String problem, String expected, String found) {
    this(path, offset, problem, expected, found, null);
  }

  /**
   * Like {@link #IdxFormatException(Path, long, String, String, String)}, with the low-level cause
   * (for example the {@link java.util.zip.ZipException} of a corrupt gzip stream).
   */
  public IdxFormatException(Path path, long offset, String problem, String expected, String found,
      Throwable cause) {
    super(path.getFileName() + ": " + problem + ": expected " + expected + ", found " + found
        + " (offset " + offset + ")", cause);
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be >= 0, got " + offset);
    }
    this.path = path;
    this.offset = offset;
    this.problem = Objects.requireNonNull(problem, "problem");
    this.expected = Objects.requireNonNull(expected, "expected");
    this.found = Objects.requireNonNull(found, "found");
  }

  /** The file that is malformed. */
  public Path path() {
    return path;
  }

  /** Byte offset in the decompressed stream where the problem was found. */
  public long offset() {
    return offset;
  }

  /** Short name of the problem, e.g. {@code truncated}, {@code bad magic}. */
  public String problem() {
    return problem;
  }

  /** What a well-formed file has at {@link #offset()}. */
  public String expected() {
    return expected;
  }

  /** What this file has at {@link #offset()}. */
  public String found() {
    return found;
  }
}
