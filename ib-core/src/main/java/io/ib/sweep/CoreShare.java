package io.ib.sweep;

import java.util.concurrent.Semaphore;

/**
 * Shares a fixed number of cores among the cells of a sweep that are in progress.
 *
 * <p>A cell computes only while it holds a core. When more cells are in progress than there are
 * cores, a cell hands its core to the longest-waiting one every {@link #TURN_STEPS} steps, so the
 * cells advance at the same pace. That is what lets the last cells of a sweep finish together
 * instead of leaving a core idle while one cell runs alone (5 cells on 2 cores took 1.2x an even
 * split of the work with whole cells per core). Turns change only the timing, never the arithmetic
 * of a cell.
 *
 * <p>{@link #cellsToStart} decides how many cells are in progress: one per core, except that the
 * last cells all start at once.
 */
final class CoreShare {
  /**
   * Steps a cell keeps its core when others wait: about 0.3 s. A cell that gets a core back runs its
   * next steps slower (its arrays left that core's caches), so turns cost more than the hand-over:
   * the default sweep on 2 cores took 15-20 % longer with turns of 8 steps and about 5 % longer
   * with 32 than with 128 (paired runs), and 512 was no faster.
   */
  static final int TURN_STEPS = 128;

  private final int cores;
  private final Semaphore permits;

  CoreShare(int cores) {
    if (cores < 1) {
      throw new IllegalArgumentException("cores must be at least 1, got " + cores);
    }
    this.cores = cores;
    this.permits = new Semaphore(cores, true); // fair: waiting cells get the core in turn
  }

  /** Waits for a core. */
  void acquire() {
    permits.acquireUninterruptibly();
  }

  /** Gives the core back. */
  void release() {
    permits.release();
  }

  /** Called by a cell that holds a core after each step: passes the core on if it is its turn. */
  void endOfStep(int step) {
    if (step % TURN_STEPS == 0 && permits.hasQueuedThreads()) {
      permits.release();
      permits.acquireUninterruptibly();
    }
  }

  /**
   * How many cells to start now.
   *
   * <p>With one cell per core, equal cells finish together; but when fewer unstarted cells remain
   * than would fill the cores twice, starting them one per freed core leaves a tail in which some
   * cores idle. So: fill the cores at the start, then one cell per freed core, and once at most
   * {@code 2 x cores - 1} cells remain unstarted, all of them (they share the cores and finish
   * together). At most {@code 3 x cores - 2} cells are then in progress, and an interruption loses no
   * more than those.
   *
   * @param unstarted cells not started yet
   * @param inProgress cells started and not finished
   */
  int cellsToStart(int unstarted, int inProgress) {
    if (unstarted <= 2 * cores - 1) {
      return unstarted;
    }
    return Math.max(0, cores - inProgress);
  }
}
