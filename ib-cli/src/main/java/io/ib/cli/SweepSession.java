package io.ib.cli;

import io.ib.Sweep;
import io.ib.SweepEngine;
import io.ib.report.Report;
import io.ib.report.ReportFiles;
import io.ib.run.RunFiles;
import io.ib.run.RunManifest;
import io.ib.run.SavedRun;
import io.ib.sweep.CompressionSummary;
import io.ib.sweep.SweepConfig;
import io.ib.sweep.SweepResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Runs a new or resumed sweep from the command line and says what happened: a line about what runs
 * where, progress while it runs, then the summary and compression tables and the report.
 */
final class SweepSession {
  private final CommandSpec spec;
  private final EngineOptions engine;
  private final SweepEngine sparkEngine;

  /**
   * @param sparkEngine the Spark engine, made (and so checked) before anything was written; null
   *     for this process's threads
   */
  SweepSession(CommandSpec spec, EngineOptions engine, SweepEngine sparkEngine) {
    this.spec = spec;
    this.engine = engine;
    this.sparkEngine = sparkEngine;
  }

  /**
   * Runs the sweep, writing to {@code dir}.
   *
   * @param remote the URI the run is uploaded to when complete (a folder, ending in {@code /}), or
   *     null
   * @param removeIfEmpty whether {@code dir} was made here, so that a sweep that fails before it
   *     writes anything leaves no empty directory behind
   */
  int run(Sweep sweep, DataSourceOptions.Loaded data, Path dir, URI remote, boolean removeIfEmpty)
      throws IOException {
    SweepConfig config = sweep.config();
    if (sparkEngine != null) {
      sweep.engine(sparkEngine, data.reference());
    }
    int cores = engine.cores(config.cells().size());
    sweep.parallelism(cores).threadsPerCell(engine.threads);
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    err.println(spec.qualifiedName() + ": widths " + config.widths() + ", seeds "
        + describeSeeds(config.seeds()) + ", " + config.epochs() + " epochs, "
        + (config.quantization().enabled() ? "quantized to " + config.quantization() + ", " : "")
        + (config.noisy() ? "noise " + config.noise() + ", " : "")
        + (config.dropout().enabled() ? config.dropout().id() + " dropout " + config.dropout().rate()
            + ", " : "")
        + config.estimators().size() + " estimators, " + (sparkEngine != null ? "on " + sparkEngine
            : cores + " core(s)")
        + " x " + engine.threads + " thread(s); writing to "
        + (remote != null ? remote + " (merged in " + dir + ")" : dir));
    err.flush();

    List<String> command = commandLine(spec);
    SweepResult result;
    try (ProgressReporter progress = ProgressReporter.forTerminal(err)) {
      result = sweep.on(data.dataset()).commandLine(command).listener(progress).run();
    } catch (IOException | RuntimeException e) {
      if (removeIfEmpty) {
        removeIfEmpty(dir);
      }
      throw e;
    }
    printResults(out, result, dir);
    if (remote == null) {
      out.println("Results: " + dir.resolve(RunFiles.MEASUREMENTS) + " and "
          + dir.resolve(RunFiles.MANIFEST));
      ReportCommand.say(out, Report.write(dir), dir);
    } else {
      // The staging directory is deleted by the upload: the files are named where they end up.
      ReportFiles report = Report.write(dir);
      RemoteRun.upload(dir, remote);
      out.println("Results: " + remote + RunFiles.MEASUREMENTS + " and " + remote
          + RunFiles.MANIFEST);
      ReportCommand.say(out, report, remote);
    }
    return 0;
  }

  /** The command as typed, for the run's provenance: {@code ib} and the command's arguments. */
  static List<String> commandLine(CommandSpec spec) {
    List<String> command = new ArrayList<>(List.of("ib"));
    command.addAll(spec.commandLine().getParseResult().originalArgs());
    return command;
  }

  /** The summary table and the compression of I(X;T). */
  static void printResults(PrintWriter out, SweepResult result, Path dir) throws IOException {
    RunManifest m = SavedRun.readManifest(dir);
    out.print(SummaryTable.format(result, m.recording()));
    out.print(CompressionTable.format(CompressionSummary.of(result.cells(),
        m.evaluation().majorityRate())));
  }

  private static String describeSeeds(List<Long> seeds) {
    return seeds.size() <= 10 ? seeds.toString()
        : seeds.size() + " (" + seeds.get(0) + " ... " + seeds.get(seeds.size() - 1) + ")";
  }

  /**
   * Removes a directory this command created for a sweep that stopped before writing anything into
   * it (its checks failed), so failed starts leave no empty runs behind; anything else is kept.
   */
  private static void removeIfEmpty(Path directory) {
    try (Stream<Path> entries = Files.list(directory)) {
      if (entries.findAny().isEmpty()) {
        Files.delete(directory);
      }
    } catch (IOException ignored) {
      // Kept: an empty directory is harmless, and the sweep's own error is the one to report.
    }
  }
}
