package io.ib.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.InformationBottleneck;
import io.ib.SyntheticData;
import io.ib.data.Dataset;
import io.ib.data.DatasetReference;
import io.ib.info.MutualInformationEstimator;
import io.ib.info.binning.FixedWidthBinning;
import io.ib.info.binning.GlobalRangeBinning;
import io.ib.sweep.Cell;
import io.ib.sweep.Measurement;
import io.ib.sweep.SnapshotEntry;
import io.ib.sweep.SnapshotSource;
import io.ib.sweep.SweepConfig;
import io.ib.sweep.SweepListener;
import io.ib.train.MeasurementSchedule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The checksums of saved activations: recorded as they are written, checked as they are read, so a
 * changed byte is refused instead of turning into slightly wrong numbers; indexes written before
 * there were checksums read and resume as they did.
 */
class SnapshotChecksumsTest {
  /** The test data, as a task loads it. */
  record Blobs() implements DatasetReference {
    @Override
    public Dataset load() {
      return SyntheticData.blobs(192, 60, 6, 3, 5);
    }
  }

  private static final Dataset DATA = new Blobs().load();
  private static final List<MutualInformationEstimator> MORE = List.of(new FixedWidthBinning(2),
      new GlobalRangeBinning(6));

  private static SweepConfig config() {
    return SweepConfig.notebook().withWidths(List.of(2, 3)).withHiddenBeforeBottleneck(List.of(5))
        .withSeeds(List.of(1L)).withEpochs(2).withBatchSize(64)
        .withSchedule(new MeasurementSchedule(true, List.of(2), true))
        .withEstimators(List.of(new FixedWidthBinning(0.5)));
  }

  private static Path sweep(Path run) throws IOException {
    InformationBottleneck.sweep(config()).on(DATA).writeTo(run).saveSnapshots(true).parallelism(1)
        .run();
    return run;
  }

