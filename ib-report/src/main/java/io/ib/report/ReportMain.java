package io.ib.report;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Command line: {@code java -cp ... io.ib.report.ReportMain RUN_DIR} writes the plots and
 * {@code report.html} of a run directory and prints where. Exit codes: 0 on success, 1 when the
 * report cannot be made (not a run directory, malformed files, write errors), 2 for wrong usage.
 */
public final class ReportMain {
  private ReportMain() {}

  /** Entry point; exits with {@link #run}'s code. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs the command without exiting.
   *
   * @param args exactly one argument: the run directory
   * @param out where the result is printed
   * @param err where errors are printed (one line)
   * @return 0 on success, 1 on failure, 2 on wrong usage
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length != 1 || args[0].equals("-h") || args[0].equals("--help")) {
      (args.length == 1 ? out : err).println("usage: ReportMain RUN_DIR  (writes RUN_DIR/plots/ and"
          + " RUN_DIR/report.html from sweep.json and measurements.csv)");
      return args.length == 1 ? 0 : 2;
    }
    try {
      ReportFiles files = Report.write(Path.of(args[0]));
      out.println("Report: " + files.html().toAbsolutePath());
      out.println("Plots: " + files.plots().size() + " (PNG and SVG) in "
          + files.html().toAbsolutePath().getParent().resolve(Report.PLOTS));
      if (files.partial()) {
        out.println("Note: the run is partial (status " + files.status()
            + "); the report shows what exists.");
      }
      return 0;
    } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
      err.println("ib report: " + e.getMessage());
      return 1;
    }
  }
}
