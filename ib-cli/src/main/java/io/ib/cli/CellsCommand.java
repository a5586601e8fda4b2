package io.ib.cli;

import io.ib.InformationBottleneck;
import io.ib.run.CellJob;
import io.ib.run.SavedRun;
import io.ib.sweep.Cell;
import io.ib.sweep.CellResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ib cells start|list|run}: the cells of a sweep as the tasks of a job array (SLURM,
 * Kubernetes), through the same commit protocol as the Spark engine.
 */
@Command(name = "cells", mixinStandardHelpOptions = true,
    description = {"A sweep's cells as the tasks of a job array (SLURM, Kubernetes):",
        "  ib cells start --out DIR [sweep options]   start the run, print its cells",
        "  ib cells run DIR I                         run cell I and commit it (any number at once)",
        "  ib resume DIR                              merge the committed cells, run any missing,"
            + " write the report",
        "  ib cells list DIR                          where each cell stands"},
    subcommands = {CellsCommand.Start.class, CellsCommand.List.class, CellsCommand.Run.class})
public final class CellsCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** One line per cell: {@code INDEX WIDTH SEED STATE}. */
  static void print(PrintWriter out, java.util.List<SavedRun.CellStatus> cells) {
    for (SavedRun.CellStatus c : cells) {
      out.println(c.index() + " " + c.cell().width() + " " + c.cell().seed() + " "
          + c.state().name().toLowerCase(java.util.Locale.ROOT));
    }
    out.flush();
  }

  /** {@code ib cells start}: writes the run's manifest and runs no cell. */
  @Command(name = "start", mixinStandardHelpOptions = true, sortOptions = false,
      description = "Start a sweep in --out DIR without running any cell, and print its cells, one"
          + " per line: INDEX WIDTH SEED STATE. Then run 'ib cells run DIR I' for every I (as a job"
          + " array), and 'ib resume DIR' to merge them.")
  static final class Start implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SweepDefinition definition = new SweepDefinition();

    @ArgGroup(validate = false, heading = "Output:")
    OutputOptions output = new OutputOptions();

    @ArgGroup(validate = false, heading = "Plug-ins:")
    PluginOption plugins = new PluginOption();

    @Override
    public Integer call() throws IOException {
      var config = definition.config();
      if (output.remote() != null) {
        throw new IllegalArgumentException("--out " + output.out + " is a URI: a job array runs in"
            + " a directory every task can reach; give a local or shared directory");
      }
      Path out = output.checkedLocal();
      DataSourceOptions.Loaded data = DataSourceOptions.load(definition.dataArguments());
      Path dir = OutputOptions.orNewRunDirectory(out);
      CellJob job = InformationBottleneck.sweep(config).writeTo(dir).overwrite(output.overwrite)
          .saveSnapshots(output.snapshots).on(data.dataset())
          .commandLine(SweepSession.commandLine(spec))
          .prepare(data.reference());
      print(spec.commandLine().getOut(), SavedRun.cellStates(dir));
      spec.commandLine().getErr().println(spec.qualifiedName() + ": started " + dir + " with "
          + job.cells().size() + " cells: run 'ib cells run " + dir + " I' for I in 0.."
          + (job.cells().size() - 1) + " (a job array), then 'ib resume " + dir + "' to merge them");
      return 0;
    }
  }

  /** {@code ib cells list DIR}. */
  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Print the cells of a run, one per line: INDEX WIDTH SEED STATE, where STATE is"
          + " merged (part of the run), committed (finished as a task, waiting for 'ib resume') or"
          + " pending. Needs no data and no estimator's class.")
  static final class List implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run directory.")
    String runDir;

    @Override
    public Integer call() throws IOException {
      print(spec.commandLine().getOut(), SavedRun.cellStates(RunDirs.local(runDir, "listed")));
      return 0;
    }
  }

  /** {@code ib cells run DIR I}. */
  @Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
      description = "Run cell I of a started run (0-based, see 'ib cells list') and commit it to"
          + " RUN_DIR/cells. It takes no lock, so any number of such tasks may run at once; a cell"
          + " already committed or merged is skipped. Give the same data options as the sweep.")
  static final class Run implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A started run directory.")
    String runDir;

    @Parameters(index = "1", paramLabel = "I", description = "The cell's index.")
    int index;

    @ArgGroup(validate = false, heading = "Data:")
    DataSourceOptions data = new DataSourceOptions();

    @ArgGroup(validate = false, heading = "Plug-ins:")
    PluginOption plugins = new PluginOption();

    @Override
    public Integer call() throws IOException {
      Path dir = RunDirs.local(runDir, "run");
      java.util.List<SavedRun.CellStatus> cells = SavedRun.cellStates(dir);
      if (index < 0 || index >= cells.size()) {
        throw new IllegalArgumentException("the cell index must be between 0 and "
            + (cells.size() - 1) + " (the run has " + cells.size() + " cells), got " + index);
      }
      SavedRun.CellStatus cell = cells.get(index);
      PrintWriter err = spec.commandLine().getErr();
      if (cell.state() != SavedRun.CellState.PENDING) {
        err.println(spec.qualifiedName() + ": cell " + index + " (" + cell.cell() + ") is already "
            + cell.state().name().toLowerCase(java.util.Locale.ROOT) + ": nothing to do");
        return 0;
      }
      DataArguments arguments = data.arguments(null);
      DataSourceOptions.Loaded loaded = DataSourceOptions.load(arguments);
      CellJob job = CellJob.forRun(dir, loaded.dataset(), loaded.reference());
      err.println(spec.qualifiedName() + ": running cell " + index + " (" + cell.cell() + ") of "
          + dir);
      err.flush();
      Cell c = cell.cell();
      CellResult result = job.run(c);
      spec.commandLine().getOut().println("cell " + index + " (" + c + ") committed to "
          + job.commitTo() + ": final test accuracy " + result.last().testAccuracy());
      return 0;
    }
  }
}
