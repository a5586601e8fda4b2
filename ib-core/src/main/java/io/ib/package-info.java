/**
 * The facade, the top layer: {@link io.ib.InformationBottleneck} runs, resumes and re-analyses
 * capacity sweeps, wiring the sweep engine ({@link io.ib.sweep}) to run directories
 * ({@link io.ib.run}). Start here.
 */
package io.ib;
