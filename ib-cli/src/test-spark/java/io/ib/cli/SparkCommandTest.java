package io.ib.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.run.TestRuns;
import io.ib.spark.KillSwitch;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code ib sweep --engine spark} and {@code ib resume --engine spark} on an embedded local[2]
 * Spark (ib-cli's tests with -Pspark): the run directory equals the local engine's, report
 * included; what the engine refuses is one line, before anything is written.
 */
class SparkCommandTest {
  @Test
  void sparkOnLocal2GivesTheLocalSweepsFiles(@TempDir Path dir) throws IOException {
    Path csv = JobArrayCommandTest.blobs(dir);
    Path local = dir.resolve("local");
    CliRunner.Outcome l = sweep(csv, "--out", local.toString());
    assertEquals(0, l.status(), l.err());

    Path spark = dir.resolve("spark");
    CliRunner.Outcome s = sweep(csv, "--out", spark.toString(), "--engine", "spark", "--master",
        "local[2]");
    assertEquals(0, s.status(), s.err());
    assertTrue(s.err().contains("on Spark (local[2,4])"), s.err());
    assertFalse(s.err().contains(" INFO "), "Spark's and ND4J's INFO lines are quiet: " + s.err());
    assertArrayEquals(Files.readAllBytes(local.resolve("measurements.csv")),
        Files.readAllBytes(spark.resolve("measurements.csv")));
    assertEquals(TestRuns.stableManifest(local), TestRuns.stableManifest(spark));
    assertTrue(Files.isRegularFile(spark.resolve("report.html")));
    assertTrue(s.out().contains("Report: " + spark.resolve("report.html")), s.out());
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

  /**
   * A run whose cell 2 a job-array task committed before the driver stopped: 'ib resume --engine
   * spark' adopts it and runs only the three others as tasks.
   */
  @Test
  void resumeOnSparkAdoptsCommittedCells(@TempDir Path dir) throws IOException {
    Path csv = JobArrayCommandTest.blobs(dir);
    Path local = dir.resolve("local");
    assertEquals(0, sweep(csv, "--out", local.toString()).status());

    Path run = dir.resolve("run");
    assertEquals(0, JobArrayCommandTest.run(List.of("cells", "start"),
        JobArrayCommandTest.options(csv), "--out", run.toString()).status());
    assertEquals(0, CliRunner.run("cells", "run", run.toString(), "2", "--data", csv.toString())
        .status());
    assertTrue(Files.isRegularFile(run.resolve("cells/w2-s2.json")));
    KillSwitch.reset();
    CliRunner.Outcome resumed = SparkCli.run(List.of("resume", run.toString(), "--data",
        csv.toString(), "--engine", "spark", "--master", "local[2]", "--spark-conf",
        "spark.extraListeners=" + KillSwitch.class.getName()));
    assertEquals(0, resumed.status(), resumed.err());
    assertEquals(3, KillSwitch.SUCCEEDED.get(), "tasks: the committed cell is not run again");
    assertArrayEquals(Files.readAllBytes(local.resolve("measurements.csv")),
        Files.readAllBytes(run.resolve("measurements.csv")));
    assertEquals(TestRuns.stableManifest(local), TestRuns.stableManifest(run));
  }

  /**
   * Masters ib's driver cannot use, and a setting Spark refuses: exit 2, one line (no stack trace,
   * no Spark log), and no run directory.
   */
  @ParameterizedTest
  @ValueSource(strings = {"--master=garbage", "--master=local[0]", "--master=local[-1]",
      "--master=local[abc]", "--master=yarn", "--master=k8s://https://host:6443",
      "--spark-conf=spark.executor.cores=-1", "--spark-conf=spark.jars=/no/such/ib.jar"})
  void whatSparkRefusesIsOneLineAndWritesNothing(String option, @TempDir Path dir)
      throws IOException {
    Path csv = JobArrayCommandTest.blobs(dir);
    Path out = dir.resolve("run");
    CliRunner.Outcome e = sweep(csv, "--out", out.toString(), "--engine", "spark", option);
    assertEquals(2, e.status(), e.err());
    assertEquals(1, e.err().strip().lines().count(), e.err());
    String value = option.substring(option.indexOf('=') + 1);
    assertTrue(e.err().startsWith("ib sweep: ") && e.err().contains(value.startsWith("spark.jars")
        ? value.replace("=", " names ") : value), e.err());
    assertEquals("", e.out());
    assertFalse(Files.exists(out), "nothing was written");
  }

  /** Spark would try to register for a minute, then fail with 125 lines. */
  @Test
  void aMasterThatDoesNotAnswerFailsFastInOneLine(@TempDir Path dir) throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    Path csv = JobArrayCommandTest.blobs(dir);
    long start = System.nanoTime();
    CliRunner.Outcome e = sweep(csv, "--out", dir.resolve("run").toString(), "--engine", "spark",
        "--master", "spark://127.0.0.1:" + port);
    assertTrue((System.nanoTime() - start) / 1e9 < 15, "fails within seconds");
    assertEquals(2, e.status(), e.err());
    assertEquals(1, e.err().strip().lines().count(), e.err());
    assertTrue(e.err().contains("no Spark master answers at spark://127.0.0.1:" + port), e.err());
    assertFalse(Files.exists(dir.resolve("run")));
  }

  /** s3a:// without hadoop-aws on the class path: what to add, in one line. */
  @Test
  void anOutputSchemeWithoutItsFileSystemSaysWhatToAdd(@TempDir Path dir) throws IOException {
    Path csv = JobArrayCommandTest.blobs(dir);
    CliRunner.Outcome e = sweep(csv, "--out", "s3a://bucket/ib/run", "--engine", "spark",
        "--master", "local[1]");
    assertEquals(1, e.status(), e.err());
    assertEquals(1, e.err().strip().lines().count(), e.err());
    assertTrue(e.err().contains("no Hadoop file system for s3a:// on the class path"
        + " (org.apache.hadoop.fs.s3a.S3AFileSystem is missing): add org.apache.hadoop:hadoop-aws"),
        e.err());
  }

  /**
   * Output to a Hadoop file system URI ({@code ibtest://}, a stand-in for HDFS on local files, from
   * ib-spark's test jar): the cells commit there, the run is merged in a staging directory and
   * uploaded; it equals a local run's bytes, snapshots included, names its files where they are,
   * and leaves no empty cells folder there. A second sweep into the same URI is refused.
   */
  @Test
  void aSweepToAHadoopUriEqualsALocalRun(@TempDir Path dir) throws Exception {
    Path csv = JobArrayCommandTest.blobs(dir);
    Path local = dir.resolve("local");
    assertEquals(0, sweep(csv, "--snapshots", "--out", local.toString()).status());

    Path remote = dir.resolve("remote");
    String uri = "ibtest://" + remote.toAbsolutePath();
    CliRunner.Outcome s = sweep(csv, "--snapshots", "--out", uri, "--engine", "spark",
        "--master", "local[2]");
    assertEquals(0, s.status(), s.err());
    assertArrayEquals(Files.readAllBytes(local.resolve("measurements.csv")),
        Files.readAllBytes(remote.resolve("measurements.csv")));
    try (Stream<Path> files = Files.walk(local.resolve("snapshots"))) {
      List<Path> all = files.filter(Files::isRegularFile).toList();
      assertTrue(all.size() > 3, "labels, inputs, index and arrays");
      for (Path p : all) {
        assertArrayEquals(Files.readAllBytes(p), Files.readAllBytes(remote.resolve(
            local.relativize(p).toString())), p.toString());
      }
    }
    assertEquals(TestRuns.stableManifest(local), TestRuns.stableManifest(remote));
    assertTrue(Files.isRegularFile(remote.resolve("report.html")));
    assertTrue(s.out().contains("Report: " + uri + "/report.html ("), s.out());
    assertTrue(s.out().contains("Results: " + uri + "/measurements.csv"), s.out());
    assertFalse(s.out().contains("ib-stage-"), "the deleted staging directory is not named");
    assertFalse(Files.exists(remote.resolve("cells")), "no empty cells folder is left there");

    // ib writes only into new or empty directories.
    CliRunner.Outcome again = sweep(csv, "--out", uri, "--engine", "spark", "--master",
        "local[2]");
    assertEquals(1, again.status(), again.err());
    assertTrue(again.err().contains("holds files"), again.err());
  }

  private static CliRunner.Outcome sweep(Path csv, String... more) {
    List<String> all = new ArrayList<>(List.of("sweep"));
    all.addAll(JobArrayCommandTest.options(csv));
    all.addAll(List.of(more));
    return SparkCli.run(all);
  }
}
