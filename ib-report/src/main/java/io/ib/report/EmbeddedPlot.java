package io.ib.report;

/**
 * A plot with its PNG bytes and the file names relative to the run directory.
 *
 * @param plot the plot
 * @param png the PNG bytes to inline
 * @param width PNG width in pixels
 * @param height PNG height in pixels
 * @param pngLink relative link to the PNG file
 * @param svgLink relative link to the SVG file
 */
record EmbeddedPlot(PlotFile plot, byte[] png, int width, int height, String pngLink,
    String svgLink) {}
