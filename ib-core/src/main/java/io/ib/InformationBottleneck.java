package io.ib;

import io.ib.info.MutualInformationEstimator;
import io.ib.run.RunFiles;
import io.ib.run.RunManifest;
import io.ib.run.RunWriter;
import io.ib.run.SavedRun;
import io.ib.sweep.SweepConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Entry point of the library: capacity sweeps, their resumption, and re-analysis of saved runs.
 * {@link SavedRun#read} reads a run back. To estimate arrays of your own (the activations of any
 * network, with its inputs and labels), without a sweep, use {@link io.ib.info.ArrayEstimates}.
 *
 * <pre>{@code
 * Dataset mnist = MnistLocator.system().load();                  // ib-mnist
 * SweepResult result = InformationBottleneck.sweep(SweepConfig.notebook().withEpochs(3))
 *     .on(mnist)
 *     .writeTo(Path.of("runs/demo"))                             // optional
 *     .listener(new SweepListener() { ... })                     // optional
 *     .run();
 * }</pre>
 */
public final class InformationBottleneck {
  private InformationBottleneck() {}

  /** A sweep of the given configuration, to be pointed at data and run. */
  public static Sweep sweep(SweepConfig config) {
    return new Sweep(config, null);
  }

  /**
   * A sweep that finishes an interrupted run: it reads the configuration from the run's
   * {@code sweep.json}, keeps the cells that finished, and runs the others; point it at the same
   * data ({@link Sweep#on}) and {@link Sweep#run()} it. The files it leaves equal those of an
   * uninterrupted run (same seeds; bitwise on the CPU backend). A run made with estimators passed in
   * code that no provider makes by name needs them again ({@link Sweep#using}).
   *
   * @throws IOException if the directory holds no run, a damaged one, a complete one, one recorded
   *     outside ib, or is in use by another process
   */
  public static Sweep resume(Path directory) throws IOException {
    RunManifest m = SavedRun.readManifest(directory);
    RunWriter.requireTrainedByIb(directory, m);
    if (m.isComplete()) {
      throw new IOException(directory + " holds a complete run: there is nothing to resume");
    }
    RunFiles.checkNotInUse(directory);
    return new Sweep(m.config(), directory);
  }

  /**
   * A re-analysis of a finished run that saved its activations ({@link Sweep#saveSnapshots}): new
   * estimators over the saved activations, without retraining.
   *
   * @param estimators the estimators to add; none of their estimates may be in the run already
   */
  public static Analysis analyze(Path runDirectory, List<MutualInformationEstimator> estimators) {
    return new Analysis(runDirectory, estimators);
  }
}
