package io.ib.sweep;

import java.io.IOException;
import java.util.List;

/**
 * Saved activations of a run: one matrix per (cell, measurement step, layer), with the evaluation
 * samples' labels and inputs. What {@link SnapshotAnalysis} reads; the run directory implements it.
 */
public interface SnapshotSource {
  /** Every saved matrix, in the order saved (cells in run order once the run is complete). */
  List<SnapshotEntry> entries() throws IOException;

  /**
   * One saved matrix.
   *
   * @throws IOException naming the file if it is missing or damaged
   */
  ActivationMatrix read(SnapshotEntry entry) throws IOException;

  /** The class of each evaluation sample. */
  int[] labels() throws IOException;

  /**
   * The evaluation inputs, one row per sample.
   *
   * @throws IOException if they were not saved ({@link #hasInputs()} is false)
   */
  ActivationMatrix inputs() throws IOException;

  /**
   * Whether the evaluation inputs were saved: a run of networks trained outside ib may not know
   * them, and estimators that need them then say so.
   */
  default boolean hasInputs() {
    return true;
  }
}
