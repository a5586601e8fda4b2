package io.ib.data.files;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * One-line messages for data files that cannot be read. The JDK's {@link AccessDeniedException} and
 * {@link NoSuchFileException} carry only the path as their message, which a user reads as a bare
 * file name with no word about what went wrong.
 */
public final class ReadFailures {
  private ReadFailures() {}

  /**
   * The exception to throw for a failed read of {@code file}: its message is one line,
   * {@code "<path>: <cause>"}, e.g. {@code "/data/mnist/t10k-labels-idx1-ubyte.gz: permission
   * denied"}, and the original is its cause. Access denied and missing files keep their exception
   * type ({@link AccessDeniedException}, {@link NoSuchFileException}); other failures become a plain
   * {@link IOException} with the original's reason.
   *
   * @param file the file being read
   * @param failure what the read threw; a format exception, which names the file already, should be
   *     thrown as it is rather than passed here
   */
  public static IOException describe(Path file, IOException failure) {
    String path = file.toString();
    IOException described;
    if (failure instanceof AccessDeniedException) {
      described = new AccessDeniedException(path, null, "permission denied");
    } else if (failure instanceof NoSuchFileException) {
      described = new NoSuchFileException(path, null, "no such file");
    } else {
      described = new IOException(path + ": " + reason(failure));
    }
    described.initCause(failure);
    return described;
  }

  /** The reason without the path the JDK may have put in front of it, on one line. */
  private static String reason(IOException failure) {
    String reason = failure instanceof FileSystemException fs ? fs.getReason() : failure.getMessage();
    if (reason == null || reason.isBlank()) {
      reason = failure.getClass().getSimpleName();
    }
    return reason.replaceAll("\\s*\\R\\s*", " ").strip();
  }
}
