package io.ib.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ib.sweep.Dropout;
import io.ib.sweep.SweepConfig;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** --dropout, --gaussian-dropout and the gaussian-dropout estimator from the command line. */
class DropoutOptionsTest {
  private static SweepConfig config(String... args) {
    SweepCommand command = new SweepCommand();
    new CommandLine(command).parseArgs(args);
    return command.definition.config();
  }

  @Test
  void theOptionsSetTheDropout() {
    assertEquals(Dropout.bernoulli(0.2), config("--dropout", "0.2").dropout());
    assertEquals(Dropout.NONE, config("--dropout", "0").dropout());
    SweepConfig g = config("--gaussian-dropout", "0.25", "--estimator",
        "gaussian-dropout:samples=3", "--estimator", "binning:width=0.5", "--output-layer",
        "none");
    assertEquals(Dropout.gaussian(0.25), g.dropout());
    assertEquals(List.of("gaussian-dropout:samples=3", "binning:width=0.5"),
        g.estimators().stream().map(e -> e.spec().toString()).toList());
  }

  @Test
  void badDropoutGivesOneLine() {
    for (String[] args : new String[][] {{"--dropout", "1"}, {"--dropout", "-0.1"},
        {"--dropout", "half"}, {"--gaussian-dropout", "0"}, {"--gaussian-dropout", "-1"},
        {"--dropout", "0.2", "--gaussian-dropout", "0.2"},
        {"--gaussian-dropout", "0.2", "--quantize", "4"},
        {"--gaussian-dropout", "0.2", "--noise", "0.1"},
        {"--estimator", "gaussian-dropout", "--output-layer", "none"},
        {"--dropout", "0.2", "--estimator", "gaussian-dropout", "--output-layer", "none"},
        {"--gaussian-dropout", "0.2", "--estimator", "gaussian-dropout", "--output-layer",
            "softmax"},
        {"--gaussian-dropout", "0.2", "--estimator", "gaussian-dropout:samples=1",
            "--output-layer", "none"}}) {
      String[] all = new String[args.length + 1];
      all[0] = "sweep";
      System.arraycopy(args, 0, all, 1, args.length);
      CliRunner.Outcome bad = CliRunner.run(all);
      assertEquals(2, bad.status(), String.join(" ", args) + ": " + bad.err());
      assertEquals(1, bad.err().strip().lines().count(), bad.err());
    }
  }
}
