package io.ib.sweep;

/**
 * Receives progress of a running sweep, on the sweep's thread. Every method does nothing by default;
 * implementations should return quickly (the step callback runs after every optimiser step).
 */
public interface SweepListener {
  /**
   * Something the user should know that does not stop the sweep, e.g. measurement steps left out
   * because they lie beyond the end of training. Called before {@link #sweepStarted}.
   */
  default void warning(String message) {}

  /** Before the first cell. */
  default void sweepStarted(SweepPlan plan) {}

  /** Before a cell trains; {@code index} is 0-based in run order. */
  default void cellStarted(Cell cell, int index) {}

  /**
   * After every optimiser step of a cell.
   *
   * @param step steps taken by this cell (1-based)
   * @param loss this step's mini-batch loss, nats
   */
  default void stepCompleted(Cell cell, int step, double loss) {}

  /** After each measurement (already written to disk when the sweep writes results). */
  default void measured(Measurement measurement) {}

  /** After a cell's last measurement. */
  default void cellFinished(CellResult result) {}

  /**
   * A cell that an engine ran elsewhere (a Spark task, say) has committed its results; reported by
   * the sweep that waits for the engine, from one thread, before the cells are merged into the run.
   * Such cells report no steps or measurements here: this is their only progress.
   *
   * @param committed cells of this engine run committed so far, this one included
   * @param total cells this engine run was given
   */
  default void cellCommitted(Cell cell, int committed, int total) {}

  /** After the last cell. */
  default void sweepFinished(SweepResult result) {}
}
