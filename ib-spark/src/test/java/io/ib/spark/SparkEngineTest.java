package io.ib.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.InformationBottleneck;
import io.ib.info.binning.FixedWidthBinning;
import io.ib.info.binning.GlobalRangeBinning;
import io.ib.run.CellJob;
import io.ib.run.TestRuns;
import io.ib.sweep.SweepConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep on the Spark engine (an embedded local[2] Spark) ends with the local engine's files: the
 * measurements byte for byte, the manifest in everything but times and provenance.
 */
class SparkEngineTest {
  private static final SweepConfig CONFIG = TinySweep.config(List.of(2, 5), 2);

  @Test
  void sparkOnLocal2GivesTheLocalSweepsBytes(@TempDir Path dir) throws Exception {
    Path local = dir.resolve("local");
    InformationBottleneck.sweep(CONFIG).on(TinySweep.DATA).writeTo(local).run();

    Path spark = dir.resolve("spark");
    InformationBottleneck.sweep(CONFIG).on(TinySweep.DATA).writeTo(spark)
        .engine(TinySweep.engine("local[2]"), TinySweep.REFERENCE).run();
    assertArrayEquals(Files.readAllBytes(local.resolve("measurements.csv")),
        Files.readAllBytes(spark.resolve("measurements.csv")));
    assertEquals(TestRuns.stableManifest(local), TestRuns.stableManifest(spark));
    assertFalse(Files.exists(spark.resolve("cells")), "merged cells are cleared");
  }

  /**
   * A run whose cell 2 an earlier session committed (here: a job-array task) before the driver
   * stopped: resumed on Spark, it adopts that cell and runs only the three others as tasks.
   */
  @Test
  void resumeOnSparkAdoptsCommittedCells(@TempDir Path dir) throws Exception {
    Path local = dir.resolve("local");
    InformationBottleneck.sweep(CONFIG).on(TinySweep.DATA).writeTo(local).run();

    Path run = dir.resolve("run");
    CellJob job = InformationBottleneck.sweep(CONFIG).on(TinySweep.DATA).writeTo(run)
        .prepare(TinySweep.REFERENCE);
    job.run(job.cells().get(2));
    assertTrue(Files.isRegularFile(run.resolve("cells/w2-s2.json")));
    KillSwitch.reset();
    InformationBottleneck.resume(run).on(TinySweep.DATA)
        .engine(TinySweep.engine("local[2]", "spark.extraListeners=" + KillSwitch.class.getName()),
            TinySweep.REFERENCE)
        .run();
    assertEquals(3, KillSwitch.SUCCEEDED.get(), "tasks: the committed cell is not run again");
    assertArrayEquals(Files.readAllBytes(local.resolve("measurements.csv")),
        Files.readAllBytes(run.resolve("measurements.csv")));
    assertEquals(TestRuns.stableManifest(local), TestRuns.stableManifest(run));
  }

  /**
   * Activations kept and an estimator over one global range: Spark's tasks commit the activations
   * with their cells, the merge puts them into snapshots/ and runs the estimator; every file equals
   * the local engine's.
   */
  @Test
  void snapshotsAndGlobalRangesOnSpark(@TempDir Path dir) throws Exception {
    SweepConfig global = CONFIG.withEstimators(List.of(new FixedWidthBinning(0.5),
        new GlobalRangeBinning(10)));
    Path local = dir.resolve("local");
    InformationBottleneck.sweep(global).on(TinySweep.DATA).writeTo(local).saveSnapshots(true).run();
    Path spark = dir.resolve("spark");
    InformationBottleneck.sweep(global).on(TinySweep.DATA).writeTo(spark).saveSnapshots(true)
        .engine(TinySweep.engine("local[2]"), TinySweep.REFERENCE).run();
    assertArrayEquals(Files.readAllBytes(local.resolve("measurements.csv")),
        Files.readAllBytes(spark.resolve("measurements.csv")));
    assertTrue(Files.readString(spark.resolve("measurements.csv"))
        .contains("binning:bins=10,range=global"), "the merge ran the global-range estimator");
    assertEquals(TestRuns.stableManifest(local), TestRuns.stableManifest(spark));
    Map<String, byte[]> expected = tree(local.resolve("snapshots"));
    assertTrue(expected.size() > 3, "labels, inputs, index and arrays");
    Map<String, byte[]> actual = tree(spark.resolve("snapshots"));
    assertEquals(expected.keySet(), actual.keySet());
    expected.forEach((name, bytes) -> assertArrayEquals(bytes, actual.get(name), name));
  }

  private static Map<String, byte[]> tree(Path dir) throws Exception {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        files.put(dir.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    return files;
  }
}
