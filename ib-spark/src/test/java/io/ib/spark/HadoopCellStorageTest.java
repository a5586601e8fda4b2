package io.ib.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.InformationBottleneck;
import io.ib.run.CellStorage;
import io.ib.run.CellStorages;
import io.ib.run.TestRuns;
import io.ib.sweep.SweepConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cells committed to a Hadoop file system ({@code ibtest://}, a stand-in for HDFS on local files,
 * see core-site.xml): the storage's promises, and a sweep on Spark committing there.
 */
class HadoopCellStorageTest {
  @Test
  void publishesWholeFilesUnderTheirNames(@TempDir Path dir) throws Exception {
    CellStorage s = CellStorages.open(URI.create("ibtest://" + dir.toAbsolutePath() + "/c/"));
    assertEquals(List.of(), s.list());
    s.publish("w1-s1.csv", utf8("a\n"));
    s.publish("w1-s1.csv", utf8("b\n")); // replaces: the rename with overwrite
    assertEquals(List.of("w1-s1.csv"), names(s));
    assertEquals("b\n", new String(s.read("w1-s1.csv"), StandardCharsets.UTF_8));
    assertNull(s.read("w2-s1.csv"));
    // A name in a subfolder (an uploaded run's plots/): its temporary file is there too.
    s.publish("plots/a.svg", utf8("<svg/>"));
    try (Stream<Path> plots = Files.list(dir.resolve("c/plots"))) {
      assertEquals(List.of("a.svg"), plots.map(p -> p.getFileName().toString())
          .filter(n -> !n.endsWith(".crc")).toList());
    }
    s.delete("w1-s1.csv");
    assertEquals(List.of(), names(s));
  }

  @Test
  void removeIfEmptyRemovesOnlyAnEmptyFolder(@TempDir Path dir) throws Exception {
    CellStorage s = CellStorages.open(URI.create("ibtest://" + dir.toAbsolutePath() + "/c/"));
    s.removeIfEmpty(); // absent: nothing to do
    s.publish("w1-s1.csv", utf8("a\n"));
    s.removeIfEmpty();
    assertTrue(Files.isDirectory(dir.resolve("c")), "it holds a file");
    s.delete("w1-s1.csv");
    for (String crc : names(s, true)) {
      s.delete(crc);
    }
    s.removeIfEmpty();
    assertFalse(Files.exists(dir.resolve("c")));
  }

  /** s3a:// without hadoop-aws: Hadoop's bare ClassNotFoundException becomes what to add. */
  @Test
  void aSchemeWhoseFileSystemIsMissingSaysWhatToAdd() {
    IOException e = assertThrows(IOException.class,
        () -> CellStorages.open(URI.create("s3a://bucket/ib/run/")));
    assertTrue(e.getMessage().startsWith("no Hadoop file system for s3a:// on the class path"
        + " (org.apache.hadoop.fs.s3a.S3AFileSystem is missing): add"
        + " org.apache.hadoop:hadoop-aws:"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    IOException unknown = assertThrows(IOException.class,
        () -> CellStorages.open(URI.create("nosuchfs://host/run/")));
    assertTrue(unknown.getMessage().startsWith("no Hadoop file system for nosuchfs:// on the class"
        + " path: add the Hadoop module for nosuchfs://"), unknown.getMessage());
  }

  /**
   * Spark's tasks commit to the Hadoop URI (where every executor can write, unlike the driver's
   * directory); the run adopts them, equals a local run, and leaves no empty folder there.
   */
  @Test
  void cellsCommittedToAHadoopUriMergeToTheLocalRunsBytes(@TempDir Path dir) throws Exception {
    SweepConfig config = TinySweep.config(List.of(2, 5), 2);
    Path local = dir.resolve("local");
    InformationBottleneck.sweep(config).on(TinySweep.DATA).writeTo(local).saveSnapshots(true).run();

    Path remote = dir.resolve("remote");
    Path spark = dir.resolve("spark");
    InformationBottleneck.sweep(config).on(TinySweep.DATA).writeTo(spark).saveSnapshots(true)
        .commitTo(URI.create("ibtest://" + remote.toAbsolutePath() + "/cells/"))
        .engine(TinySweep.engine("local[2]"), TinySweep.REFERENCE).run();
    assertArrayEquals(Files.readAllBytes(local.resolve("measurements.csv")),
        Files.readAllBytes(spark.resolve("measurements.csv")));
    assertEquals(TestRuns.stableManifest(local), TestRuns.stableManifest(spark));
    assertFalse(Files.exists(remote.resolve("cells")), "the merged commit folder is removed");
    assertFalse(Files.exists(spark.resolve("cells")));
  }

  private static List<String> names(CellStorage s) throws IOException {
    return s.list().stream().filter(n -> !n.endsWith(".crc")).sorted().toList();
  }

  private static List<String> names(CellStorage s, boolean checksums) throws IOException {
    return s.list().stream().filter(n -> n.endsWith(".crc") == checksums).sorted().toList();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
