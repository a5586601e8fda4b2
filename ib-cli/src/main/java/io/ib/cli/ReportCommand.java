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
        + " SVG plots in RUN_DIR/plots/ from sweep.json and measurements.csv. 'ib sweep' and"
        + " 'ib analyze' do this at the end; use it for runs that were interrupted or copied.")
public final class ReportCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run directory.")
  Path runDir;

  @Override
  public Integer call() throws IOException {
    print(spec.commandLine().getOut(), Report.write(runDir));
    return 0;
  }

  /** Writes the report of a run and says where it is; used by sweep and analyze too. */
  static void write(Path runDir, PrintWriter out) throws IOException {
    print(out, Report.write(runDir));
  }

  private static void print(PrintWriter out, ReportFiles files) {
    out.println("Report: " + files.html() + " (" + files.plots().size() + " plots, PNG and SVG, in "
        + files.html().resolveSibling(Report.PLOTS) + ")" + (files.partial()
            ? "; the run is " + files.status() + ", so the report is partial" : ""));
    out.flush();
  }
}
