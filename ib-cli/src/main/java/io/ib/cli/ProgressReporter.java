package io.ib.cli;

import io.ib.sweep.Cell;
import io.ib.sweep.CellResult;
import io.ib.sweep.LayerEstimate;
import io.ib.sweep.Measurement;
import io.ib.sweep.SweepListener;
import io.ib.sweep.SweepPlan;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows a sweep's progress: a progress bar over all optimiser steps on a terminal, plain lines (one
 * per measurement) when output goes to a file or pipe.
 */
abstract class ProgressReporter implements SweepListener, AutoCloseable {
  SweepPlan plan;
  long started = System.nanoTime();
  // Cells may run in parallel: steps done per running cell, and how many cells finished.
  private final java.util.Map<Cell, Integer> running = new java.util.HashMap<>();
  int finishedCells;

  /** A bar on an interactive terminal, otherwise lines. */
  static ProgressReporter forTerminal(PrintWriter err) {
    return System.console() != null ? new Bar() : new Lines(err);
  }

  @Override
  public void sweepStarted(SweepPlan value) {
    plan = value;
    started = System.nanoTime();
  }

  @Override
  public void cellStarted(Cell cell, int index) {
    running.put(cell, 0);
  }

  @Override
  public void stepCompleted(Cell cell, int step, double loss) {
    running.put(cell, step);
  }

  @Override
  public void cellFinished(CellResult r) {
    running.remove(r.cell());
    finishedCells++;
  }

  @Override
  public void close() {}

  /** Optimiser steps of the whole sweep done so far. */
  long done() {
    long steps = (long) finishedCells * plan.stepsPerCell();
    for (int s : running.values()) {
      steps += s;
    }
    return steps;
  }

  static String brief(Measurement m) {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
        "width %d, seed %d, epoch %.2f: test acc %.4f", m.cell().width(), m.cell().seed(), m.epoch(),
        m.testAccuracy()));
    for (LayerEstimate e : m.estimates()) {
      if (e.layerWidth() == m.cell().width()) {
        sb.append(String.format(Locale.ROOT, " | %s I(X;T)=%.2f I(T;Y)=%.2f",
            e.estimate().estimator(), e.estimate().ixtBits(), e.estimate().ityBits()));
        break;
      }
    }
    return sb.toString();
  }

  private static final class Bar extends ProgressReporter {
    private ProgressBar bar;

    @Override
    public void sweepStarted(SweepPlan value) {
      super.sweepStarted(value);
      if (value.cells().isEmpty()) {
        return; // every cell ran on an engine (their bar is done) or in an earlier session
      }
      close();
      bar = new ProgressBarBuilder().setTaskName("sweep").setInitialMax(value.totalSteps())
          .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).setUnit(" steps", 1)
          .build();
    }

    @Override
    public void cellCommitted(Cell cell, int committed, int total) {
      if (bar == null) {
        bar = new ProgressBarBuilder().setTaskName("cells").setInitialMax(total)
            .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).setUnit(" cells", 1)
            .build();
      }
      bar.stepTo(committed);
      bar.setExtraMessage(String.format(Locale.ROOT, "k=%d seed %d committed", cell.width(),
          cell.seed()));
    }

    @Override
    public void stepCompleted(Cell cell, int step, double loss) {
      super.stepCompleted(cell, step, loss);
      bar.stepTo(done());
    }

    @Override
    public void measured(Measurement m) {
      // Short: the bar shrinks to make room for the message on narrow terminals.
      bar.setExtraMessage(String.format(Locale.ROOT, "k=%d seed %d: acc %.3f", m.cell().width(),
          m.cell().seed(), m.testAccuracy()));
    }

    @Override
    public void close() {
      if (bar != null) {
        bar.close();
        bar = null;
      }
    }
  }

  private static final class Lines extends ProgressReporter {
    private final PrintWriter out;

    Lines(PrintWriter out) {
      this.out = out;
    }

    @Override
    public void sweepStarted(SweepPlan value) {
      super.sweepStarted(value);
      if (value.cells().isEmpty()) {
        return; // every cell ran on an engine (reported as committed) or in an earlier session
      }
      out.printf(Locale.ROOT, "%d cells x %d steps, measured at %d points each on %d samples%n",
          value.cells().size(), value.stepsPerCell(), value.measuredSteps().size(),
          value.evaluationSize());
      out.flush();
    }

    @Override
    public void measured(Measurement m) {
      long total = plan.totalSteps();
      long done = done();
      double elapsed = (System.nanoTime() - started) / 1e9;
      String eta = done == 0 ? "?" : format(Duration.ofSeconds((long) (elapsed * (total - done) / done)));
      out.printf(Locale.ROOT, "[%3.0f%%, %d/%d cells done, %s elapsed, eta %s] %s%n",
          100.0 * done / total, finishedCells, plan.cells().size(),
          format(Duration.ofSeconds((long) elapsed)), eta, brief(m));
      out.flush();
    }

    @Override
    public void cellCommitted(Cell cell, int committed, int total) {
      double elapsed = (System.nanoTime() - started) / 1e9;
      String eta = format(Duration.ofSeconds((long) (elapsed * (total - committed) / committed)));
      out.printf(Locale.ROOT, "[%3.0f%%, %d/%d cells committed, %s elapsed, eta %s] cell %s%n",
          100.0 * committed / total, committed, total, format(Duration.ofSeconds((long) elapsed)),
          eta, cell);
      out.flush();
    }

    @Override
    public void cellFinished(CellResult r) {
      super.cellFinished(r);
      out.printf(Locale.ROOT, "cell %s done: training %.1f s, evaluation %.1f s, estimation %.1f s%n",
          r.cell(), r.trainingSeconds(), r.evaluationSeconds(), r.estimationSeconds());
      out.flush();
    }

    private static String format(Duration d) {
      return d.toMinutes() > 0 ? d.toMinutes() + "m" + String.format("%02d", d.toSecondsPart()) + "s"
          : d.toSeconds() + "s";
    }
  }
}
