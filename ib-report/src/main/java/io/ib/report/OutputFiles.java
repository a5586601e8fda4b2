package io.ib.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where the report's bytes reach the disk: every PNG, SVG, {@code compression.csv} and
 * {@code report.html} is written here, whole, from bytes already made in memory. A failed write is
 * one {@link IOException} whose message names the file and the cause, e.g. {@code cannot write to
 * RUN_DIR/plots/capacity.svg: No space left on device}, and the half-written file is removed.
 *
 * <p>The SVG is serialized to memory first because VectorGraphics2D's writer reports a failing stream
 * as an exception without a cause whose message is two lines of XML-transformer wrappers; here the
 * stream's own exception is the cause.
 */
final class OutputFiles {
  /** Opens a file for writing, creating or truncating it. A test seam: tests open failing streams. */
  interface Opener {
    OutputStream open(Path file) throws IOException;
  }

  /** The file system. */
  static final OutputFiles DISK = new OutputFiles(Files::newOutputStream);

  private final Opener opener;

  OutputFiles(Opener opener) {
    this.opener = opener;
  }

  /** Writes {@code bytes} to {@code file}, replacing it. */
  void write(Path file, byte[] bytes) throws IOException {
    write(file, file, bytes);
  }

  /**
   * Replaces {@code file} in one step: the bytes go to {@code file.tmp}, which is then renamed over
   * it, so a reader never sees half a file. A failed write names {@code file}.
   */
  void writeAtomically(Path file, byte[] bytes) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    write(tmp, file, bytes);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private void write(Path target, Path named, byte[] bytes) throws IOException {
    try (OutputStream out = opener.open(target)) {
      out.write(bytes);
    } catch (IOException e) {
      IOException failure = new IOException("cannot write to " + named + ": " + reason(e), e);
      try {
        if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
          Files.delete(target); // half written; never a directory or link that stood in its way
        }
      } catch (IOException | RuntimeException notRemoved) {
        failure.addSuppressed(notRemoved);
      }
      throw failure;
    }
  }

  /**
   * Why a write failed, in words: the innermost cause's message ("No space left on device"), or for
   * a file-system exception, whose message is its path, its reason ("Is a directory").
   */
  static String reason(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root instanceof FileSystemException f) {
      return f.getReason() != null ? f.getReason() : f.getClass().getSimpleName();
    }
    return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
  }
}
