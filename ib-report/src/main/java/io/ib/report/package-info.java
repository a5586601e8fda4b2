/** Plots and the HTML report of a run directory (layer 9: reads results, never trains). */
package io.ib.report;
