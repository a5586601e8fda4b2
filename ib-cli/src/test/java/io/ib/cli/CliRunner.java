package io.ib.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the command line in-process with captured output, for tests. */
public final class CliRunner {
  /** Exit status and captured streams. */
  public record Outcome(int status, String out, String err) {}

  private CliRunner() {}

  public static Outcome run(String... args) {
    CommandLine cmd = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    int status = cmd.execute(args);
    return new Outcome(status, out.toString(), err.toString());
  }
}
