package io.ib.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ib.InformationBottleneck;
import io.ib.SyntheticData;
import io.ib.data.Dataset;
import io.ib.data.DatasetReference;
import io.ib.info.EstimatorSpec;
import io.ib.info.Estimators;
import io.ib.info.InformationEstimate;
import io.ib.info.LayerSample;
import io.ib.info.MutualInformationEstimator;
import io.ib.info.binning.FixedWidthBinning;
import io.ib.sweep.Cell;
import io.ib.sweep.SweepConfig;
import io.ib.sweep.SweepResult;
import io.ib.train.MeasurementSchedule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading runs back: equal to what the sweep returned, without any estimator's class, and never
 * trusting a file that was edited (a run's own files, or a committed cell's).
 */
class SavedRunTest {
  record Blobs(int train, int test) implements DatasetReference {
    @Override
    public Dataset load() {
      return SyntheticData.blobs(train, test, 8, 3, 11);
    }
  }

  private static final Blobs REFERENCE = new Blobs(300, 90);
  private static final Dataset DATA = REFERENCE.load();

  /** An estimator passed in code, with no provider: no registry knows its name. */
  static final class MyEstimator implements MutualInformationEstimator {
    @Override
    public EstimatorSpec spec() {
      return EstimatorSpec.of("my-estimator", "k", "3");
    }

    @Override
    public InformationEstimate estimate(LayerSample sample) {
      return new InformationEstimate(spec(), sample.width(), 0.25, Double.NaN, sample.size(),
          sample.labelEntropyBits());
    }
  }

  private static SweepConfig config(MutualInformationEstimator... estimators) {
    return SweepConfig.notebook().withWidths(List.of(2, 4)).withHiddenBeforeBottleneck(List.of(6))
        .withSeeds(List.of(1L)).withEpochs(2).withBatchSize(60)
        .withSchedule(new MeasurementSchedule(true, List.of(1), true))
        .withEstimators(List.of(estimators));
  }