  @Test
  void theIndexAndTheSampleSumsHoldTheSha256OfEveryFile(@TempDir Path dir) throws IOException {
    Path run = sweep(dir.resolve("run"));
    Path snapshots = run.resolve("snapshots");
    List<String> lines = Files.readAllLines(snapshots.resolve("index.csv"));
    assertEquals("width,seed,step,epoch,layer,layer_width,file,sha256", lines.get(0));
    assertTrue(lines.size() > 4, lines.toString());
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      assertEquals(sha256(snapshots.resolve(f[6])), f[7], line);
    }
    // sha256sum's format, so that `sha256sum -c samples.sha256` checks them in snapshots/
    assertEquals(sha256(snapshots.resolve("labels.npy")) + "  labels.npy\n"
        + sha256(snapshots.resolve("inputs.npy")) + "  inputs.npy\n",
        Files.readString(snapshots.resolve("samples.sha256")));
  }

  /**
   * One flipped bit in the lowest byte of a value: a float changes in its last mantissa bit, a
   * label into its neighbour class. Without checksums both would give slightly wrong numbers.
   */
  @ParameterizedTest
  @ValueSource(strings = {"w3-s1/step0000002-hidden2.npy", "inputs.npy", "labels.npy"})
  void aChangedByteIsRefusedInOneLineNamingTheFileAndNothingChanges(String name,
      @TempDir Path dir) throws IOException {
    Path run = sweep(dir.resolve("run"));
    Path file = run.resolve("snapshots").resolve(name);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 4 * 7] ^= 1;
    Files.write(file, bytes);
    Map<String, byte[]> before = TestRuns.read(run);

    DamagedFileException e = assertThrows(DamagedFileException.class,
        () -> InformationBottleneck.analyze(run, MORE).run());
    assertEquals(file + " is damaged: its SHA-256 checksum does not match the one the run recorded"
        + " in snapshots/" + (name.endsWith("hidden2.npy") ? "index.csv" : "samples.sha256")
        + ": the file was changed after ib wrote it", e.getMessage());
    assertEquals(file, e.file());
    RunWriterTest.assertFiles(before, TestRuns.read(run));

    SnapshotSource source = SavedRun.read(run).snapshots();
    List<SnapshotEntry> entries = source.entries();
    DamagedFileException direct = assertThrows(DamagedFileException.class, () -> {
      switch (name) {
        case "labels.npy" -> source.labels();
        case "inputs.npy" -> source.inputs();
        default -> {
          for (SnapshotEntry entry : entries) {
            source.read(entry);
          }
        }
      }
    });
    assertEquals(e.getMessage(), direct.getMessage());
  }

  @Test
  void anIndexWithoutChecksumsReadsAsBeforeAndAnalysesTheSame(@TempDir Path dir)
      throws IOException {
    Path run = sweep(dir.resolve("run"));
    Path old = dir.resolve("old");
    TestRuns.copy(run, old);
    toOldFormat(old);

    SnapshotSource now = SavedRun.read(run).snapshots();
    SnapshotSource before = SavedRun.read(old).snapshots();
    assertEquals(now.entries(), before.entries());
    for (SnapshotEntry e : now.entries()) {
      assertArrayEquals(now.read(e).values(), before.read(e).values(), e.toString());
    }
    assertArrayEquals(now.labels(), before.labels());
    assertTrue(before.hasInputs());
    assertArrayEquals(now.inputs().values(), before.inputs().values());

    InformationBottleneck.analyze(run, MORE).run();
    InformationBottleneck.analyze(old, MORE).run();
    assertArrayEquals(Files.readAllBytes(run.resolve(RunFiles.MEASUREMENTS)),
        Files.readAllBytes(old.resolve(RunFiles.MEASUREMENTS)));
    assertEquals(oldIndex(run), Files.readString(old.resolve("snapshots/index.csv")));
  }

  /**
   * A run stopped in its second cell and resumed ends with the snapshot files of an uninterrupted
   * one; a run that started without checksums (an index of the old format) goes on without them,
   * so its index keeps one format, that of the uninterrupted run's index in the old format.
   */
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void aResumedRunHasTheIndexOfAnUninterruptedOneInTheFormatItStartedWith(boolean checksums,
      @TempDir Path dir) throws IOException {
    Path whole = sweep(dir.resolve("whole"));
    Path stopped = dir.resolve("stopped");
    assertThrows(IllegalStateException.class, () -> InformationBottleneck.sweep(config()).on(DATA)
        .writeTo(stopped).saveSnapshots(true).parallelism(1).listener(new SweepListener() {
          @Override
          public void measured(Measurement m) {
            if (!m.cell().equals(new Cell(2, 1))) {
              throw new IllegalStateException("stop");
            }
          }
        }).run());
    assertTrue(Files.readString(stopped.resolve("snapshots/index.csv")).contains("\n3,1,"),
        "the second cell saved a snapshot before the stop");
    if (!checksums) {
      toOldFormat(stopped);
    }
    InformationBottleneck.resume(stopped).on(DATA).parallelism(1).run();

    if (checksums) {
      Map<String, byte[]> expected = TestRuns.read(whole.resolve("snapshots"));
      RunWriterTest.assertFiles(expected, TestRuns.read(stopped.resolve("snapshots")));
    } else {
      assertEquals(oldIndex(whole), Files.readString(stopped.resolve("snapshots/index.csv")));
      assertFalse(Files.exists(stopped.resolve("snapshots/samples.sha256")));
    }
    InformationBottleneck.analyze(stopped, MORE).run(); // and it reads
  }

  /**
   * Cells committed by tasks carry their arrays' checksums into the index at the merge; into a run
   * that started without checksums they go without, as that run's own cells do.
   */
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void mergedCellsCarryTheirChecksumsIntoTheIndexInTheRunsFormat(boolean checksums,
      @TempDir Path dir) throws IOException {
    Path local = sweep(dir.resolve("local"));
    Path array = dir.resolve("array");
    CellJob job = InformationBottleneck.sweep(config()).on(DATA).writeTo(array).saveSnapshots(true)
        .prepare(new Blobs());
    if (!checksums) {
      toOldFormat(array);
    }
    for (Cell cell : job.cells()) {
      job.run(cell);
    }
    InformationBottleneck.resume(array).on(DATA).run();
    if (checksums) {
      RunWriterTest.assertFiles(TestRuns.read(local.resolve("snapshots")),
          TestRuns.read(array.resolve("snapshots")));
    } else {
      assertEquals(oldIndex(local), Files.readString(array.resolve("snapshots/index.csv")));
    }
    InformationBottleneck.analyze(array, MORE).run(); // and it reads
  }

  /** A run's index as the old format writes it: no checksum column, no sample sums. */
  private static String oldIndex(Path run) throws IOException {
    StringBuilder old = new StringBuilder();
    for (String line : Files.readAllLines(run.resolve("snapshots/index.csv"))) {
      old.append(line, 0, line.lastIndexOf(',')).append('\n');
    }
    return old.toString();
  }

  private static void toOldFormat(Path run) throws IOException {
    String index = oldIndex(run);
    assertTrue(index.startsWith("width,seed,step,epoch,layer,layer_width,file\n"), index);
    Files.writeString(run.resolve("snapshots/index.csv"), index);
    Files.delete(run.resolve("snapshots/samples.sha256"));
  }

  private static String sha256(Path file) throws IOException {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
