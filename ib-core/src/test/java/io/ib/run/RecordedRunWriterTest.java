package io.ib.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.InformationBottleneck;
import io.ib.SyntheticData;
import io.ib.info.MutualInformationEstimator;
import io.ib.info.binning.FixedWidthBinning;
import io.ib.info.binning.GlobalRangeBinning;
import io.ib.info.perunit.PerUnitEstimator;
import io.ib.sweep.ActivationMatrix;
import io.ib.sweep.Cell;
import io.ib.sweep.CellResult;
import io.ib.sweep.Layer;
import io.ib.sweep.Measurement;
import io.ib.sweep.SnapshotEntry;
import io.ib.sweep.SnapshotSource;
import io.ib.sweep.SweepConfig;
import io.ib.train.MeasurementSchedule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordedRunWriterTest {
  private static final int N = 60;
  private static final int[] LABELS = labels();

  private static int[] labels() {
    int[] y = new int[N];
    for (int i = 0; i < N; i++) {
      y[i] = i % 3;
    }
    return y;
  }

  private static RecordingSettings settings(boolean keep, MutualInformationEstimator... estimators) {
    return new RecordingSettings("test", LABELS, Optional.empty(), List.of(estimators), keep, List.of());
  }

  /** conv (c x 2 x 2) -> dense 5 -> output 3, c the capacity. */
  private static RecordedNetwork network(int channels) {
    return new RecordedNetwork("tiny convnet", List.of(
        new RecordedLayer("conv1", "convolution", List.of(channels, 2, 2), false),
        new RecordedLayer("fc1", "dense", List.of(5), false),
        new RecordedLayer("out", "output", List.of(3), true)));
  }

  private static ActivationMatrix random(Random r, int columns) {
    float[] v = new float[N * columns];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return new ActivationMatrix(v, N, columns);
  }

  private static RecordedPoint point(Random r, int step, RecordedNetwork net, double accuracy) {
    List<ActivationMatrix> a = new ArrayList<>();
    net.layers().forEach(l -> a.add(random(r, (int) l.width())));
    return new RecordedPoint(step, step / 10.0, a, OptionalDouble.of(0.5), OptionalDouble.empty(),
        OptionalDouble.of(accuracy));
  }

  @Test
  void aRecordedRunReadsBackAsARun(@TempDir Path dir) throws IOException {
    Path run = dir.resolve("run");
    Random r = new Random(1);
    try (RecordedRunWriter w = RecordedRunWriter.create(run,
        settings(true, new FixedWidthBinning(0.5), new GlobalRangeBinning(4)))) {
      for (int channels : new int[] {2, 4}) {
        Cell cell = new Cell(channels, 7);
        w.startCell(cell, network(channels));
        for (int step : new int[] {0, 10, 30}) {
          w.record(cell, point(r, step, network(channels), step / 40.0));
        }
        w.finishCell(cell);
      }
      assertEquals(run, w.finish());
    }
    SavedRun saved = SavedRun.read(run);
    RunManifest m = saved.manifest();
    assertTrue(m.isComplete());
    assertTrue(m.isRecorded());
    assertEquals("test", m.recording().get().source());
    assertEquals(network(4), m.recording().get().networks().get(new Cell(4, 7)));
    assertEquals("conv1", m.recording().get().layers(new Cell(2, 7)).get(Layer.hidden(1)).name());
    assertEquals(List.of(2, 4), m.config().widths());
    assertEquals(List.of(new Cell(2, 7), new Cell(4, 7)), m.plannedCells());
    List<CellResult> results = saved.results();
    assertEquals(2, results.size());
    Measurement last = results.get(1).last();
    assertEquals(30, last.step());
    assertEquals(3.0, last.epoch());
    assertEquals(0.75, last.testAccuracy());
    assertTrue(Double.isNaN(last.testLoss()));
    // 3 layers x (1 online estimate) while recording, then 3 x (1 deferred), per point.
    assertEquals(2 * 3 * 3 * 2, saved.rows().size());
    assertEquals(List.of(Layer.hidden(1), Layer.hidden(2), Layer.OUTPUT),
        last.estimates().stream().map(e -> e.layer()).distinct().toList());
    assertEquals(16, last.estimates().get(0).layerWidth());
    assertArrayEquals(LABELS, saved.snapshots().labels());
    assertFalse(saved.snapshots().hasInputs());
    assertEquals(2 * 3 * 3, saved.snapshots().entries().size());
    // The manifest round-trips, and says what it is instead of an MLP's training.
    String json = Files.readString(run.resolve(RunFiles.MANIFEST));
    assertFalse(json.contains("batch_size"), json);
    assertTrue(json.contains("\"recorded\""), json);
    assertArrayEquals(ManifestJson.bytes(m), Files.readAllBytes(run.resolve(RunFiles.MANIFEST)));

    // ib analyze works on it; an estimator that needs the inputs says they are missing.
    InformationBottleneck.analyze(run, List.of(new FixedWidthBinning(0.25))).run();
    assertEquals(2 * 3 * 3 * 3, SavedRun.read(run).rows().size());
    IllegalArgumentException noInputs = assertThrows(IllegalArgumentException.class,
        () -> InformationBottleneck.analyze(run, List.of(PerUnitEstimator.notebook())).run());
    assertTrue(noInputs.getMessage().contains("inputs"), noInputs.getMessage());
  }

  /** Records two cells with the same random activations; returns the run's rows as bytes. */
  private static byte[] recordTwoCells(Path run, RecordingSettings settings) throws IOException {
    Random r = new Random(3);
    try (RecordedRunWriter w = RecordedRunWriter.create(run, settings)) {
      for (int channels : new int[] {2, 4}) {
        Cell cell = new Cell(channels, 7);
        w.startCell(cell, network(channels));
        w.record(cell, point(r, 0, network(channels), 0.5));
        w.finishCell(cell);
      }
      w.finish();
    }
    return Files.readAllBytes(run.resolve(RunFiles.MEASUREMENTS));
  }

  @Test
  void aRecordingNamesItsCapacityDataAndClasses(@TempDir Path dir) throws IOException {
    RecordingSettings plain = settings(true, new FixedWidthBinning(0.5), new GlobalRangeBinning(4));
    RecordingSettings described = plain.withCapacity("conv1 channels").withClasses(10)
        .withDataset("tiny (first 600 training samples)", 600);
    byte[] plainRows = recordTwoCells(dir.resolve("plain"), plain);
    byte[] describedRows = recordTwoCells(dir.resolve("described"), described);
    RunManifest m = SavedRun.read(dir.resolve("described")).manifest();
    assertEquals("conv1 channels", m.recording().get().capacity());
    assertEquals(10, m.dataset().classes());
    assertEquals("tiny (first 600 training samples)", m.dataset().name());
    assertEquals(600, m.dataset().trainSize());
    // Labels 0, 1, 2 equally often: the majority rate is 1/3 whatever the class count.
    assertEquals(1.0 / 3, m.evaluation().majorityRate(), 1e-12);
    RunManifest p = SavedRun.read(dir.resolve("plain")).manifest();
    assertEquals(Recording.DEFAULT_CAPACITY, p.recording().get().capacity());
    assertEquals(3, p.dataset().classes());
    assertEquals("recorded (test)", p.dataset().name());
    assertEquals(0, p.dataset().trainSize());
    // Classes never seen change no estimate (plug-in H(Y) over the observed labels): same rows,
    // while recording, after it (range-based) and in ib analyze (which takes the manifest's count).
    assertArrayEquals(plainRows, describedRows);
    for (String run : new String[] {"plain", "described"}) {
      InformationBottleneck.analyze(dir.resolve(run), List.of(new FixedWidthBinning(0.25))).run();
    }
    assertArrayEquals(Files.readAllBytes(dir.resolve("plain").resolve(RunFiles.MEASUREMENTS)),
        Files.readAllBytes(dir.resolve("described").resolve(RunFiles.MEASUREMENTS)));

    // A label at or above the class count is refused, naming it; so is a blank capacity.
    IllegalArgumentException tooFew = assertThrows(IllegalArgumentException.class,
        () -> RecordedRunWriter.create(dir.resolve("few"), plain.withClasses(2)));
    assertEquals("label 2 is 2, but the recording has 2 classes (numbered from 0)",
        tooFew.getMessage());
    assertEquals("the varied capacity needs a name, e.g. conv1 channels", assertThrows(
        IllegalArgumentException.class, () -> plain.withCapacity(" ")).getMessage());
    assertThrows(IllegalArgumentException.class, () -> plain.withClasses(0));
    assertThrows(IllegalArgumentException.class, () -> plain.withDataset("mnist", -1));
    assertFalse(Files.exists(dir.resolve("few")));

    // A run written before the capacity was recorded reads as the default.
    Path manifest = dir.resolve("described").resolve(RunFiles.MANIFEST);
    String json = Files.readString(manifest);
    String field = "\"capacity\" : \"conv1 channels\",";
    assertTrue(json.contains(field), json);
    Files.writeString(manifest, json.replace(field, ""));
    assertEquals(Recording.DEFAULT_CAPACITY,
        SavedRun.read(dir.resolve("described")).manifest().recording().get().capacity());
  }

  /** As a sweep's: range-based estimators without kept snapshots save them for a while. */
  @Test
  void rangeBasedEstimatorsWithoutKeptSnapshotsUseTemporaryOnes(@TempDir Path dir)
      throws IOException {
    Path run = dir.resolve("run");
    Random r = new Random(6);
    try (RecordedRunWriter w = RecordedRunWriter.create(run, settings(false,
        new GlobalRangeBinning(4)))) {
      w.startCell(new Cell(2, 1), network(2));
      w.record(new Cell(2, 1), point(r, 0, network(2), 0.3));
      w.record(new Cell(2, 1), point(r, 5, network(2), 0.4));
      assertTrue(Files.isDirectory(run.resolve("snapshots")));
      w.finishCell(new Cell(2, 1));
      w.finish();
      assertThrows(IllegalStateException.class, () -> w.record(new Cell(2, 1),
          point(r, 9, network(2), 0.4)));
    }
    SavedRun saved = SavedRun.read(run);
    // While recording, a row of figures per point (no estimate yet), as a sweep writes; then
    // 2 points x 3 layers estimated at finish.
    assertEquals(2 + 2 * 3, saved.rows().size());
    assertFalse(saved.manifest().keepsSnapshots());
    assertFalse(Files.exists(run.resolve("snapshots")));
    assertEquals(1, saved.manifest().globalRanges().size());
  }

  @Test
  void aStoppedRecordingIsReadableAndCannotBeResumed(@TempDir Path dir) throws IOException {
    Path run = dir.resolve("run");
    Random r = new Random(2);
    try (RecordedRunWriter w = RecordedRunWriter.create(run, settings(false,
        new FixedWidthBinning(0.5)))) {
      w.startCell(new Cell(2, 1), network(2));
      w.record(new Cell(2, 1), point(r, 0, network(2), 0.3));
      w.finishCell(new Cell(2, 1));
      w.startCell(new Cell(4, 1), network(4));
      w.record(new Cell(4, 1), point(r, 0, network(4), 0.3));
    }
    SavedRun saved = SavedRun.read(run);
    assertEquals(RunStatus.FAILED, saved.manifest().status());
    assertTrue(saved.manifest().error().get().contains("width 4, seed 1"));
    assertEquals(1, saved.results().size());
    assertEquals(2 * 3, saved.rows().size()); // the unfinished cell's rows are kept
    assertEquals(List.of(SavedRun.CellState.MERGED, SavedRun.CellState.PENDING),
        saved.cellStates().stream().map(SavedRun.CellStatus::state).toList());
    IOException refused = assertThrows(IOException.class,
        () -> RunWriter.resume(run, SyntheticData.blobs(10, 10, 2, 2, 1), List.of(), null));
    assertTrue(refused.getMessage().contains("cannot retrain"), refused.getMessage());
    assertFalse(Files.exists(run.resolve("snapshots")));
  }

  @Test
  void refusesWhatASweepCouldNotHaveWritten(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("full"));
    Files.writeString(dir.resolve("full/notes.txt"), "mine");
    assertThrows(IllegalArgumentException.class,
        () -> RecordedRunWriter.create(dir.resolve("full"), settings(false)));
    assertEquals("mine", Files.readString(dir.resolve("full/notes.txt")));

    Random r = new Random(3);
    Cell cell = new Cell(2, 1);
    try (RecordedRunWriter w = RecordedRunWriter.create(dir.resolve("run"), settings(false,
        new FixedWidthBinning(0.5)))) {
      w.startCell(cell, network(2));
      RecordedPoint good = point(r, 5, network(2), 0.5);
      List<ActivationMatrix> nan = new ArrayList<>(good.activations());
      float[] v = nan.get(1).values().clone();
      v[7] = Float.NaN;
      nan.set(1, new ActivationMatrix(v, N, 5));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> w.record(cell, new RecordedPoint(5, 0, nan, OptionalDouble.empty(),
              OptionalDouble.empty(), OptionalDouble.empty())));
      assertEquals("layer fc1 (hidden2) of width 2, seed 1 at step 5 has value NaN at sample 1,"
          + " unit 2: activations must be finite", e.getMessage());
      List<ActivationMatrix> narrow = new ArrayList<>(good.activations());
      narrow.set(0, random(r, 7));
      e = assertThrows(IllegalArgumentException.class, () -> w.record(cell,
          new RecordedPoint(5, 0, narrow, OptionalDouble.empty(), OptionalDouble.empty(),
              OptionalDouble.empty())));
      assertTrue(e.getMessage().contains("expected 60 samples x 8 units"), e.getMessage());
      w.record(cell, good);
      assertThrows(IllegalArgumentException.class, () -> w.record(cell, good)); // same step
      assertThrows(IllegalStateException.class, () -> w.record(new Cell(3, 1), good));
      RecordedNetwork twoLayers = new RecordedNetwork("shallow", network(2).layers().subList(1, 3));
      assertThrows(IllegalArgumentException.class, () -> w.startCell(new Cell(3, 1), twoLayers));
      assertThrows(IllegalStateException.class, w::finish); // a cell still recording
      w.finishCell(cell);
      w.finish();
    }
    assertEquals(3, SavedRun.read(dir.resolve("run")).rows().size()); // the refused points left none
  }

  /**
   * The check at the writer: a sweep's saved activations recorded again, with its losses,
   * accuracies and epochs, give its {@code measurements.csv} byte for byte (online and range-based
   * estimates, every column), since the estimators see the same float32 values, labels and inputs.
   */
  @Test
  void aSweepsSnapshotsRecordedAgainGiveItsMeasurementsByteForByte(@TempDir Path dir)
      throws IOException {
    List<MutualInformationEstimator> estimators = List.of(new FixedWidthBinning(0.5),
        new GlobalRangeBinning(6), PerUnitEstimator.notebook());
    SweepConfig config = SweepConfig.notebook().withWidths(2, 4).withHiddenBeforeBottleneck(6)
        .withSeeds(1L).withEpochs(2).withBatchSize(64).withMeasureOutputLayer(true)
        .withSchedule(new MeasurementSchedule(true, List.of(2), true)).withEstimators(estimators);
    Path sweep = dir.resolve("sweep");
    InformationBottleneck.sweep(config).on(SyntheticData.blobs(256, 90, 6, 3, 11)).writeTo(sweep)
        .saveSnapshots(true).run();

    SavedRun saved = SavedRun.read(sweep);
    SnapshotSource snapshots = saved.snapshots();
    Map<Cell, Map<Integer, List<SnapshotEntry>>> points = new LinkedHashMap<>();
    for (SnapshotEntry e : snapshots.entries()) {
      points.computeIfAbsent(e.cell(), c -> new LinkedHashMap<>())
          .computeIfAbsent(e.step(), s -> new ArrayList<>()).add(e);
    }
    Path recorded = dir.resolve("recorded");
    try (RecordedRunWriter w = RecordedRunWriter.create(recorded, new RecordingSettings("import",
        snapshots.labels(), Optional.of(snapshots.inputs()), estimators, true, List.of()))) {
      for (CellResult cell : saved.results()) {
        List<SnapshotEntry> first = points.get(cell.cell()).values().iterator().next();
        List<RecordedLayer> layers = new ArrayList<>();
        for (SnapshotEntry e : first) {
          layers.add(new RecordedLayer(e.layer().toString(), e.layer().isHidden() ? "dense"
              : "output", List.of(e.layerWidth()), !e.layer().isHidden()));
        }
        w.startCell(cell.cell(), new RecordedNetwork("ib's MLP", layers));
        for (Measurement m : cell.measurements()) {
          List<ActivationMatrix> a = new ArrayList<>();
          for (SnapshotEntry e : points.get(cell.cell()).get(m.step())) {
            a.add(snapshots.read(e));
          }
          w.record(cell.cell(), new RecordedPoint(m.step(), m.epoch(), a, optional(m.trainLoss()),
              optional(m.testLoss()), optional(m.testAccuracy())));
        }
        w.finishCell(cell.cell());
      }
      w.finish();
    }
    assertEquals(Files.readString(sweep.resolve(RunFiles.MEASUREMENTS)),
        Files.readString(recorded.resolve(RunFiles.MEASUREMENTS)));
    assertEquals(Files.readString(sweep.resolve("snapshots/index.csv")),
        Files.readString(recorded.resolve("snapshots/index.csv")));
  }

  private static OptionalDouble optional(double value) {
    return Double.isNaN(value) ? OptionalDouble.empty() : OptionalDouble.of(value);
  }
}