  @Test
  void aRunMadeWithAnEstimatorPassedInCodeIsReadWithoutItsClassAndResumedWithIt(
      @TempDir Path dir) throws IOException {
    Path run = dir.resolve("run");
    SweepResult result = InformationBottleneck.sweep(config(new MyEstimator(),
        new FixedWidthBinning(1))).on(DATA).writeTo(run).run();

    SavedRun saved = SavedRun.read(run);
    assertTrue(saved.manifest().isComplete());
    assertEquals(result.cells(), saved.results(), "read back equal to the sweep's results");
    MutualInformationEstimator standIn = saved.config().estimators().get(0);
    assertFalse(Estimators.isAvailable(standIn), "no class is needed to read the run");
    assertEquals(EstimatorSpec.of("my-estimator", "k", "3"), standIn.spec());
    assertEquals(ManifestJson.bytes(saved.manifest()).length,
        Files.size(run.resolve(RunFiles.MANIFEST)), "written back to the same bytes");
    assertArrayEquals(Files.readAllBytes(run.resolve(RunFiles.MANIFEST)),
        ManifestJson.bytes(saved.manifest()));

    // Computing needs it: a resume refuses the stand-in with one line, and takes the estimator.
    Path stopped = dir.resolve("stopped");
    TestRuns.copy(run, stopped);
    ObjectNode m = (ObjectNode) Json.MAPPER.readTree(
        stopped.resolve(RunFiles.MANIFEST).toFile());
    m.put("status", "failed");
    ((com.fasterxml.jackson.databind.node.ArrayNode) m.get("cells")).remove(1);
    Files.write(stopped.resolve(RunFiles.MANIFEST), Json.bytes(m));
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> InformationBottleneck.resume(stopped).on(DATA).run());
    assertTrue(missing.getMessage().contains("my-estimator:k=3 is not on the class path"),
        missing.getMessage());
    InformationBottleneck.resume(stopped).using(new MyEstimator()).on(DATA).run();
    assertArrayEquals(Files.readAllBytes(run.resolve(RunFiles.MEASUREMENTS)),
        Files.readAllBytes(stopped.resolve(RunFiles.MEASUREMENTS)));
  }

  @Test
  void measurementsConvertedToCrlfAreRefusedNotRewritten(@TempDir Path dir) throws IOException {
    Path run = dir.resolve("run");
    InformationBottleneck.sweep(config(new FixedWidthBinning(1))).on(DATA).writeTo(run).run();
    Path csv = run.resolve(RunFiles.MEASUREMENTS);
    Files.writeString(csv, Files.readString(csv).replace("\n", "\r\n"));
    byte[] edited = Files.readAllBytes(csv);
    DamagedFileException e = assertThrows(DamagedFileException.class, () -> SavedRun.read(run));
    assertTrue(e.getMessage().contains("measurements.csv is damaged: line 1 ends with a carriage"
        + " return"), e.getMessage());
    ObjectNode m = (ObjectNode) Json.MAPPER.readTree(run.resolve(RunFiles.MANIFEST)
        .toFile());
    m.put("status", "failed");
    Files.write(run.resolve(RunFiles.MANIFEST), Json.bytes(m));
    assertThrows(DamagedFileException.class,
        () -> InformationBottleneck.resume(run).on(DATA).run());
    assertArrayEquals(edited, Files.readAllBytes(csv), "never repaired");
  }

  @Test
  void anEditedMarkerIsRefusedNamingItBeforeAnythingIsMerged(@TempDir Path dir) throws Exception {
    for (String edit : List.of("init_seed", "rows")) {
      Path run = dir.resolve(edit);
      CellJob job = InformationBottleneck.sweep(config(new FixedWidthBinning(1))).on(DATA)
          .writeTo(run).prepare(REFERENCE);
      for (Cell c : job.cells()) {
        job.run(c);
      }
      Path marker = run.resolve("cells/w4-s1.json");
      ObjectNode m = (ObjectNode) Json.MAPPER.readTree(marker.toFile());
      m.put(edit, m.get(edit).asLong() + 1);
      Files.write(marker, Json.bytes(m));
      byte[] manifest = Files.readAllBytes(run.resolve(RunFiles.MANIFEST));
      byte[] rows = Files.readAllBytes(run.resolve(RunFiles.MEASUREMENTS));

      IOException e = assertThrows(IOException.class,
          () -> InformationBottleneck.resume(run).on(DATA).run(), edit);
      assertTrue(e.getMessage().contains("w4-s1.json is damaged"), edit + ": " + e.getMessage());
      assertEquals(1, e.getMessage().lines().count());
      assertArrayEquals(manifest, Files.readAllBytes(run.resolve(RunFiles.MANIFEST)), edit);
      assertArrayEquals(rows, Files.readAllBytes(run.resolve(RunFiles.MEASUREMENTS)), edit);
      assertThrows(IOException.class, () -> SavedRun.cellStates(run), "listing names it too");

      // Without the bad cell's files the run lists, and resumes: the cell runs again here.
      Files.delete(marker);
      Files.delete(run.resolve("cells/w4-s1.csv"));
      assertEquals(List.of(SavedRun.CellState.COMMITTED, SavedRun.CellState.PENDING),
          SavedRun.cellStates(run).stream().map(SavedRun.CellStatus::state).toList());
      InformationBottleneck.resume(run).on(DATA).run();
      assertTrue(SavedRun.readManifest(run).isComplete(), edit);
    }
  }

  @Test
  void aReaderSeesAnInterruptedCommitAsItsRecoveryWillMakeIt(@TempDir Path dir)
      throws IOException {
    Path run = dir.resolve("run");
    InformationBottleneck.sweep(config(new FixedWidthBinning(1))).on(DATA).writeTo(run).run();
    // Stopped between the commit point and the renames of the last step: sweep.json still says
    // running, its next version says complete.
    Path manifest = run.resolve(RunFiles.MANIFEST);
    byte[] complete = Files.readAllBytes(manifest);
    ObjectNode m = (ObjectNode) Json.MAPPER.readTree(complete);
    m.put("status", "running");
    m.putNull("finished");
    Files.write(manifest, Json.bytes(m));
    Files.write(run.resolve(RunFiles.MANIFEST + ".next"), complete);
    Files.writeString(run.resolve(Journal.FILE), "{\"files\": [\"sweep.json\"]}",
        StandardCharsets.UTF_8);

    assertTrue(SavedRun.readManifest(run).isComplete());
    assertTrue(SavedRun.read(run).manifest().isComplete());
    IOException e = assertThrows(IOException.class, () -> InformationBottleneck.resume(run));
    assertTrue(e.getMessage().contains("holds a complete run"), e.getMessage());
    RunFiles.lockForReport(run).close(); // a writer recovers: the files are what the reader saw
    assertArrayEquals(complete, Files.readAllBytes(manifest));
    assertFalse(Files.exists(run.resolve(Journal.FILE)));
  }

  @Test
  void theManifestRoundTripsToTheSameBytes(@TempDir Path dir) throws IOException {
    Path run = dir.resolve("run");
    InformationBottleneck.sweep(config(new FixedWidthBinning(1),
        new io.ib.info.binning.GlobalRangeBinning(5))).on(DATA).writeTo(run).run();
    byte[] bytes = Files.readAllBytes(run.resolve(RunFiles.MANIFEST));
    RunManifest m = ManifestJson.parse(bytes, run.resolve(RunFiles.MANIFEST));
    assertArrayEquals(bytes, ManifestJson.bytes(m));
    assertEquals(Map.of(EstimatorSpec.parse("binning:bins=5,range=global"),
        m.globalRanges().values().iterator().next()), m.globalRanges());
    assertEquals(List.of(EstimatorSpec.parse("binning:bins=5,range=global")),
        m.estimates().deferred());
  }
}
