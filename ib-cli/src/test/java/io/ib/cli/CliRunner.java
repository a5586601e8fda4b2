package io.ib.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in-process with captured output, for tests. */
public final class CliRunner {
  /** Exit status and captured streams. */
  public record Outcome(int status, String out, String err) {}

  private CliRunner() {}

  public static Outcome run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Outcome(status, out.toString(), err.toString());
  }
}
