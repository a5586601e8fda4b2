package io.ib.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
      "--seeds 4..2 | is empty",
      "--seeds 1,,2 | empty item",
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
      "--bogus | Unknown option",
      "--widths 2147483647 | use narrower layers",
      "--hidden 2147483000 | use narrower layers",
      "--seeds 1..200000000 | at most 100000",
      "--epochs 2147483647 | more than 100000 measurement points",
      "--measure-steps=, | '' in ',' is not a step",
      "--measure-steps 10,,30 | is not a step",
      "--estimator binning:width=1,2 --estimator binning:width=2 | binning:width=2 is listed by both",
      "--estimator kernel:s2=0.1 --estimator kernel:bound=upper,s2=0.1 | kernel:bound=upper,s2=0.1 is listed by both",
      "--out= | --out is empty",
      "--quantize 17 | 1 to 16 bits",
      "--quantize 4 --activation linear | --quantize-range",
      "--quantize-range 0:1 | needs --quantize BITS",
      "--quantize 4 --quantize-range 1:0 | lower < upper",
      "--estimator quantized | --quantize BITS",
      "--quantize 4 --estimator quantized --output-layer logits | --output-layer softmax",
      "--estimator binning:labels=sorted | must be shuffled",
      "--estimator binning:bins=5,range=pt | global or point"})
  void badValuesGiveOneLineAndExitCode2(String args, String fragment) {
    CliRunner.Outcome o = run(("sweep " + args).split(" "));
    assertEquals(2, o.status(), o.err());
    assertEquals(1, o.err().strip().lines().count(), "one line: " + o.err());
    assertTrue(o.err().contains(fragment), o.err());
    assertTrue(o.err().startsWith("ib sweep: "), o.err());
  }

  /**
   * A sweep stopped after its last cell, while writing its report: --resume writes the report (the
   * same compression.csv as before), and says there is nothing to resume once the report is there.
   */
  @Test
  void resumingACompleteRunWithoutItsReportWritesTheReport(@TempDir Path dir) throws Exception {
    StringBuilder csv = new StringBuilder("a,b,label\n");
    for (int i = 0; i < 40; i++) {
      csv.append(i % 7).append(',').append(i % 5).append(',').append(i % 2).append('\n');
    }
    Path data = Files.writeString(dir.resolve("tiny.csv"), csv);
    Path run = dir.resolve("run");
    CliRunner.Outcome first = run("sweep", "--data", data.toString(), "--header-lines", "1", "--hidden", "4",
        "--widths", "2", "--epochs", "2", "--batch-size", "8", "--out", run.toString());
    assertEquals(0, first.status(), first.err());
    byte[] compression = Files.readAllBytes(run.resolve("compression.csv"));
    Files.delete(run.resolve("report.html"));
    Files.delete(run.resolve("compression.csv"));

    CliRunner.Outcome resumed = run("resume", run.toString());
    assertEquals(0, resumed.status(), resumed.err());
    assertTrue(resumed.err().contains("report was not written"), resumed.err());
    assertTrue(Files.isRegularFile(run.resolve("report.html")));
    assertArrayEquals(compression, Files.readAllBytes(run.resolve("compression.csv")));

    CliRunner.Outcome again = run("resume", run.toString());
    assertEquals(1, again.status(), again.err());
    assertTrue(again.err().contains("there is nothing to resume"), again.err());
  }

  /**
   * A quantized sweep from the command line, re-analysed from its snapshots: exact counts in the
   * sweep, their shuffled-label floors added by ib analyze, both in the report.
   */
  @Test
  void quantizedSweepCountsExactlyAndAnalyzesItsSnapshots(@TempDir Path dir) throws Exception {
    StringBuilder csv = new StringBuilder("a,b,c,label\n");
    for (int i = 0; i < 120; i++) {
      csv.append(i % 7).append(',').append(i % 5).append(',').append(i % 3).append(',')
          .append(i % 2).append('\n');
    }
    Path data = Files.writeString(dir.resolve("tiny.csv"), csv);
    Path run = dir.resolve("run");
    CliRunner.Outcome sweep = run("sweep", "--data", data.toString(), "--header-lines", "1",
        "--hidden", "6", "--widths", "2,4", "--epochs", "3", "--batch-size", "16", "--activation",
        "tanh", "--quantize", "3", "--estimator", "quantized", "--output-layer", "softmax",
        "--snapshots", "--out", run.toString());
    assertEquals(0, sweep.status(), sweep.err());
    assertTrue(sweep.err().contains("quantized to 3 bits over [-1, 1]"), sweep.err());
    CliRunner.Outcome analyzed = run("analyze", run.toString(), "--estimator",
        "quantized:labels=shuffled");
    assertEquals(0, analyzed.status(), analyzed.err());
    List<String> rows = Files.readAllLines(run.resolve("measurements.csv"));
    long exact = rows.stream().filter(r -> r.contains(",quantized,")).count();
    long floors = rows.stream().filter(r -> r.contains(",quantized:labels=shuffled,")).count();
    assertTrue(exact > 0 && exact == floors, exact + " exact rows, " + floors + " floors");
    String report = Files.readString(run.resolve("report.html"));
    assertTrue(report.contains("quantized:labels=shuffled"), "the floor is in the report");
    assertTrue(report.contains("quantization.bits"), "the quantization is in the configuration");
  }

  /**
   * A saved activation changed after the sweep (one bit of one value): ib analyze refuses it in one
   * line naming the file, as it refuses every damaged file of a run (exit code 1), and adds nothing.
   */
  @Test
  void analyzingADamagedSnapshotSaysWhichFileInOneLine(@TempDir Path dir) throws Exception {
    StringBuilder csv = new StringBuilder("a,b,label\n");
    for (int i = 0; i < 40; i++) {
      csv.append(i % 7).append(',').append(i % 5).append(',').append(i % 2).append('\n');
    }
    Path data = Files.writeString(dir.resolve("tiny.csv"), csv);
    Path run = dir.resolve("run");
    CliRunner.Outcome sweep = run("sweep", "--data", data.toString(), "--header-lines", "1",
        "--hidden", "4", "--widths", "2", "--epochs", "2", "--batch-size", "8", "--snapshots",
        "--out", run.toString());
    assertEquals(0, sweep.status(), sweep.err());
    Path array = run.resolve("snapshots/w2-s1/step0000000-hidden2.npy");
    byte[] bytes = Files.readAllBytes(array);
    bytes[bytes.length - 8] ^= 1;
    Files.write(array, bytes);
    byte[] rows = Files.readAllBytes(run.resolve("measurements.csv"));

    CliRunner.Outcome analyzed = run("analyze", run.toString(), "--estimator", "binning:width=2");
    assertEquals(1, analyzed.status(), analyzed.err());
    List<String> errors = analyzed.err().lines().filter(l -> l.contains("damaged")).toList();
    assertEquals(List.of("ib analyze: " + array + " is damaged: its SHA-256 checksum does not match"
        + " the one the run recorded in snapshots/index.csv: the file was changed after ib wrote"
        + " it"), errors, analyzed.err());
    assertFalse(analyzed.err().contains("\tat "), "no stack trace: " + analyzed.err());
    assertArrayEquals(rows, Files.readAllBytes(run.resolve("measurements.csv")));
  }

  @Test
  void sweepsStartedInTheSameSecondGetTheirOwnDirectories(@TempDir Path dir) throws Exception {
    Path a = io.ib.run.RunFiles.newRunDirectory(dir);
    Path b = io.ib.run.RunFiles.newRunDirectory(dir);
    assertNotEquals(a, b);
    assertTrue(Files.isDirectory(a) && Files.isDirectory(b));
    assertTrue(b.getFileName().toString().startsWith(a.getFileName().toString().substring(0, 8)));
  }

  /** A user's estimator in a jar of its own, not on the class path, is found through --plugin. */
  @Test
  void pluginJarsMakeTheirEstimatorsKnown(@TempDir Path dir) throws Exception {
    Path jar = PluginJar.build(dir);
    CliRunner.Outcome without = run("sweep", "--estimator", "test-plugin", "--data-dir",
        dir.toString(), "--out", dir.resolve("a").toString());
    assertEquals(2, without.status(), without.err());
    assertTrue(without.err().contains("unknown estimator 'test-plugin'"), without.err());
    CliRunner.Outcome with = run("sweep", "--plugin", jar.toString(), "--estimator", "test-plugin",
        "--data-dir", dir.toString(), "--out", dir.resolve("b").toString());
    // Known now: the sweep goes on to look for the data, which is not in this empty directory.
    assertEquals(1, with.status(), with.err());
    assertTrue(with.err().contains("MNIST files missing"), with.err());
    CliRunner.Outcome missing = run("sweep", "--plugin", dir.resolve("nope.jar").toString());
    assertEquals(2, missing.status(), missing.err());
    assertTrue(missing.err().contains("nope.jar: no readable file there"), missing.err());
  }

  @Test
  void missingDataIsAFailureWithExitCode1(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    CliRunner.Outcome o = run("sweep", "--data-dir", dir.toString(), "--out", dir.resolve("out").toString());
    assertEquals(1, o.status(), o.err());
    assertTrue(o.err().contains("MNIST files missing"), o.err());
    assertEquals(1, o.err().strip().lines().filter(l -> l.startsWith("ib sweep: MNIST")).count());
  }

  /** An existing run without --overwrite is a mistake in what was asked: found before the data. */
  @Test
  void anExistingRunWithoutOverwriteIsRefusedBeforeTheDataIsLookedFor(@TempDir Path dir)
      throws Exception {
    Path run = Files.createDirectories(dir.resolve("run"));
    Files.writeString(run.resolve("sweep.json"), "{}");
    // An empty --data-dir: had the data been looked for first, this would say MNIST is missing.
    CliRunner.Outcome o = run("sweep", "--data-dir", dir.toString(), "--out", run.toString());
    assertEquals(2, o.status(), o.err());
    assertTrue(o.err().contains("already holds an ib run"), o.err());
    assertTrue(o.err().contains("ib resume " + run), o.err());
  }

  @Test
  void oneSeedIsTheSeedItNamesAndARangeIsEverySeedInIt() {
    assertEquals(java.util.List.of(7L), Converters.Seeds.parse("7"));
    assertEquals(java.util.List.of(1L, 2L, 3L, 4L), Converters.Seeds.parse("1..4"));
    assertEquals(java.util.List.of(1L, 2L, 9L), Converters.Seeds.parse("1..2,9"));
  }

  @Test
  void runsAtAUriAreNamedAsSuchNotMangled() {
    for (String command : new String[] {"resume", "report", "analyze"}) {
      CliRunner.Outcome o = command.equals("analyze")
          ? run(command, "hdfs://namenode:8020/ib/run", "--estimator", "binning")
          : run(command, "hdfs://namenode:8020/ib/run");
      assertEquals(2, o.status(), command + ": " + o.err());
      assertTrue(o.err().contains("hdfs://namenode:8020/ib/run is a URI"), o.err());
      assertTrue(o.err().contains("hadoop fs -get"), o.err());
    }
  }

  /**
   * A merge killed in its last journaled step (sweep.json still running, its complete next version
   * committed) and before its report: resume finishes the step and writes the report.
   */
  @Test
  void resumingARunStoppedInItsLastCommitWritesTheReport(@TempDir Path dir) throws Exception {
    StringBuilder csv = new StringBuilder("a,b,label\n");
    for (int i = 0; i < 40; i++) {
      csv.append(i % 7).append(',').append(i % 5).append(',').append(i % 2).append('\n');
    }
    Path data = Files.writeString(dir.resolve("tiny.csv"), csv);
    Path run = dir.resolve("run");
    CliRunner.Outcome first = run("sweep", "--data", data.toString(), "--header-lines", "1",
        "--hidden", "4", "--widths", "2", "--epochs", "2", "--batch-size", "8", "--out",
        run.toString());
    assertEquals(0, first.status(), first.err());
    Path manifest = run.resolve("sweep.json");
    String complete = Files.readString(manifest);
    Files.writeString(run.resolve("sweep.json.next"), complete);
    Files.writeString(manifest, complete.replace("\"status\" : \"complete\"",
        "\"status\" : \"running\""));
    Files.writeString(run.resolve("commit.json"), "{\"files\": [\"sweep.json\"]}");
    Files.delete(run.resolve("report.html"));

    CliRunner.Outcome resumed = run("resume", run.toString());
    assertEquals(0, resumed.status(), resumed.err());
    assertTrue(resumed.err().contains("report was not written"), resumed.err());
    assertEquals(complete, Files.readString(manifest));
    assertTrue(Files.isRegularFile(run.resolve("report.html")));
    assertFalse(Files.exists(run.resolve("commit.json")));
  }
}
