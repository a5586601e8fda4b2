package io.ib.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@link Report#write} produced.
 *
 * @param runDirectory the run directory
 * @param html {@code RUN_DIR/report.html}: one self-contained file, every PNG inlined
 * @param plots every plot, in report order (PNG and SVG under {@code RUN_DIR/plots/})
 * @param partial whether the run is partial (status other than {@code complete}, or cells missing):
 *     the report says so and shows what exists
 * @param status the run's status from {@code sweep.json}: {@code running}, {@code complete},
 *     {@code failed}, or {@code unknown}
 */
public record ReportFiles(Path runDirectory, Path html, List<PlotFile> plots, boolean partial,
    String status) {
  public ReportFiles {
    Objects.requireNonNull(runDirectory, "runDirectory");
    Objects.requireNonNull(html, "html");
    plots = List.copyOf(plots);
    Objects.requireNonNull(status, "status");
  }
}
