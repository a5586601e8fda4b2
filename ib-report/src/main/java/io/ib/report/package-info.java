/**
 * Plots and the HTML report of a run directory (layer 9: reads results, never trains).
 *
 * <p>Public API: {@link io.ib.report.Report#write(java.nio.file.Path)} reads {@code sweep.json} and
 * {@code measurements.csv} of a run directory and (re)writes {@code plots/*.png|svg} and
 * {@code report.html}, returning a {@link io.ib.report.ReportFiles} with one
 * {@link io.ib.report.PlotFile} per plot; {@link io.ib.report.ReportMain} is a command line around it.
 * Drawing is headless (XChart panels composed on a Java2D or VectorGraphics2D canvas), so the PNG and
 * SVG of a figure come from the same code.
 *
 * <p>Conventions of every figure: information in bits, on axes from 0 (or below, for negative
 * values) to at least the ceilings log2 n and H(Y), which are dashed; logarithmic step axes with
 * step 0 drawn at step 0.5 (labelled 0); spread over seeds is ±1 sample standard deviation; the
 * final-accuracy axis has a minimum width, so that small differences look small; values that are
 * not finite (a diverged run) are left out and counted in a note; training progress in the
 * information plane is the viridis colour map over log10(1 + step) / log10(1 + last step).
 */
package io.ib.report;
