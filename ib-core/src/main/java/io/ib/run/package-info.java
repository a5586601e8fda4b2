/**
 * Layer 9 (io): results on disk. {@link io.ib.run.RunDirectory} is the sweep's
 * {@link io.ib.sweep.RunStore}: {@code sweep.json} (configuration, provenance, dataset checksums,
 * status, finished cells; replaced whole), {@code measurements.csv} (one row per measurement, layer and
 * estimator; appended a measurement at a time) and the activation snapshots ({@code .npy}). It never
 * touches files it did not write, holds a lock while open, commits changes of several files at once
 * through a redo log, and refuses damaged files with one line.
 */
package io.ib.run;
