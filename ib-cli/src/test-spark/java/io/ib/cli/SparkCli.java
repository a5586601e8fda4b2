package io.ib.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Runs the command line in-process with everything it prints captured: its own streams, and the
 * process's System.err, where Spark's, Hadoop's and ND4J's loggers (slf4j-simple) write.
 */
final class SparkCli {
  private SparkCli() {}

  static synchronized CliRunner.Outcome run(List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    ByteArrayOutputStream logs = new ByteArrayOutputStream();
    PrintStream processErr = System.err;
    System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
    int status;
    try {
      status = Main.run(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
    } finally {
      System.setErr(processErr);
    }
    String logged = logs.toString(StandardCharsets.UTF_8);
    processErr.print(logged); // still in the test's output
    return new CliRunner.Outcome(status, out.toString(), logged + err);
  }
}
