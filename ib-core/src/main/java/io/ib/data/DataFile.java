package io.ib.data;

import java.util.Objects;

/**
 * A file a dataset was read from, identified by content.
 *
 * @param name file name (no directory: directories differ between machines, contents do not)
 * @param sha256 lower-case hex SHA-256 of the file's bytes as stored (compressed if it is compressed)
 * @param bytes file size in bytes
 */
public record DataFile(String name, String sha256, long bytes) {
  public DataFile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(sha256, "sha256");
    if (!sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits, got '" + sha256 + "'");
    }
  }
}
