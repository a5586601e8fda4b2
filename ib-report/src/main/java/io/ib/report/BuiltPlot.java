package io.ib.report;

/**
 * A figure with what the report says about it.
 *
 * @param kind what sort of plot
 * @param stem file name without extension
 * @param title the figure title
 * @param caption what the plot shows, for the HTML report
 * @param figure the drawing
 */
record BuiltPlot(PlotFile.Kind kind, String stem, String title, String caption, Figure figure) {}
