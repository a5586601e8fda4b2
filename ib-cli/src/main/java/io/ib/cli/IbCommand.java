package io.ib.cli;

import io.ib.provenance.Provenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** The top-level {@code ib} command; it only groups the subcommands. */
@Command(name = "ib", mixinStandardHelpOptions = true, versionProvider = IbCommand.Version.class,
    description = "Information-bottleneck capacity sweeps: train networks of several bottleneck"
        + " widths and estimate I(X;T) and I(T;Y) of their layers while they train.",
    subcommands = {SweepCommand.class, ResumeCommand.class, CellsCommand.class,
        AnalyzeCommand.class, ImportCommand.class, ReportCommand.class, EstimateCommand.class,
        EstimatorsCommand.class},
    footer = {"", "Run 'ib sweep' for the default sweep, 'ib COMMAND --help' for a command's options."})
public final class IbCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Versions of ib and ND4J. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = "ib " + Provenance.installedLibraryVersion() + " (ND4J "
          + Provenance.installedNd4jVersion() + ", Java " + System.getProperty("java.version") + ")";
      return new String[] {version};
    }
  }
}
