package io.ib.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.run.TestRuns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job-array mode: {@code ib cells start} starts a run, {@code ib cells run DIR I} tasks commit
 * its cells in any order, {@code ib resume} merges them; the result is a local sweep's, byte for
 * byte.
 */
class JobArrayCommandTest {
  /** A tiny sweep's options on a CSV file of Gaussian blobs: seconds, no MNIST needed. */
  static List<String> options(Path csv) {
    return List.of("--data", csv.toString(), "--hidden", "12", "--widths", "2,5",
        "--seeds", "1..2", "--epochs", "2", "--batch-size", "64", "--measure-steps", "3");
  }

  /** 800 rows of 10 features around one centre per class (3 classes), label last, no header. */
  static Path blobs(Path dir) throws IOException {
    SplittableRandom rng = new SplittableRandom(7);
    double[][] centres = new double[3][10];
    for (double[] c : centres) {
      for (int j = 0; j < c.length; j++) {
        c[j] = rng.nextGaussian() * 1.5;
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 800; i++) {
      int y = rng.nextInt(3);
      for (int j = 0; j < 10; j++) {
        sb.append(String.format(Locale.ROOT, "%.5f", centres[y][j] + rng.nextGaussian())).append(',');
      }
      sb.append(y).append('\n');
    }
    Path csv = dir.resolve("blobs.csv");
    Files.writeString(csv, sb);
    return csv;
  }

  @Test
  void tasksInAnyOrderThenAMergeGiveTheLocalSweepsBytes(@TempDir Path dir) throws IOException {
    Path csv = blobs(dir);
    Path local = dir.resolve("local");
    CliRunner.Outcome whole = run(List.of("sweep"), options(csv), "--out", local.toString());
    assertEquals(0, whole.status(), whole.err());

    Path array = dir.resolve("array");
    CliRunner.Outcome listed = run(List.of("cells", "start"), options(csv), "--out",
        array.toString());
    assertEquals(0, listed.status(), listed.err());
    assertEquals("0 2 1 pending\n1 5 1 pending\n2 2 2 pending\n3 5 2 pending\n",
        listed.out().replace(System.lineSeparator(), "\n"));
    for (int i : new int[] {3, 1, 0, 2, 1}) { // any order; task 1 twice (a retry)
      CliRunner.Outcome task = CliRunner.run("cells", "run", array.toString(), String.valueOf(i),
          "--data", csv.toString());
      assertEquals(0, task.status(), task.err());
    }
    CliRunner.Outcome state = CliRunner.run("cells", "list", array.toString());
    assertEquals(0, state.status(), state.err());
    assertEquals(4, state.out().split("committed").length - 1, state.out());

    CliRunner.Outcome bad = CliRunner.run("cells", "run", array.toString(), "4", "--data",
        csv.toString());
    assertEquals(2, bad.status(), bad.err());
    assertTrue(bad.err().contains("the cell index must be between 0 and 3"), bad.err());

    CliRunner.Outcome merged = CliRunner.run("resume", array.toString(), "--data", csv.toString());
    assertEquals(0, merged.status(), merged.err());
    assertArrayEquals(Files.readAllBytes(local.resolve("measurements.csv")),
        Files.readAllBytes(array.resolve("measurements.csv")));
    assertEquals(TestRuns.stableManifest(local), TestRuns.stableManifest(array));
    assertTrue(Files.isRegularFile(array.resolve("report.html")));
    assertFalse(Files.exists(array.resolve("cells")));
    CliRunner.Outcome done = CliRunner.run("cells", "list", array.toString());
    assertEquals(4, done.out().split("merged").length - 1, done.out());
  }

  @Test
  void optionsThatDoNotGoTogetherAreRefusedInOneLine(@TempDir Path dir) throws IOException {
    Path csv = blobs(dir);
    CliRunner.Outcome e = run(List.of("sweep"), options(csv), "--out", dir.resolve("b").toString(),
        "--master", "local[2]");
    assertEquals(2, e.status(), e.err());
    assertTrue(e.err().contains("add --engine spark"), e.err());
    e = run(List.of("sweep"), options(csv), "--out", dir.resolve("c").toString(), "--engine",
        "flink");
    assertEquals(2, e.status(), e.err());
    assertEquals(1, e.err().strip().lines().count(), e.err());
    e = run(List.of("cells", "start"), options(csv), "--out", dir.resolve("d").toString(),
        "--engine", "spark");
    assertEquals(2, e.status(), e.err());
    assertTrue(e.err().contains("Unknown options: '--engine'"), e.err());
    assertFalse(Files.exists(dir.resolve("b")) || Files.exists(dir.resolve("c"))
        || Files.exists(dir.resolve("d")), "nothing was written");
  }

  static CliRunner.Outcome run(List<String> command, List<String> options, String... more) {
    List<String> all = new ArrayList<>(command);
    all.addAll(options);
    all.addAll(List.of(more));
    return CliRunner.run(all.toArray(String[]::new));
  }

}
