package io.ib.data.files;

import io.ib.data.DataFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 helpers shared by the readers and the downloader (lower-case hex, as {@code sha256sum}). */
public final class Sha256 {
  private Sha256() {}

  /** A new SHA-256 digest. */
  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }

  /** The digest's sum as lower-case hex; resets the digest. */
  public static String hex(MessageDigest digest) {
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The sum of bytes held in memory. */
  public static String of(byte[] bytes) {
    MessageDigest sha = newDigest();
    sha.update(bytes);
    return hex(sha);
  }

  /**
   * The sum of a file's bytes, in one pass.
   *
   * @throws IOException if the file cannot be read or is not a regular file (a named pipe, ...; see
   *     {@link DataFiles#requireRegularFile}); the message is one line naming the file and the cause,
   *     e.g. {@code permission denied}
   */
  public static String of(Path file) throws IOException {
    DataFiles.requireRegularFile(file);
    MessageDigest sha = newDigest();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw ReadFailures.describe(file, e);
    }
    return hex(sha);
  }

  /**
   * The identity of a file that a library (DataVec) reads itself: one separate pass for the sum.
   *
   * @throws IOException if the file cannot be read (one line naming the file and the cause)
   */
  public static DataFile identity(Path file) throws IOException {
    String sha256 = of(file);
    try {
      return new DataFile(file.getFileName().toString(), sha256, Files.size(file));
    } catch (IOException e) {
      throw ReadFailures.describe(file, e);
    }
  }
}
