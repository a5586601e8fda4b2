package io.ib.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ib.InformationBottleneck;
import io.ib.SyntheticData;
import io.ib.data.Dataset;
import io.ib.info.Estimators;
import io.ib.info.MutualInformationEstimator;
import io.ib.info.binning.FixedWidthBinning;
import io.ib.info.binning.GlobalRangeBinning;
import io.ib.sweep.SweepConfig;
import io.ib.train.MeasurementSchedule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A sweep stopped at every single change it makes to the file system, by a kill (the process dies
 * there: that write half done, nothing after it) or by a full disk (that write half done, every later
 * write failing, until space is freed), and then finished as a user would: {@code --resume} where the
 * run had written its manifest, the same command again where it had not. Every time, the directory
 * must end up with the files of an uninterrupted run: the same bytes of measurements.csv and of every
 * snapshot file, the same manifest apart from times and provenance, and nothing else left behind.
 *
 * <p>The sweep has a range-based estimator, so the stops also fall into the pass after the last cell
 * and into the deletion of its temporary snapshots.
 */
@Tag("slow") // a sweep stopped at every file operation: about 8 s; mvn -Pslow verify runs it
class StopAnywhereTest {
  private static final Dataset DATA = SyntheticData.blobs(192, 60, 6, 3, 5);

  private static SweepConfig config() {
    return SweepConfig.notebook().withWidths(List.of(2, 3)).withHiddenBeforeBottleneck(List.of(5))
        .withSeeds(List.of(1L)).withEpochs(2).withBatchSize(64)
        .withSchedule(new MeasurementSchedule(true, List.of(2), true))
        .withEstimators(List.<MutualInformationEstimator>of(new FixedWidthBinning(0.5),
            new GlobalRangeBinning(4)));
  }

  @AfterEach
  void noFaults() {
    Disk.clear();
  }

