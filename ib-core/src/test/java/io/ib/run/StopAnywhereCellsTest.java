package io.ib.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.InformationBottleneck;
import io.ib.SyntheticData;
import io.ib.data.Dataset;
import io.ib.data.DatasetReference;
import io.ib.info.binning.FixedWidthBinning;
import io.ib.info.binning.GlobalRangeBinning;
import io.ib.sweep.Cell;
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
 * A job array (start the run, tasks commit their cells, a merge) stopped at every single change it
 * makes to the file system, by a kill or a full disk, then finished as a user would: start it again
 * if it never wrote its manifest, re-submit the tasks of the cells not committed, merge. Every time
 * the directory ends with the files of an uninterrupted local run: measurements.csv byte for byte,
 * the manifest but for times and provenance, and nothing else (no committed or temporary cell file).
 * Also with activations kept and an estimator over one global range: the tasks commit activations,
 * which the merge puts into snapshots/ byte for byte as the local run saved them.
 */
@Tag("slow") // a job array stopped at every file operation: about 20 s; mvn -Pslow verify runs it
class StopAnywhereCellsTest {
  /** The data, as tasks load it. */
  record Blobs() implements DatasetReference {
    @Override
    public Dataset load() {
      return SyntheticData.blobs(192, 60, 6, 3, 5);
    }
  }

  private static final Blobs REFERENCE = new Blobs();
  private static final Dataset DATA = REFERENCE.load();

  private static SweepConfig config(boolean snapshots) {
    SweepConfig c = SweepConfig.notebook().withWidths(List.of(2, 3))
        .withHiddenBeforeBottleneck(List.of(5)).withSeeds(List.of(1L, 2L)).withEpochs(2)
        .withBatchSize(64).withSchedule(new MeasurementSchedule(true, List.of(2), true));
    return snapshots ? c.withEstimators(List.of(new FixedWidthBinning(0.5),
        new GlobalRangeBinning(8))) : c.withEstimators(List.of(new FixedWidthBinning(0.5)));
  }

  @AfterEach
  void noFaults() {
    Disk.clear();
  }

  @ParameterizedTest
  @CsvSource({"CRASH, false", "FULL, false", "CRASH, true", "FULL, true"})
  void aJobArrayStoppedAtAnyWriteFinishesToTheLocalRunsFiles(Disk.Fault fault, boolean snapshots,
      @TempDir Path dir) throws IOException {
    Path whole = dir.resolve("whole");
    InformationBottleneck.sweep(config(snapshots)).on(DATA).writeTo(whole).saveSnapshots(snapshots)
        .run();
    Map<String, byte[]> expected = TestRuns.read(whole);

    Disk.clear();
    jobArray(dir.resolve("counted"), snapshots);
    int operations = Disk.clear();
    assertTrue(operations > 20, "operations counted: " + operations);

    for (int at = 1; at <= operations; at++) {
      Path run = dir.resolve(fault + "-" + at);
      Disk.inject(fault, at);
      try {
        jobArray(run, snapshots);
        assertEquals(Disk.Fault.FULL, fault, "the job array went on after operation " + at
            + " failed");
      } catch (Disk.SimulatedCrash | IOException expectedStop) {
        // the stop under test
      } finally {
        Disk.clear();
      }
      finish(run, snapshots);
      Map<String, byte[]> actual = TestRuns.read(run);
      assertEquals(expected.keySet(), actual.keySet(), fault + " at operation " + at);
      for (String file : expected.keySet()) {
        if (!file.equals(RunFiles.MANIFEST)) {
          assertArrayEquals(expected.get(file), actual.get(file), file + ", " + fault
              + " at operation " + at);
        }
      }
      assertEquals(TestRuns.stableManifest(expected.get(RunFiles.MANIFEST)),
          TestRuns.stableManifest(actual.get(RunFiles.MANIFEST)), fault + " at operation " + at);
    }
  }

  /** Start, one task per cell (the last cell twice: a retry), merge. */
  private static void jobArray(Path run, boolean snapshots) throws IOException {
    CellJob job = InformationBottleneck.sweep(config(snapshots)).on(DATA).writeTo(run)
        .saveSnapshots(snapshots).prepare(REFERENCE);
    for (Cell cell : job.cells()) {
      job.run(cell);
    }
    job.run(job.cells().get(job.cells().size() - 1));
    InformationBottleneck.resume(run).on(DATA).run();
  }

  /** What a user does after the stop. */
  private static void finish(Path run, boolean snapshots) throws IOException {
    if (!Files.exists(run.resolve(RunFiles.MANIFEST))) {
      jobArray(run, snapshots); // never started: the same commands again
      return;
    }
    RunFiles.lockForReport(run).close(); // any opening recovers an interrupted change
    if ("complete".equals(Json.MAPPER.readTree(run.resolve(RunFiles.MANIFEST).toFile())
        .path("status").asText())) {
      return;
    }
    CellJob job = CellJob.forRun(run, DATA, REFERENCE);
    for (SavedRun.CellStatus c : SavedRun.cellStates(run)) {
      if (c.state() == SavedRun.CellState.PENDING) {
        job.run(c.cell()); // the re-submitted tasks
      }
    }
    InformationBottleneck.resume(run).on(DATA).run();
  }

}
