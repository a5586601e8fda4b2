package io.ib.run;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The one home of SHA-256 in a run directory (lower-case hex, as {@code sha256sum} prints it): the
 * configuration's checksum, committed cells' rows and activations, the saved snapshots. ib-data's
 * {@code io.ib.data.files.Sha256} does the same for data files, which this module cannot see.
 */
final class Sha256 {
  private Sha256() {}

  /** The SHA-256 of bytes held in memory, as 64 lower-case hex digits. */
  static String of(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }

  /** Whether {@code text} has the form of a checksum {@link #of} gives. */
  static boolean isHex(String text) {
    return text.length() == 64 && text.chars().allMatch(c -> c >= '0' && c <= '9'
        || c >= 'a' && c <= 'f');
  }
}
