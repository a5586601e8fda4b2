package io.ib.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.cli.Main;
import io.ib.run.CellStorage;
import io.ib.run.RunFiles;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output to a Hadoop file system URI ({@code ibtest://}, a stand-in for HDFS or S3 on local files):
 * the cells commit there (with their activations), the run is merged locally and uploaded; it equals
 * a local run's bytes, snapshots included.
 */
class SparkStorageTest {
  @Test
  void aSweepToAHadoopUriEqualsALocalRun(@TempDir Path dir) throws Exception {
    Path csv = TinySweep.blobs(dir);
    Path local = dir.resolve("local");
    assertEquals(0, Main.run(TinySweep.args(csv, "2,5", 2, "--snapshots", "--out",
        local.toString())));

    Path remote = dir.resolve("remote");
    String uri = "ibtest://" + remote.toAbsolutePath();
    assertEquals(0, Main.run(TinySweep.args(csv, "2,5", 2, "--snapshots", "--out", uri,
        "--engine", "spark", "--master", "local[2]")));
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
    assertEquals(RunFiles.stableManifest(local), RunFiles.stableManifest(remote));
    assertTrue(Files.isRegularFile(remote.resolve("report.html")));
    try (Stream<Path> cells = Files.list(remote.resolve("cells"))) {
      assertEquals(List.of(), cells.toList(), "the committed cells were adopted and cleared");
    }

    // A second sweep into the same URI is refused: ib writes only into new or empty directories.
    assertEquals(1, Main.run(TinySweep.args(csv, "2,5", 2, "--out", uri, "--engine", "spark",
        "--master", "local[2]")));
  }

  @Test
  void hadoopStoragePublishesWholeFilesUnderTheirNames(@TempDir Path dir) throws Exception {
    CellStorage s = CellStorage.open(URI.create("ibtest://" + dir.toAbsolutePath() + "/c/"));
    assertEquals(List.of(), s.list());
    s.publish("w1-s1.csv", "a\n".getBytes(StandardCharsets.UTF_8));
    s.publish("w1-s1.csv", "b\n".getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of("w1-s1.csv"), s.list().stream().filter(n -> !n.endsWith(".crc")).toList());
    assertEquals("b\n", new String(s.read("w1-s1.csv"), StandardCharsets.UTF_8));
    assertNull(s.read("w2-s1.csv"));
    s.delete("w1-s1.csv");
    assertEquals(List.of(), s.list());
  }
}
