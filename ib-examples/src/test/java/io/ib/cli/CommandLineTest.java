package io.ib.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The command line's contract with users: help, and one-line errors with exit code 2. */
class CommandLineTest {

  static CliRunner.Outcome run(String... args) {
    return CliRunner.run(args);
  }

  @Test
  void helpDocumentsEveryOptionAndEstimator() {
    CliRunner.Outcome o = run("sweep", "--help");
    assertEquals(0, o.status());
    for (String option : new String[] {"--widths", "--seeds", "--epochs", "--batch-size", "--lr",
        "--activation", "--estimator", "--data-dir", "--out", "--threads", "--measure-steps"}) {
      assertTrue(o.out().contains(option), option);
    }
    assertTrue(o.out().contains("binning[:width=W]"), o.out());
    assertTrue(o.out().contains("per-unit"), o.out());
    assertTrue(o.out().contains("(default: 5,10,20,50,100)"), o.out());
    assertFalse(o.out().contains("${sys:"), "every default variable is resolved");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--widths 5,x | 'x' is not an int",
      "--widths 5,5 | distinct",
      "--widths 0 | at least 1",
      "--seeds 0 | seed count must be at least 1",
      "--seeds a,b | not a number",
      "--epochs 0 | epochs must be at least 1",
      "--batch-size -3 | batch size must be at least 1",
      "--lr -1 | learning rate must be a positive number",
      "--lr NaN | learning rate must be a positive number",
      "--lr x | 'x' is not a double",
      "--activation sigmoid | unknown activation 'sigmoid'",
      "--init zeros | unknown weight init",
      "--estimator binning:wdth=1 | has no parameter 'wdth'",
      "--estimator nosuch | known estimators are",
      "--estimator binning:width=-2 | positive",
      "--measure-steps 0 | at least 1",
      "--threads 0 | --threads must be at least 1",
      "--parallel 0 | --parallel must be at least 1",
      "--bogus | Unknown option"})
  void badValuesGiveOneLineAndExitCode2(String args, String fragment) {
    CliRunner.Outcome o = run(("sweep " + args).split(" "));
    assertEquals(2, o.status(), o.err());
    assertEquals(1, o.err().strip().lines().count(), "one line: " + o.err());
    assertTrue(o.err().contains(fragment), o.err());
    assertTrue(o.err().startsWith("ib sweep: "), o.err());
  }

  @Test
  void missingDataIsAFailureWithExitCode1(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    CliRunner.Outcome o = run("sweep", "--data-dir", dir.toString(), "--out", dir.resolve("out").toString());
    assertEquals(1, o.status(), o.err());
    assertTrue(o.err().contains("MNIST files missing"), o.err());
    assertEquals(1, o.err().strip().lines().filter(l -> l.startsWith("ib sweep: MNIST")).count());
  }
}
