package io.ib.sweep;

/**
 * Entry point of the library: capacity sweeps.
 *
 * <pre>{@code
 * Dataset mnist = Mnist.load();                                  // ib-mnist
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
    return new Sweep(config);
  }

  /**
   * A sweep that finishes an interrupted run: it reads the configuration from
   * {@code directory/sweep.json}, keeps the cells that finished, and runs the others; point it at the
   * same data ({@link Sweep#on}) and {@link Sweep#run()} it. The results equal those of an
   * uninterrupted run (same seeds; bitwise on the CPU backend).
   *
   * @throws java.io.IOException if the directory holds no readable run
   */
  public static Sweep resume(java.nio.file.Path directory) throws java.io.IOException {
    return Sweep.resuming(directory);
  }
}
