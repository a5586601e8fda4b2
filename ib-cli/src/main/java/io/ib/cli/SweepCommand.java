package io.ib.cli;

import io.ib.InformationBottleneck;
import io.ib.Sweep;
import io.ib.SweepEngine;
import io.ib.run.RunFiles;
import io.ib.sweep.SweepConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ib sweep}: a new capacity sweep. Without options it runs the original notebook's setup;
 * {@code --preset} starts from a paper's.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Train a network for each bottleneck width k and seed, measure loss, accuracy and I(X;T),"
            + " I(T;Y) of every hidden layer while it trains, write sweep.json, measurements.csv and"
            + " report.html, and print a summary.",
        "Without options it runs the original notebook's setup (784 -> 256 -> k -> 10 on MNIST);"
            + " --preset starts from a paper's setup instead, and the other options change what they"
            + " name. An interrupted sweep is finished with 'ib resume RUN_DIR'."})
public final class SweepCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  SweepDefinition definition = new SweepDefinition();

  @ArgGroup(validate = false, heading = "Output:")
  OutputOptions output = new OutputOptions();

  @ArgGroup(validate = false, heading = "Engine:")
  EngineOptions engine = new EngineOptions();

  @ArgGroup(validate = false, heading = "Plug-ins:")
  PluginOption plugins = new PluginOption();

  @Override
  public Integer call() throws IOException {
    // Every mistake in what was asked is found before anything is read, written or started.
    engine.check();
    SweepConfig config = definition.config();
    URI remote = output.remote();
    if (remote != null && !engine.spark()) {
      throw new IllegalArgumentException("--out " + remote + " is a URI: only the Spark engine"
          + " writes there (add --engine spark), other runs take a local directory");
    }
    Path out = output.checkedLocal();
    DataArguments arguments = definition.dataArguments();
    // The Spark engine starts Spark here: a master or setting it refuses ends the command now.
    try (SweepEngine sparkEngine = engine.spark() ? engine.engine() : null) {
      if (remote != null) {
        RemoteRun.requireEmpty(remote);
      }

      // The data first: a sweep that cannot start leaves no empty runs/<date-time> behind.
      DataSourceOptions.Loaded data = DataSourceOptions.load(arguments);
      Path dir = remote != null ? RemoteRun.stage(remote) : OutputOptions.orNewRunDirectory(out);
      Sweep sweep = InformationBottleneck.sweep(config).writeTo(dir).overwrite(output.overwrite)
          .saveSnapshots(output.snapshots);
      if (remote != null) {
        sweep.commitTo(remote.resolve(RunFiles.CELLS + "/"));
      }
      return new SweepSession(spec, engine, sparkEngine).run(sweep, data, dir, remote,
          out == null && remote == null);
    }
  }
}
