package io.ib.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real sweep process killed with SIGKILL in the middle of a cell, then resumed: the result must
 * equal an uninterrupted run byte for byte. Needs MNIST (IB_DATA_DIR); about 30 s.
 */
@Tag("slow") // two sweeps on real MNIST and a SIGKILL: about 20 s; mvn -Pslow verify runs it
class KillAndResumeTest {
  // Two cores whatever the machine: widths 5 and 10 start, and once one of them finishes, 20 and 50
  // start together (the last cells share the cores). The kill lands after that, with the first cell
  // finished and two or three in progress.
  private static final List<String> SWEEP = List.of("sweep", "--widths", "5,10,20,50", "--epochs", "2",
      "--measure-steps", "10", "--snapshots", "--parallel", "2");

  @Test
  void killedSweepResumesToTheSameBytes(@TempDir Path dir) throws Exception {
    String data = RealMnist.directoryOrSkip("the kill-and-resume test");

    Path whole = dir.resolve("whole");
    CliRunner.Outcome reference = CliRunner.run(args(data, "--out", whole.toString()));
    assertEquals(0, reference.status(), reference.err());

    Path killed = dir.resolve("killed");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g",
        "-Dorg.bytedeco.javacpp.maxbytes=4g", "-cp", System.getProperty("java.class.path"),
        "io.ib.cli.Main"));
    command.addAll(List.of(args(data, "--out", killed.toString())));
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("killed.log").toFile()).start();
    try {
      Path csv = killed.resolve("measurements.csv");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      // The running process holds the directory's lock: a second process may not resume it. Checked
      // as soon as the first cell has written a row, long before the sweep could reach its report.
      awaitRow(csv, "5,", process, dir, deadline);
      CliRunner.Outcome busy = CliRunner.run("resume", killed.toString(), "--data-dir", data);
      assertEquals(1, busy.status(), busy.err());
      assertTrue(busy.err().contains("is in use by ib sweep (process " + process.pid() + ")"),
          busy.err());
      // Wait until the third cell (width 20) has written a measurement, which it does only after a
      // cell has finished, then kill -9.
      awaitRow(csv, "20,", process, dir, deadline);
    } finally {
      process.destroyForcibly();
      process.waitFor();
    }
    JsonNode interrupted = new ObjectMapper().readTree(killed.resolve("sweep.json").toFile());
    assertEquals("running", interrupted.get("status").asText(), "killed, so never marked done");
    int finished = interrupted.get("cells").size();
    assertTrue(finished >= 1 && finished <= 3, "cells finished before the kill: " + finished);

    // A resume takes the stored configuration: options that would change it do not exist there.
    CliRunner.Outcome mismatch = CliRunner.run("resume", killed.toString(), "--data-dir", data,
        "--widths", "5,10");
    assertEquals(2, mismatch.status(), mismatch.err());
    assertTrue(mismatch.err().contains("Unknown options: '--widths'"), mismatch.err());

    CliRunner.Outcome resumed = CliRunner.run("resume", killed.toString(), "--data-dir", data);
    assertEquals(0, resumed.status(), resumed.err());
    assertArrayEquals(Files.readAllBytes(whole.resolve("measurements.csv")),
        Files.readAllBytes(killed.resolve("measurements.csv")));
    assertEquals(Files.readString(whole.resolve("snapshots/index.csv")),
        Files.readString(killed.resolve("snapshots/index.csv")));
    JsonNode done = new ObjectMapper().readTree(killed.resolve("sweep.json").toFile());
    assertEquals("complete", done.get("status").asText());
    assertEquals(4, done.get("cells").size());

    // Re-analysis of the same run from its snapshots: rows are added, a repeat is refused.
    long before = Files.readAllLines(killed.resolve("measurements.csv")).size();
    CliRunner.Outcome analyzed = CliRunner.run("analyze", killed.toString(), "--estimator",
        "binning:width=1,2");
    assertEquals(0, analyzed.status(), analyzed.err());
    // 4 cells x 4 points (0, 10, 235, 470) x 2 layers x 2 widths
    assertEquals(before + 4 * 4 * 2 * 2, Files.readAllLines(killed.resolve("measurements.csv")).size());
    assertTrue(analyzed.out().contains("binning:width=2"), analyzed.out());
    CliRunner.Outcome again = CliRunner.run("analyze", killed.toString(), "--estimator",
        "binning:width=2");
    assertEquals(2, again.status(), again.err());
    assertTrue(again.err().contains("already has results of binning:width=2"), again.err());
    JsonNode analysed = new ObjectMapper().readTree(killed.resolve("sweep.json").toFile());
    assertEquals(1, analysed.get("analyses").size());
  }

  private static String[] args(String data, String... more) {
    List<String> all = new ArrayList<>(SWEEP);
    all.addAll(List.of("--data-dir", data));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  private static void awaitRow(Path csv, String prefix, Process process, Path dir, long deadline)
      throws IOException, InterruptedException {
    while (!hasRow(csv, prefix)) {
      assertTrue(process.isAlive(), "the sweep ended before it could be killed: "
          + Files.readString(dir.resolve("killed.log")));
      assertTrue(System.nanoTime() < deadline, "timed out waiting for a row starting " + prefix);
      Thread.sleep(20);
    }
  }

  private static boolean hasRow(Path csv, String prefix) throws IOException {
    if (!Files.exists(csv)) {
      return false;
    }
    for (String line : Files.readAllLines(csv)) {
      if (line.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
