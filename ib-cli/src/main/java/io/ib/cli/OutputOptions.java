package io.ib.cli;

import io.ib.run.RunFiles;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a new run is written. */
final class OutputOptions {
  @Option(names = "--out", paramLabel = "DIR|URI",
      description = "Output directory: a new or empty one (default: a new runs/<date-time>). With"
          + " --engine spark also a Hadoop URI (hdfs://, s3a://, ...): the cells commit there, the"
          + " run is merged in a local staging directory and uploaded when it is complete.")
  String out;

  @Option(names = "--overwrite",
      description = "Replace an earlier ib run in --out DIR. A directory that also holds other"
          + " files is refused all the same: ib never touches files it did not write.")
  boolean overwrite;

  @Option(names = "--snapshots",
      description = "Save the evaluation samples' activations of every measured layer at every"
          + " measurement as .npy files under OUT/snapshots (NumPy can load them), for"
          + " 'ib analyze'. About 11 MB per measurement of the default network.")
  boolean snapshots;

  /** --out as a URI other than file:, or null. */
  URI remote() {
    check();
    if (out != null && out.matches("[A-Za-z][A-Za-z0-9+.-]+://.*") && !out.startsWith("file:")) {
      return URI.create(out.endsWith("/") ? out : out + "/");
    }
    return null;
  }

  /** --out as a local directory, or null (not given, or a URI). */
  Path local() {
    check();
    if (out == null || remote() != null) {
      return null;
    }
    return out.startsWith("file:") ? Path.of(URI.create(out)) : Path.of(out);
  }

  /**
   * Refuses a local --out DIR now, before the data is looked for, if it cannot take a new run.
   *
   * @return --out as a local directory, or null (not given, or a URI)
   */
  Path checkedLocal() throws IOException {
    Path dir = local();
    if (dir != null) {
      RunFiles.checkNewRun(dir, overwrite);
    }
    return dir;
  }

  /** The local directory of a new run: --out DIR, or else a new runs/<date-time>. */
  static Path orNewRunDirectory(Path out) throws IOException {
    return out != null ? out : RunFiles.newRunDirectory(Path.of("runs"));
  }

  private void check() {
    if (out != null && out.isBlank()) {
      throw new IllegalArgumentException("--out is empty: give a directory");
    }
  }
}
