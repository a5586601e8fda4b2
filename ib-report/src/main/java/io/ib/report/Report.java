package io.ib.report;

import io.ib.run.RunFiles;
import io.ib.run.RunLock;
import io.ib.sweep.CellResult;
import io.ib.sweep.CompressionSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plots and an HTML report of a run directory written by {@code ib sweep} (a {@code sweep.json} and
 * a {@code measurements.csv}).
 *
 * <p>{@link #write(Path)} (re)generates, without a display:
 * <ul>
 *   <li>{@code RUN_DIR/plots/infoplane-<estimator>.png|.svg}: one information plane per estimator
 *       string (I(X;T) against I(T;Y), bits; one panel per layer, one trajectory per width, markers
 *       filled by training step on a log scale, ceilings log2 n and H(Y) dashed, ±1 sd over seeds);
 *   <li>{@code RUN_DIR/plots/progress-k<width>.png|.svg}: per width, I(X;T) and I(T;Y) of each layer
 *       and estimator, test accuracy and loss, against training step (log scale, step 0 drawn at 0.5);
 *   <li>{@code RUN_DIR/plots/capacity.png|.svg}: final accuracy, I(X;T), I(T;Y) against width;
 *   <li>{@code RUN_DIR/plots/resolution-<name>-<parameter>.png|.svg}: for estimator strings of one
 *       family that differ in one numeric parameter (e.g. {@code binning:width=0.5,1,2,8}), the final
 *       I(X;T) and I(T;Y) against that parameter, one line per width;
 *   <li>{@code RUN_DIR/report.html}: one self-contained page (PNGs inlined as {@code data:} URIs,
 *       SVGs linked) with status, summary table, plots with captions, configuration and provenance.
 * </ul>
 * File stems come from the estimator strings, lower-cased, with each run of characters other than
 * letters, digits and '.' replaced by '-' (so {@code binning:width=0.5} gives
 * {@code infoplane-binning-width-0.5}); a stem that two strings share gets a hash suffix.
 *
 * <p>Partial runs (status {@code running} or {@code failed}, unfinished or missing cells) are
 * reported with what exists, and the page and every figure say that the run is partial. Old plot
 * files with the stems above are removed first, so the directory matches the report; other files in
 * {@code plots/} are left alone. The report is written to a temporary file and renamed, so a reader
 * never sees half a page.
 */
public final class Report {
  /** Name of the HTML report inside the run directory. */
  public static final String HTML = "report.html";
  /** Name of the compression summary (CSV) inside the run directory. */
  public static final String COMPRESSION = RunFiles.COMPRESSION;
  /** Name of the plot directory inside the run directory. */
  public static final String PLOTS = "plots";

  private static final Logger LOG = LoggerFactory.getLogger(Report.class);

  private Report() {}

  /**
   * Reads the run directory and (re)writes its plots and {@code report.html}.
   *
   * @param runDirectory a directory written by {@code ib sweep}
   * @return the files written
   * @throws IOException if {@code runDirectory} is not a run directory (the message names the path and
   *     what is missing), if a file of the run is damaged: malformed, of another format than
   *     {@link io.ib.run.SavedRun} reads, or inconsistent, such as a finished cell whose rows differ
   *     from what {@code sweep.json} records (a {@link io.ib.run.DamagedFileException} naming the
   *     file and the problem in one line; nothing is written then), or if the output cannot be
   *     written (the message names the file and the cause, e.g. {@code No space left on device})
   */
  public static ReportFiles write(Path runDirectory) throws IOException {
    return write(runDirectory, OutputFiles.DISK);
  }

  /** {@link #write(Path)}, with the output written through {@code output} (a test seam). */
  static ReportFiles write(Path runDirectory, OutputFiles output) throws IOException {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    // A run directory is locked while its report is written (and a change a stop interrupted is
    // finished first); anything else is left untouched and refused by RunData.read.
    boolean runDirectoryExists = Files.isRegularFile(runDirectory.resolve(RunFiles.MANIFEST));
    RunLock lock = runDirectoryExists ? RunFiles.lockForReport(runDirectory) : null;
    try {
      return writeLocked(runDirectory, output);
    } finally {
      if (lock != null) {
        lock.close();
      }
    }
  }

  private static ReportFiles writeLocked(Path runDirectory, OutputFiles output) throws IOException {
    RunData run = RunData.read(runDirectory);
    // Reading the results checks the finished cells' rows against the manifest: a damaged run is
    // refused before anything is written or an earlier report's plots are removed.
    CompressionSummary compression = compression(run);
    Path plotDir = runDirectory.resolve(PLOTS);
    Files.createDirectories(plotDir);
    removeOldPlots(plotDir);
    List<PlotFile> plots = new ArrayList<>();
    List<EmbeddedPlot> embedded = new ArrayList<>();
    Aggregates agg = new Aggregates(run);
    for (BuiltPlot b : new Plots(run, agg).all()) {
      Path png = plotDir.resolve(b.stem() + ".png");
      Path svg = plotDir.resolve(b.stem() + ".svg");
      byte[] bytes = b.figure().png();
      output.write(png, bytes);
      output.write(svg, b.figure().svg());
      PlotFile plot = new PlotFile(b.kind(), b.title(), b.caption(), png, svg);
      plots.add(plot);
      embedded.add(new EmbeddedPlot(plot, bytes, b.figure().width(), b.figure().height(),
          PLOTS + "/" + png.getFileName(), PLOTS + "/" + svg.getFileName()));
      LOG.debug("wrote {} and {}", png, svg);
    }
    Path html = runDirectory.resolve(HTML);
    if (compression != null) {
      output.writeAtomically(runDirectory.resolve(COMPRESSION),
          compression.csv().getBytes(StandardCharsets.UTF_8));
    }
    output.writeAtomically(html, Html.render(run, agg, embedded, Instant.now(), compression)
        .getBytes(StandardCharsets.UTF_8));
    LOG.debug("wrote {} with {} plots", html, plots.size());
    return new ReportFiles(runDirectory, html, plots, run.partial(), run.status());
  }

  /** The compression summary of the run's finished cells, or null while none has finished. */
  private static CompressionSummary compression(RunData run) throws IOException {
    List<CellResult> results = run.saved().results();
    return results.isEmpty() ? null
        : CompressionSummary.of(results, run.manifest().evaluation().majorityRate());
  }

  private static void removeOldPlots(Path plotDir) throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(plotDir)) {
      for (Path f : files) {
        if (Files.isRegularFile(f)
            && RunFiles.PLOT_FILE.matcher(f.getFileName().toString()).matches()) {
          Files.delete(f);
        }
      }
    }
  }
}
