package io.ib.run;

import java.io.IOException;
import java.util.UUID;

/**
 * A {@link CellStorage} on a file system whose rename replaces a file in one step (a local disk,
 * HDFS): {@link #publish} writes the bytes under a temporary name of this writer's own, next to the
 * final name, then renames it over the final name, so that readers see the old bytes or the new,
 * never a part. Two writers of one name (two attempts of a cell) never write into the same file.
 * The temporary names are the ones the commit protocol recognises as a dead writer's leftovers and
 * clears at the merge ({@code .NAME.WRITER.tmp}).
 *
 * <p>Subclasses provide the plain write and the replacing rename; a store without an atomic rename
 * (an object store, whose rename is a copy) overrides {@link #publish} with its own one-request
 * upload instead.
 */
public abstract class RenamingCellStorage implements CellStorage {
  /** For subclasses. */
  protected RenamingCellStorage() {}

  /**
   * Writes a new file under {@code name} (a temporary name nobody reads yet), creating the folders
   * above it if needed. It need not be atomic.
   */
  protected abstract void write(String name, byte[] bytes) throws IOException;

  /** Renames {@code from} to {@code to}, replacing a file named {@code to} in one step. */
  protected abstract void replace(String from, String to) throws IOException;

  /**
   * Writes under a temporary name, then renames it to {@code name}; a temporary file whose rename
   * failed is deleted.
   */
  @Override
  public void publish(String name, byte[] bytes) throws IOException {
    String temporary = temporaryName(name);
    write(temporary, bytes);
    try {
      replace(temporary, name);
    } catch (IOException | RuntimeException e) {
      try {
        delete(temporary);
      } catch (IOException | RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /**
   * A name of this writer's own in the folder of {@code name} (which may name a subfolder:
   * {@code plots/a.svg} gives {@code plots/.a.svg.UUID.tmp}).
   */
  static String temporaryName(String name) {
    int slash = name.lastIndexOf('/');
    // CellCommits recognises this shape (dot, name, writer, .tmp) as one of its own files
    return name.substring(0, slash + 1) + "." + name.substring(slash + 1) + "."
        + UUID.randomUUID() + ".tmp";
  }
}
