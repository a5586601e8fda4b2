package io.ib;

import io.ib.data.Dataset;
import io.ib.data.DatasetReference;
import io.ib.run.CellJob;
import io.ib.run.RunWriter;
import io.ib.sweep.Cell;
import io.ib.sweep.CellResult;
import io.ib.sweep.SweepConfig;
import io.ib.sweep.SweepListener;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The cells of a sweep that its run does not hold yet, run on an engine: each commits where the job
 * says, and the run adopts what they committed. Progress comes from the commit location, polled.
 */
final class EngineRun {
  private final SweepEngine engine;
  private final SweepListener listener;

  EngineRun(SweepEngine engine, SweepListener listener) {
    this.engine = engine;
    this.listener = listener;
  }

  /** Runs the cells the run does not hold on the engine, then adopts what they committed. */
  void run(RunWriter run, SweepConfig config, Dataset data, DatasetReference reference,
      URI commitTo) throws IOException {
    List<Cell> remaining = remaining(run, config);
    if (remaining.isEmpty()) {
      return;
    }
    URI cells = commitTo != null ? commitTo : run.commitLocation();
    CellJob job = CellJob.of(config, data, reference, cells, run.keepsSnapshots());
    // Cells a stopped earlier session committed there count as done (resume skips them).
    if (commitTo != null) {
      run.adoptCommittedCells(job.storage());
      remaining = remaining(run, config);
      if (remaining.isEmpty()) {
        job.storage().removeIfEmpty();
        return;
      }
    }
    try {
      // The watch stops, with its last poll, before the run adopts the cells (or records a failure).
      CommitWatch watch = new CommitWatch(job, remaining);
      try (watch) {
        engine.run(job, remaining);
      }
      run.adoptCommittedCells(job.storage());
      if (commitTo != null) {
        // The run directory's own cells folder goes when the run completes; a separate commit
        // location (e.g. URI/cells on HDFS) goes here, once the merge has emptied it.
        job.storage().removeIfEmpty();
      }
    } catch (IOException | RuntimeException | Error e) {
      try {
        run.failed(Instant.now(), String.valueOf(e.getMessage()));
      } catch (IOException | RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private static List<Cell> remaining(RunWriter run, SweepConfig config) {
    List<Cell> remaining = new ArrayList<>(config.cells());
    run.finishedCells().stream().map(CellResult::cell).forEach(remaining::remove);
    return remaining;
  }

  /**
   * Tells the listener of cells the engine committed, polling the commit location every
   * {@value #POLL_MILLIS} ms from one daemon thread while the engine runs, and once more at the end.
   * Progress only: a failed poll is skipped.
   */
  private final class CommitWatch implements AutoCloseable {
    private static final long POLL_MILLIS = 2000;
    private final CellJob job;
    private final List<Cell> cells;
    private final Set<Cell> seen = new HashSet<>();
    private final ScheduledExecutorService timer;
    private boolean closed;

    CommitWatch(CellJob job, List<Cell> cells) {
      this.job = job;
      this.cells = List.copyOf(cells);
      this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ib-commit-watch");
        t.setDaemon(true);
        return t;
      });
      timer.scheduleWithFixedDelay(this::poll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    private synchronized void poll() {
      try {
        for (Cell c : job.markedCells()) {
          if (cells.contains(c) && seen.add(c)) {
            listener.cellCommitted(c, seen.size(), cells.size());
          }
        }
      } catch (IOException | RuntimeException e) {
        // progress only; the merge reads the same files and reports what is wrong
      }
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      timer.shutdownNow();
      try {
        timer.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      poll();
    }
  }
}
