/**
 * Layer 9 (run): run directories on disk. {@link io.ib.run.SavedRun} reads one back, read-only and
 * without any estimator's class: its manifest ({@link io.ib.run.RunManifest}, {@code sweep.json})
 * and its rows ({@link io.ib.run.MeasurementRow}, {@code measurements.csv}).
 * {@link io.ib.run.RunWriter} is the sweep's {@link io.ib.sweep.RunStore}: it starts, resumes and
 * completes a run, and adopts cells that ran as tasks ({@link io.ib.run.CellJob}, committed to a
 * {@link io.ib.run.CellStorage}); {@link io.ib.run.AnalysisWriter} adds a re-analysis. Writers never
 * touch files they did not write, hold a lock while open, commit changes of several files at once
 * through a redo log, and refuse damaged files with one line ({@link io.ib.run.DamagedFileException}).
 */
package io.ib.run;
