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
}
