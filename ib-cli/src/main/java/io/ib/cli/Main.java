package io.ib.cli;

import picocli.CommandLine;

/** Entry point of the {@code ib} command. */
public final class Main {
  private Main() {}

  /** Runs the command and exits with its status (0 ok, 1 failure, 2 bad usage). */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command and returns its exit status, without exiting (for tests). */
  public static int run(String... args) {
    // ND4J logs its backend set-up at INFO; users want the sweep's output, not that.
    System.setProperty("org.slf4j.simpleLogger.log.org.nd4j", "warn");
    System.setProperty("org.slf4j.simpleLogger.log.org.bytedeco", "warn");
    System.setProperty("java.awt.headless", "true"); // plots are drawn off-screen
    return commandLine().execute(args);
  }

  /** The configured command line, with one-line error handling. */
  static CommandLine commandLine() {
    SweepCommand.publishDefaults();
    CommandLine cmd = new CommandLine(new IbCommand());
    cmd.getSubcommands().get("sweep").getCommandSpec().usageMessage()
        .footer("%nPresets (--preset):%n" + Preset.help() + "%n" + SweepCommand.estimatorHelp());
    cmd.getSubcommands().get("analyze").getCommandSpec().usageMessage()
        .footer(SweepCommand.estimatorHelp());
    cmd.setParameterExceptionHandler(Errors::parameterError);
    cmd.setExecutionExceptionHandler(Errors::executionError);
    return cmd;
  }
}
