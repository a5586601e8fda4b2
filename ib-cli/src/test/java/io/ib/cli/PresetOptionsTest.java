package io.ib.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.nn.Activation;
import io.ib.optim.SgdSettings;
import io.ib.sweep.EvaluationSet;
import io.ib.sweep.OutputLayer;
import io.ib.sweep.SweepConfig;
import io.ib.train.MeasurementSchedule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Options beside a preset replace its values; --estimator adds to its estimators. */
class PresetOptionsTest {
  private static SweepConfig config(String... args) {
    SweepCommand command = new SweepCommand();
    new CommandLine(command).parseArgs(args);
    return command.definition.config();
  }

  @Test
  void optionsReplaceThePresetsValuesAndEstimatorsAddToItsOwn() {
    SweepConfig c = config("--preset", "szt2017", "--activation", "relu", "--seeds", "1..2",
        "--estimator", "binning:width=0.07");
    SweepConfig preset = SweepConfig.shwartzZivTishby2017();
    assertEquals(Activation.RELU, c.activation());
    assertEquals(List.of(1L, 2L), c.seeds());
    assertEquals(preset.epochs(), c.epochs());
    assertEquals(List.of("digitize:edges=30,range=-1:1", "binning:width=0.07"),
        c.estimators().stream().map(e -> e.spec().toString()).toList());
    // Without a preset --estimator replaces the notebook's estimators.
    assertEquals(List.of("binning:width=0.07"), config("--estimator", "binning:width=0.07")
        .estimators().stream().map(e -> e.spec().toString()).toList());
  }

  @Test
  void protocolOptions() {
    SweepConfig c = config("--optimizer", "sgd", "--momentum", "0.9", "--lr", "0.01", "--order",
        "fixed", "--batch-size", "full", "--epoch-points", "every:5", "--measure-at", "start",
        "--measure-on", "all", "--output-layer", "both");
    assertEquals(new SgdSettings(0.01, 0.9), c.optimizer());
    assertEquals(false, c.shuffle());
    assertEquals(SweepConfig.FULL_BATCH, c.batchSize());
    assertEquals(MeasurementSchedule.EpochPoints.every(5), c.schedule().epochs());
    assertEquals(MeasurementSchedule.Anchor.START, c.schedule().anchor());
    assertEquals(EvaluationSet.ALL, c.evaluateOn());
    assertEquals(OutputLayer.BOTH, c.outputLayer());
    assertEquals(OutputLayer.LOGITS, config("--output-layer").outputLayer());
  }

  @Test
  void presetsWithoutTheirDataAndBadValuesGiveOneLine() throws IOException {
    // Without --out a sweep writes to a new runs/<date-time> (tests run in the repository root).
    Set<Path> runsBefore = runDirectories();
    CliRunner.Outcome o = CliRunner.run("sweep", "--preset", "szt2017");
    assertEquals(2, o.status(), o.err());
    assertTrue(o.err().contains("give your copy with --data PATH/var_u.mat"), o.err());
    for (String[] args : new String[][] {{"--preset", "nosuch"}, {"--momentum", "0.9"},
        {"--order", "sideways"}, {"--batch-size", "half"}, {"--epoch-points", "often"},
        {"--measure-on", "everything"}, {"--output-layer", "middle"}, {"--split", "first"}}) {
      CliRunner.Outcome bad = CliRunner.run(concat("sweep", args));
      assertEquals(2, bad.status(), String.join(" ", args) + ": " + bad.err());
      assertEquals(1, bad.err().strip().lines().count(), bad.err());
    }
    assertTrue(CliRunner.run("sweep", "--help").out().contains("saxe2018-relu"));
    assertEquals(runsBefore, runDirectories(), "sweeps that could not start left directories");
  }

  private static Set<Path> runDirectories() throws IOException {
    Path runs = Path.of("runs");
    if (!Files.isDirectory(runs)) {
      return Set.of();
    }
    try (Stream<Path> entries = Files.list(runs)) {
      return entries.collect(Collectors.toSet());
    }
  }

  private static String[] concat(String first, String[] rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }
}
