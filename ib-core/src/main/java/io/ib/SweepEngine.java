package io.ib;

import io.ib.run.CellJob;
import io.ib.sweep.Cell;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Runs the cells of a sweep somewhere other than the sweep's own threads: each cell is a task that
 * calls {@link CellJob#run(Cell)}, which commits the cell; the sweep then merges the committed
 * cells into its run directory. The sweep runs its cells on its own threads unless it is given an
 * engine ({@link Sweep#engine}); ib-spark provides one ({@code spark}), found by name through
 * {@link Provider} so that ib-core does not depend on it.
 *
 * <p>An engine may run a cell more than once (retries, speculation): the commit protocol keeps one
 * copy. It must not return normally before every cell it was given committed.
 *
 * <p>An engine may hold resources from its creation on (ib-spark's starts its SparkContext there,
 * so that bad settings are reported before a sweep writes anything): {@link #close()} releases them
 * if it never runs.
 */
public interface SweepEngine extends AutoCloseable {
  /** The engine's name, as in {@code --engine NAME}. */
  String name();

  /**
   * Runs each cell once at least, as {@code job.run(cell)}, and returns when every one committed.
   *
   * @throws IOException if a cell failed for good (the message says which and why)
   */
  void run(CellJob job, List<Cell> cells) throws IOException;

  /** Releases what the engine holds (default: nothing); it may be called more than once. */
  @Override
  default void close() {}

  /** Makes an engine by name; listed in {@code META-INF/services/io.ib.SweepEngine$Provider}. */
  interface Provider {
    /** The name users choose it by, e.g. {@code spark}. */
    String name();

    /**
     * An engine with the given options (each engine documents its own, e.g. {@code master}).
     *
     * @throws IllegalArgumentException if an option is unknown or invalid
     */
    SweepEngine create(Map<String, String> options);
  }
}