  @ParameterizedTest(name = "{0}, snapshots kept: {1}")
  @CsvSource({"CRASH, false", "CRASH, true", "FULL, false", "FULL, true"})
  void aRunStoppedAtAnyWriteFinishesToTheUninterruptedFiles(Disk.Fault fault, boolean keep,
      @TempDir Path dir) throws IOException {
    Path whole = dir.resolve("whole");
    Disk.clear();
    InformationBottleneck.sweep(config()).on(DATA).writeTo(whole).saveSnapshots(keep).run();
    int operations = Disk.clear();
    assertTrue(operations > 20, "operations counted: " + operations);
    Map<String, byte[]> expected = TestRuns.read(whole);

    for (int at = 1; at <= operations; at++) {
      Path run = dir.resolve(fault + "-" + at);
      Disk.inject(fault, at);
      try {
        InformationBottleneck.sweep(config()).on(DATA).writeTo(run).saveSnapshots(keep).run();
        // A full disk fails writes only: stopping at a rename or deletion, the sweep completes.
        assertEquals(Disk.Fault.FULL, fault, "the sweep went on after operation " + at + " failed");
      } catch (Disk.SimulatedCrash | IOException expectedStop) {
        // the stop under test
      } finally {
        Disk.clear();
      }
      finish(run, keep);
      Map<String, byte[]> actual = TestRuns.read(run);
      assertEquals(expected.keySet(), actual.keySet(), fault + " at operation " + at);
      for (Map.Entry<String, byte[]> f : expected.entrySet()) {
        if (f.getKey().equals(RunFiles.MANIFEST)) {
          assertEquals(TestRuns.stableManifest(f.getValue()), TestRuns.stableManifest(actual.get(f.getKey())),
              fault + " at operation " + at + ": " + f.getKey());
        } else {
          assertArrayEquals(f.getValue(), actual.get(f.getKey()),
              fault + " at operation " + at + ": " + f.getKey());
        }
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"CRASH", "FULL"})
  void anAnalysisStoppedAtAnyWriteLeavesTheRunAsItWasAndRunsAgain(Disk.Fault fault,
      @TempDir Path dir) throws IOException {
    Path template = dir.resolve("template");
    InformationBottleneck.sweep(config()).on(DATA).writeTo(template).saveSnapshots(true).run();
    Map<String, byte[]> before = TestRuns.read(template);
    Path reference = dir.resolve("reference");
    TestRuns.copy(template, reference);
    List<MutualInformationEstimator> more = List.of(Estimators.parse("binning:width=1,2"),
        new GlobalRangeBinning(8));
    Disk.clear();
    InformationBottleneck.analyze(reference, more).run();
    int operations = Disk.clear();
    Map<String, byte[]> after = TestRuns.read(reference);

    for (int at = 1; at <= operations; at++) {
      Path run = dir.resolve(fault + "-" + at);
      TestRuns.copy(template, run);
      Disk.inject(fault, at);
      boolean stopped = true;
      try {
        InformationBottleneck.analyze(run, more).run();
        stopped = false;
      } catch (Disk.SimulatedCrash | IOException expectedStop) {
        // the stop under test
      } finally {
        Disk.clear();
      }
      RunFiles.lockForReport(run).close(); // any later opening recovers
      Map<String, byte[]> now = TestRuns.read(run);
      boolean unchanged = sameFiles(before, now);
      assertTrue(unchanged || sameFiles(after, now), fault + " at operation " + at
          + ": neither the run before the analysis nor the run after it");
      if (unchanged) {
        assertTrue(stopped, "an analysis that changed nothing must have failed");
        InformationBottleneck.analyze(run, more).run(); // and can run again
        assertTrue(sameFiles(after, TestRuns.read(run)), fault + " at operation " + at + ", run again");
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"missing", "truncated"})
  void anAnalysisOfADamagedSnapshotChangesNothing(String damage, @TempDir Path dir)
      throws IOException {
    Path run = dir.resolve("run");
    InformationBottleneck.sweep(config()).on(DATA).writeTo(run).saveSnapshots(true).run();
    Path last = run.resolve("snapshots")
        .resolve(Snapshots.read(run).get(Snapshots.read(run).size() - 1).file());
    if (damage.equals("missing")) {
      Files.delete(last);
    } else {
      byte[] bytes = Files.readAllBytes(last);
      Files.write(last, java.util.Arrays.copyOf(bytes, bytes.length - 10));
    }
    Map<String, byte[]> before = TestRuns.read(run);
    DamagedFileException e = org.junit.jupiter.api.Assertions.assertThrows(
        DamagedFileException.class, () -> InformationBottleneck.analyze(run,
            List.of(new FixedWidthBinning(2))).run());
    assertTrue(e.getMessage().contains(last.getFileName().toString()), e.getMessage());
    assertTrue(sameFiles(before, TestRuns.read(run)), "measurements.csv and sweep.json unchanged");
  }

  private static boolean sameFiles(Map<String, byte[]> a, Map<String, byte[]> b) {
    if (!a.keySet().equals(b.keySet())) {
      return false;
    }
    for (String k : a.keySet()) {
      boolean same = k.equals(RunFiles.MANIFEST) ? analysisStable(a.get(k)).equals(
          analysisStable(b.get(k))) : java.util.Arrays.equals(a.get(k), b.get(k));
      if (!same) {
        return false;
      }
    }
    return true;
  }

  /** The manifest without the times of its analyses. */
  private static JsonNode analysisStable(byte[] manifest) {
    try {
      ObjectNode m = (ObjectNode) Json.MAPPER.readTree(manifest);
      m.path("analyses").forEach(a -> ((ObjectNode) a).remove("time"));
      return m;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }


  /** What a user does after the stop: resume the run, or start it again where it never began. */
  private static void finish(Path run, boolean keep) throws IOException {
    if (!Files.exists(run.resolve(RunFiles.MANIFEST))) {
      InformationBottleneck.sweep(config()).on(DATA).writeTo(run).saveSnapshots(keep).run();
      return;
    }
    // Any opening first finishes or discards what the stop interrupted; a complete run needs no more.
    RunFiles.lockForReport(run).close();
    if ("complete".equals(Json.MAPPER.readTree(run.resolve(RunFiles.MANIFEST).toFile())
        .path("status").asText())) {
      return;
    }
    InformationBottleneck.resume(run).on(DATA).run();
  }


}
