package io.ib.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.cli.Main;
import io.ib.run.RunFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ib sweep --engine spark} on an embedded local[2] Spark: the run directory equals the local
 * engine's byte for byte (measurements.csv, compression.csv, the plots), and in everything but times
 * and provenance (sweep.json).
 */
class SparkLocalTest {
  @Test
  void sparkOnLocal2GivesTheLocalSweepsBytes(@TempDir Path dir) throws Exception {
    Path csv = TinySweep.blobs(dir);
    Path local = dir.resolve("local");
    assertEquals(0, Main.run(TinySweep.args(csv, "2,5", 2, "--out", local.toString())));

    Path spark = dir.resolve("spark");
    assertEquals(0, Main.run(TinySweep.args(csv, "2,5", 2, "--out", spark.toString(), "--engine", "spark",
        "--master", "local[2]")));
    assertArrayEquals(Files.readAllBytes(local.resolve("measurements.csv")),
        Files.readAllBytes(spark.resolve("measurements.csv")));
    assertEquals(RunFiles.stableManifest(local), RunFiles.stableManifest(spark));
    assertTrue(Files.isRegularFile(spark.resolve("report.html")));
    assertFalse(Files.exists(spark.resolve("cells")), "merged cells are cleared");
    // The report's data: the compression table and every plot (SVG text) are the same bytes too.
    assertArrayEquals(Files.readAllBytes(local.resolve("compression.csv")),
        Files.readAllBytes(spark.resolve("compression.csv")));
    try (Stream<Path> plots = Files.list(local.resolve("plots"))) {
      List<Path> svgs = plots.filter(p -> p.toString().endsWith(".svg")).sorted().toList();
      assertFalse(svgs.isEmpty());
      for (Path svg : svgs) {
        assertArrayEquals(Files.readAllBytes(svg),
            Files.readAllBytes(spark.resolve("plots").resolve(svg.getFileName())), svg.toString());
      }
    }
  }

  @Test
  void resumeOnSparkSkipsCommittedCells(@TempDir Path dir) throws Exception {
    Path csv = TinySweep.blobs(dir);
    Path local = dir.resolve("local");
    assertEquals(0, Main.run(TinySweep.args(csv, "2,5", 2, "--out", local.toString())));

    // A run whose cell 2 was committed by an earlier session (here: a job-array task) before the
    // driver stopped; --resume on Spark adopts it and runs only the three others as tasks.
    Path run = dir.resolve("run");
    assertEquals(0, Main.run(TinySweep.args(csv, "2,5", 2, "--out", run.toString(), "--list-cells")));
    assertEquals(0, Main.run("sweep", "--resume", run.toString(), "--data", csv.toString(),
        "--cell-index", "2"));
    assertTrue(Files.isRegularFile(run.resolve("cells/w2-s2.json")));
    KillSwitch.reset();
    assertEquals(0, Main.run("sweep", "--resume", run.toString(), "--data", csv.toString(),
        "--engine", "spark", "--master", "local[2]", "--spark-conf",
        "spark.extraListeners=" + KillSwitch.class.getName()));
    assertEquals(3, KillSwitch.SUCCEEDED.get(), "tasks: the committed cell is not run again");
    assertArrayEquals(Files.readAllBytes(local.resolve("measurements.csv")),
        Files.readAllBytes(run.resolve("measurements.csv")));
    assertEquals(RunFiles.stableManifest(local), RunFiles.stableManifest(run));
  }

  /**
   * Activations kept (--snapshots) and an estimator over one global range: Spark's tasks commit the
   * activations with their cells, the merge puts them into snapshots/ and runs the estimator; every
   * file equals the local engine's.
   */
  @Test
  void snapshotsAndGlobalRangesOnSpark(@TempDir Path dir) throws Exception {
    Path csv = TinySweep.blobs(dir);
    String[] more = {"--snapshots", "--estimator", "binning:width=0.5", "--estimator",
        "binning:bins=10,range=global"};
    Path local = dir.resolve("local");
    assertEquals(0, Main.run(TinySweep.args(csv, "2,5", 2, concat(more, "--out",
        local.toString()))));
    Path spark = dir.resolve("spark");
    assertEquals(0, Main.run(TinySweep.args(csv, "2,5", 2, concat(more, "--out", spark.toString(),
        "--engine", "spark", "--master", "local[2]"))));
    assertArrayEquals(Files.readAllBytes(local.resolve("measurements.csv")),
        Files.readAllBytes(spark.resolve("measurements.csv")));
    assertEquals(RunFiles.stableManifest(local), RunFiles.stableManifest(spark));
    try (Stream<Path> files = Files.walk(local.resolve("snapshots"))) {
      List<Path> all = files.filter(Files::isRegularFile).toList();
      assertTrue(all.size() > 3, "labels, inputs, index and arrays");
      for (Path p : all) {
        assertArrayEquals(Files.readAllBytes(p), Files.readAllBytes(
            spark.resolve("snapshots").resolve(local.resolve("snapshots").relativize(p))),
            p.toString());
      }
    }
  }

  private static String[] concat(String[] a, String... b) {
    return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
  }

  @Test
  void localMastersRetryFailedTasks() {
    assertEquals("local[2,4]", SparkEngine.withRetries("local[2]"));
    assertEquals("local[*,4]", SparkEngine.withRetries("local[*]"));
    assertEquals("local[1,4]", SparkEngine.withRetries("local"));
    assertEquals("spark://h:7077", SparkEngine.withRetries("spark://h:7077"));
  }
}
