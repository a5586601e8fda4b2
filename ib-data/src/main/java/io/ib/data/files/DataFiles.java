package io.ib.data.files;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** Names and identities of data files, shared by the readers of ib-data. */
public final class DataFiles {
  private DataFiles() {}

  /**
   * Checks that a path names a regular file (or a link to one) before it is opened. Every reader
   * calls this first: opening a named pipe (FIFO) for reading waits until something writes to it,
   * which for a data file given by mistake is forever; a directory or a device is no data file
   * either.
   *
   * @throws java.nio.file.NoSuchFileException if nothing is there ({@code "<path>: no such file"})
   * @throws FileSystemException if it is something else than a regular file; the message is one line,
   *     {@code "<path>: not a regular file"}
   * @throws IOException if its attributes cannot be read (one line naming the file and the cause)
   */
  public static void requireRegularFile(Path file) throws IOException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (IOException e) {
      throw ReadFailures.describe(file, e);
    }
    if (!attributes.isRegularFile()) {
      throw new FileSystemException(file.toString(), null, "not a regular file");
    }
  }

  /** The file name without its last extension: {@code var_u} for {@code var_u.mat}. */
  public static String stem(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  /** The last extension in lower case, without the dot, or "" if there is none. */
  public static String extension(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT) : "";
  }
}
