package io.ib.report;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One plot of a report, written as a PNG (also inlined into {@code report.html}) and an SVG.
 *
 * @param kind what the plot shows
 * @param title a short title, e.g. {@code Information plane: binning:width=4}
 * @param caption what the plot shows, in a sentence or three (the caption in the HTML report)
 * @param png the PNG file, under {@code RUN_DIR/plots/}
 * @param svg the SVG file with the same drawing, next to the PNG
 */
public record PlotFile(Kind kind, String title, String caption, Path png, Path svg) {
  public PlotFile {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(caption, "caption");
    Objects.requireNonNull(png, "png");
    Objects.requireNonNull(svg, "svg");
  }

  /** The sorts of plot a report holds, in report order. */
  public enum Kind {
    /**
     * I(T;Y) against I(X;T) (bits) for one estimator string, one panel per layer, one trajectory per
     * bottleneck width, markers filled by training step. File {@code infoplane-<estimator>}.
     */
    INFORMATION_PLANE,
    /**
     * One bottleneck width: I(X;T) and I(T;Y) of each layer and estimator, test accuracy and loss,
     * against training step (log scale, step 0 drawn at 0.5). File {@code progress-k<width>}.
     */
    PROGRESS,
    /**
     * Final test accuracy and final I(X;T), I(T;Y) of each layer and estimator against width (log
     * scale). File {@code capacity}.
     */
    CAPACITY,
    /**
     * Final I(X;T) and I(T;Y) against the one numeric parameter in which several estimator strings of
     * one family differ (bin width, noise variance, ...), one line per width. File
     * {@code resolution-<name>-<parameter>}.
     */
    RESOLUTION
  }
}
