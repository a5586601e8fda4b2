package io.ib.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Entry point of the {@code ib} command. */
public final class Main {
  private Main() {}

  /** Runs the command and exits with its status (0 ok, 1 failure, 2 bad usage). */
  public static void main(String[] args) {
    System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  /** Runs the command with the process's streams and returns its exit status, without exiting. */
  public static int run(String... args) {
    return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /**
   * Runs the command and returns its exit status. Estimator plug-ins ({@code --plugin JAR}) are
   * loaded before the command line is parsed, so that their estimators are known to every command
   * and to {@code --help}.
   */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    // ND4J logs its backend set-up at INFO; users want the sweep's output, not that.
    System.setProperty("org.slf4j.simpleLogger.log.org.nd4j", "warn");
    System.setProperty("org.slf4j.simpleLogger.log.org.bytedeco", "warn");
    System.setProperty("java.awt.headless", "true"); // plots are drawn off-screen
    Plugins plugins;
    try {
      plugins = Plugins.load(pluginArguments(args));
    } catch (IllegalArgumentException e) {
      err.println("ib: " + e.getMessage());
      err.flush();
      return Errors.USAGE;
    }
    try (plugins) {
      CommandLine cmd = commandLine();
      cmd.setOut(out);
      cmd.setErr(err);
      return cmd.execute(args);
    }
  }

  /** The values of every {@code --plugin} option, wherever it stands. */
  static List<String> pluginArguments(String[] args) {
    List<String> jars = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals(PluginOption.NAME) && i + 1 < args.length) {
        jars.add(args[++i]);
      } else if (args[i].startsWith(PluginOption.NAME + "=")) {
        jars.add(args[i].substring(PluginOption.NAME.length() + 1));
      }
    }
    return jars;
  }

  /** The configured command line, with one-line error handling. */
  static CommandLine commandLine() {
    CommandLine cmd = new CommandLine(new IbCommand());
    cmd.setParameterExceptionHandler(Errors::parameterError);
    cmd.setExecutionExceptionHandler(Errors::executionError);
    cmd.setUsageHelpLongOptionsMaxWidth(32);
    Help.install(cmd);
    return cmd;
  }
}
