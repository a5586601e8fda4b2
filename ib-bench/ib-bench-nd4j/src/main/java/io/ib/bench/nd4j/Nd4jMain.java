package io.ib.bench.nd4j;

import io.ib.bench.common.ContenderLoop;
import java.util.Map;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Entry point of the ND4J-side child processes: {@code prepare} (write the workload file), {@code
 * sweep} (ib's default sweep through the library), {@code gemm} (ND4J GEMM throughput), {@code
 * profile} (time per ND4J call of ib's training step), {@code estimators} (estimator throughput),
 * and {@code twelve-prepare} / {@code twelve-ib}, the 12-bit experiment (see {@link TwelveBit}).
 * Each prints one result line; the harness ({@link io.ib.bench.Bench}) starts them.
 */
public final class Nd4jMain {
  private Nd4jMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      throw new IllegalArgumentException("usage: Nd4jMain prepare|sweep|gemm|profile|estimators ...");
    }
    Map<String, String> o = ContenderLoop.options(args, 1);
    if (!args[0].equals("prepare")) {
      // As ib's Sweep does while it runs.
      Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.DISABLED);
    }
    switch (args[0]) {
      case "prepare" -> PrepareWorkload.run(o);
      case "sweep" -> IbSweep.run(o);
      case "gemm" -> GemmBench.run(o);
      case "profile" -> StepProfile.run(o);
      case "estimators" -> EstimatorBench.run(o);
      case "twelve-prepare" -> TwelveBit.prepare(o);
      case "twelve-ib" -> TwelveBit.runIb(o);
      default -> throw new IllegalArgumentException("unknown command " + args[0]);
    }
    System.exit(0);
  }
}
