package io.ib.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.InformationBottleneck;
import io.ib.run.TestRuns;
import io.ib.sweep.SweepConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sweeps on a real standalone cluster on loopback ({@link StandaloneCluster}). The driver's host is
 * left to the engine, which advertises 127.0.0.1 to a cluster on loopback (Spark would advertise
 * another interface of this machine when its host name resolves to a loopback address).
 */
@Tag("slow")
class SparkClusterTest {
  private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);
  /** Eight cells of about a second each: long enough to be killed in the middle of one. */
  private static final SweepConfig CONFIG = TinySweep.config(List.of(2, 3, 4, 5), 150);

  /**
   * Two Workers; once both executors run a cell (after one cell finished, so the executors are
   * warm), one Worker and its executor are killed (SIGKILL). Spark runs the lost cells again on the
   * other Worker, and the merged run directory equals the local engine's byte for byte.
   */
  @Test
  void killingAWorkerMidCellChangesNoByte(@TempDir Path dir) throws Exception {
    Path local = dir.resolve("local");
    InformationBottleneck.sweep(CONFIG).on(TinySweep.DATA).writeTo(local).run();

    try (StandaloneCluster cluster = new StandaloneCluster(dir, 2)) {
      KillSwitch.reset();
      Path spark = dir.resolve("spark");
      SparkEngine engine = TinySweep.engine(cluster.url(),
          "spark.executor.extraClassPath=" + System.getProperty("java.class.path"),
          "spark.executor.memory=1g", "spark.executor.cores=1", "spark.cores.max=2",
          "spark.extraListeners=" + KillSwitch.class.getName());
      CompletableFuture<Void> run = CompletableFuture.runAsync(() -> {
        try {
          InformationBottleneck.sweep(CONFIG).on(TinySweep.DATA).writeTo(spark)
              .engine(engine, TinySweep.REFERENCE).run();
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });

      long deadline = System.nanoTime() + 3 * MINUTE;
      while (!(KillSwitch.SUCCEEDED.get() >= 1 && KillSwitch.RUNNING.get() == 2)) {
        assertFalse(run.isDone(), () -> "the sweep ended before a Worker could be killed: "
            + run.handle((v, e) -> String.valueOf(e)).join());
        assertTrue(System.nanoTime() < deadline, "timed out waiting for two running cells");
        Thread.sleep(2);
      }
      cluster.kill(1);

      run.get(3, TimeUnit.MINUTES);
      assertTrue(KillSwitch.FAILED.get() >= 1, "the killed executor's cell failed and ran again");
      assertArrayEquals(Files.readAllBytes(local.resolve("measurements.csv")),
          Files.readAllBytes(spark.resolve("measurements.csv")));
      assertEquals(TestRuns.stableManifest(local), TestRuns.stableManifest(spark));
    }
  }

  /**
   * Executors whose class path has Spark but not ib (no spark.jars): the sweep fails in one line
   * that says so and how to give them ib's classes, without Spark's stack traces of each attempt.
   */
  @Test
  void executorsWithoutIbsClassesAreNamedInOneLine(@TempDir Path dir) throws Exception {
    String root = Path.of("").toAbsolutePath().toString();
    String sparkOnly = Arrays.stream(System.getProperty("java.class.path")
            .split(java.io.File.pathSeparator))
        .filter(e -> !e.startsWith(root) && !e.contains("/io/github/ib-ml/"))
        .collect(Collectors.joining(java.io.File.pathSeparator));
    try (StandaloneCluster cluster = new StandaloneCluster(dir, 1)) {
      SparkEngine engine = TinySweep.engine(cluster.url(),
          "spark.executor.extraClassPath=" + sparkOnly, "spark.executor.memory=1g");
      ByteArrayOutputStream captured = new ByteArrayOutputStream();
      PrintStream err = System.err;
      IOException e;
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      try {
        e = assertThrows(IOException.class, () -> InformationBottleneck
            .sweep(TinySweep.config(List.of(2), 1)).on(TinySweep.DATA)
            .writeTo(dir.resolve("run")).engine(engine, TinySweep.REFERENCE).run());
      } finally {
        System.setErr(err);
      }
      String log = captured.toString(StandardCharsets.UTF_8);
      err.print(log);
      assertTrue(e.getMessage().startsWith("the executors cannot load ib's classes"
          + " (io.ib.spark.SparkEngine$CellTask is not on their class path): give them ib's"
          + " spark-submit jar with the setting spark.jars=PATH"), e.getMessage());
      assertFalse(e.getMessage().contains("\n"), e.getMessage());
      assertFalse(log.contains("\tat "), "no stack traces: " + log);
    }
  }
}
