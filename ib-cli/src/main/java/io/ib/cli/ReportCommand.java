package io.ib.cli;

import io.ib.report.Report;
import io.ib.report.ReportFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ib report RUN_DIR}: the plots and the HTML report of a run directory. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Write RUN_DIR/report.html (one self-contained file, plots inline) and the PNG and"
        + " SVG plots in RUN_DIR/plots/ from sweep.json and measurements.csv. 'ib sweep', 'ib resume'"
        + " and 'ib analyze' do this at the end; use it for runs that were interrupted or copied. It"
        + " needs no estimator's class, so no --plugin.")
public final class ReportCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run directory.")
  String runDir;

  @Override
  public Integer call() throws IOException {
    Path dir = RunDirs.local(runDir, "reported");
    write(dir, spec.commandLine().getOut(), dir);
    return 0;
  }

  /**
   * Writes the report of a run and says where it is.
   *
   * @param shownAs the directory to name in the message, or null when the run is staged to be
   *     uploaded (its staging directory is deleted afterwards)
   */
  static void write(Path runDir, PrintWriter out, Path shownAs) throws IOException {
    ReportFiles files = Report.write(runDir);
    String where = shownAs == null ? "" : "Report: " + shownAs.resolve(files.html().getFileName())
        + " (" + files.plots().size() + " plots, PNG and SVG, in " + shownAs.resolve(Report.PLOTS)
        + ")";
    String partial = files.partial() ? "the run is " + files.status() + ", so the report is partial"
        : "";
    if (!where.isEmpty() || !partial.isEmpty()) {
      out.println(where + (where.isEmpty() || partial.isEmpty() ? "" : "; ") + partial);
    }
    out.flush();
  }
}
