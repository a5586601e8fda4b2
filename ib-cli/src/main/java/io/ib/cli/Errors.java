package io.ib.cli;

import io.ib.train.DivergenceException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** Maps failures to one line on stderr and an exit status. */
final class Errors {
  /** A mistake in what the user asked for: a value, a combination, a configuration. */
  static final int USAGE = 2;
  /** The run failed: data unavailable, disk full, training diverged. */
  static final int FAILURE = 1;

  private Errors() {}

  static int parameterError(ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    PrintWriter err = cmd.getErr();
    String name = cmd.getCommandSpec().qualifiedName();
    err.println(name + ": " + e.getMessage() + " (see '" + name + " --help')");
    err.flush();
    return USAGE;
  }

  static int executionError(Exception e, CommandLine cmd, ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
    String name = cmd.getCommandSpec().qualifiedName();
    int status;
    if (cause instanceof IllegalArgumentException) {
      err.println(name + ": " + oneLine(cause.getMessage()));
      status = USAGE;
    } else if (cause instanceof IOException || cause instanceof DivergenceException) {
      err.println(name + ": " + oneLine(cause.getMessage()));
      status = FAILURE;
    } else {
      err.println(name + ": unexpected " + cause.getClass().getSimpleName() + ": "
          + cause.getMessage() + " (this is a bug; the stack trace follows)");
      cause.printStackTrace(err);
      status = FAILURE;
    }
    err.flush();
    return status;
  }

  /** A message as one line: what a library below put on several lines is joined. */
  static String oneLine(String message) {
    return String.valueOf(message).strip().replaceAll("\\s*\\R\\s*", "; ");
  }
}
