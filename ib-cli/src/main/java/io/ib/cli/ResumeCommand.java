package io.ib.cli;

import io.ib.InformationBottleneck;
import io.ib.Sweep;
import io.ib.SweepEngine;
import io.ib.report.Report;
import io.ib.run.RunFiles;
import io.ib.run.RunManifest;
import io.ib.run.RunWriter;
import io.ib.run.SavedRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ib resume RUN_DIR}: finishes an interrupted sweep with its stored configuration, or merges
 * the cells a job array committed, and writes its report.
 */
@Command(name = "resume", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Finish an interrupted sweep with the configuration and seeds it started with: cells that"
            + " finished are kept, cells that tasks committed (a job array, Spark) are merged, the"
            + " others run here; the directory then holds the files of an uninterrupted run.",
        "A complete run whose report was not written (it stopped while writing it) gets its report."
            + " Give the same data options as the sweep (they are checked against its checksums)."})
public final class ResumeCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RUN_DIR", description = "The run directory to finish.")
  String runDir;

  @ArgGroup(validate = false, heading = "Data:")
  DataSourceOptions data = new DataSourceOptions();

  @ArgGroup(validate = false, heading = "Engine:")
  EngineOptions engine = new EngineOptions();

  @ArgGroup(validate = false, heading = "Plug-ins:")
  PluginOption plugins = new PluginOption();

  @Override
  public Integer call() throws IOException {
    Path dir = RunDirs.local(runDir, "resumed");
    engine.check();
    RunManifest m = SavedRun.readManifest(dir);
    RunWriter.requireTrainedByIb(dir, m); // before the data is looked for
    if (m.isComplete()) {
      Path report = dir.resolve(RunFiles.REPORT);
      if (Files.exists(report)) {
        throw new IOException(dir + " holds a complete run: there is nothing to resume (its report"
            + " is " + report + ")");
      }
      spec.commandLine().getErr().println(spec.qualifiedName() + ": " + dir + " holds a complete"
          + " run whose report was not written (it stopped while writing it): writing it now");
      ReportCommand.say(spec.commandLine().getOut(), Report.write(dir), dir);
      return 0;
    }
    DataArguments arguments = data.arguments(null);
    try (SweepEngine sparkEngine = engine.spark() ? engine.engine() : null) {
      // A run in use is refused before the data is loaded (or downloaded).
      Sweep sweep = InformationBottleneck.resume(dir);
      DataSourceOptions.Loaded loaded = DataSourceOptions.load(arguments);
      return new SweepSession(spec, engine, sparkEngine).run(sweep, loaded, dir, null, false);
    }
  }
}
