package io.ib.data.files;

import io.ib.data.DataFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Names and identities of data files, shared by the readers of ib-data. */
public final class DataFiles {
  private DataFiles() {}

  /**
   * The identity of a file that a library (DataVec) reads itself: one separate pass for the sum.
   *
   * @throws IOException if the file cannot be read (one line naming the file and the cause)
   */
  public static DataFile identity(Path file) throws IOException {
    String sha256 = Sha256.of(file);
    try {
      return new DataFile(file.getFileName().toString(), sha256, Files.size(file));
    } catch (IOException e) {
      throw ReadFailures.describe(file, e);
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
