package io.ib.cli;

import java.nio.file.Path;

/** The run directory a command is given: a local directory, never a URI. */
final class RunDirs {
  private RunDirs() {}

  /**
   * The path of a run directory argument.
   *
   * @param what what the command does with it, e.g. "resumed", for the message about URIs
   * @throws IllegalArgumentException for a URI such as {@code hdfs://host:8020/run}: such runs are
   *     read and changed only in a local copy
   */
  static Path local(String text, String what) {
    if (text.matches("[A-Za-z][A-Za-z0-9+.-]+://.*") && !text.startsWith("file:")) {
      throw new IllegalArgumentException(text + " is a URI: a run there is " + what + " from a"
          + " local copy (e.g. hadoop fs -get " + text + " runs/copy), then give runs/copy");
    }
    return text.startsWith("file:") ? Path.of(java.net.URI.create(text)) : Path.of(text);
  }
}
