package io.ib.cli;

import io.ib.report.Report;
import io.ib.report.ReportFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
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
    say(spec.commandLine().getOut(), Report.write(dir), dir);
    return 0;
  }

  /** Says where the report of the run in {@code dir} is, and whether it is partial. */
  static void say(PrintWriter out, ReportFiles files, Path dir) {
    say(out, files, dir.resolve(files.html().getFileName().toString()), dir.resolve(Report.PLOTS));
  }

  /**
   * Says where the report of a run uploaded to {@code uri} (a folder URI, ending in {@code /}) is:
   * there, not in the staging directory it was written in, which the upload deleted.
   */
  static void say(PrintWriter out, ReportFiles files, URI uri) {
    // As the user wrote it (URI.resolve would turn ibtest:///a/ into ibtest:/a/).
    say(out, files, uri + files.html().getFileName().toString(), uri + Report.PLOTS);
  }

  private static void say(PrintWriter out, ReportFiles files, Object html, Object plots) {
    out.println("Report: " + html + " (" + files.plots().size() + " plots, PNG and SVG, in "
        + plots + ")" + (files.partial() ? "; the run is " + files.status() + ", so the report"
            + " is partial" : ""));
    out.flush();
  }
}
