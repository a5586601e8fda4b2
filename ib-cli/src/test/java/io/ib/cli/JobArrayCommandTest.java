package io.ib.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.run.RunFiles;
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
 * The job-array mode: {@code --list-cells} starts a run, {@code --cell-index I} tasks commit its
 * cells in any order, {@code --resume} merges them; the result is a local sweep's, byte for byte.
 */
class JobArrayCommandTest {
  /** A tiny sweep on a CSV file of Gaussian blobs: seconds, no MNIST needed. */
  static List<String> sweep(Path csv) {
    return List.of("sweep", "--data", csv.toString(), "--hidden", "12", "--widths", "2,5",
        "--seeds", "2", "--epochs", "2", "--batch-size", "64", "--measure-steps", "3");
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
    CliRunner.Outcome whole = run(sweep(csv), "--out", local.toString());
    assertEquals(0, whole.status(), whole.err());

    Path array = dir.resolve("array");
    CliRunner.Outcome listed = run(sweep(csv), "--out", array.toString(), "--list-cells");
    assertEquals(0, listed.status(), listed.err());
    assertEquals("0 2 1 pending\n1 5 1 pending\n2 2 2 pending\n3 5 2 pending\n",
        listed.out().replace(System.lineSeparator(), "\n"));
    for (int i : new int[] {3, 1, 0, 2, 1}) { // any order; task 1 twice (a retry)
      CliRunner.Outcome task = CliRunner.run("sweep", "--resume", array.toString(), "--data",
          csv.toString(), "--cell-index", String.valueOf(i));
      assertEquals(0, task.status(), task.err());
    }
    CliRunner.Outcome state = CliRunner.run("sweep", "--resume", array.toString(), "--list-cells");
    assertEquals(0, state.status(), state.err());
    assertEquals(4, state.out().split("committed").length - 1, state.out());

    CliRunner.Outcome bad = CliRunner.run("sweep", "--resume", array.toString(), "--data",
        csv.toString(), "--cell-index", "4");
    assertEquals(2, bad.status(), bad.err());
    assertTrue(bad.err().contains("--cell-index must be between 0 and 3"), bad.err());

    CliRunner.Outcome merged = CliRunner.run("sweep", "--resume", array.toString(), "--data",
        csv.toString());
    assertEquals(0, merged.status(), merged.err());
    assertArrayEquals(Files.readAllBytes(local.resolve("measurements.csv")),
        Files.readAllBytes(array.resolve("measurements.csv")));
    assertEquals(RunFiles.stableManifest(local), RunFiles.stableManifest(array));
    assertTrue(Files.isRegularFile(array.resolve("report.html")));
    assertFalse(Files.exists(array.resolve("cells")));
  }

  @Test
  void optionsThatDoNotGoTogetherAreRefusedInOneLine(@TempDir Path dir) throws IOException {
    Path csv = blobs(dir);
    CliRunner.Outcome e = run(sweep(csv), "--out", dir.resolve("a").toString(), "--cell-index", "0");
    assertEquals(2, e.status(), e.err());
    assertTrue(e.err().contains("give --resume RUN_DIR"), e.err());
    e = run(sweep(csv), "--out", dir.resolve("b").toString(), "--master", "local[2]");
    assertEquals(2, e.status(), e.err());
    assertTrue(e.err().contains("add --engine spark"), e.err());
    e = run(sweep(csv), "--out", dir.resolve("c").toString(), "--engine", "flink");
    assertEquals(2, e.status(), e.err());
    assertEquals(1, e.err().strip().lines().count(), e.err());
  }

  static CliRunner.Outcome run(List<String> base, String... more) {
    List<String> all = new ArrayList<>(base);
    all.addAll(List.of(more));
    return CliRunner.run(all.toArray(String[]::new));
  }

}
