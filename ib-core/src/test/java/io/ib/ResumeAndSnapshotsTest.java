package io.ib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ib.data.Dataset;
import io.ib.info.MutualInformationEstimator;
import io.ib.info.binning.FixedRangeBinning;
import io.ib.info.binning.FixedWidthBinning;
import io.ib.info.binning.GlobalRangeBinning;
import io.ib.run.MeasurementRow;
import io.ib.run.Npy;
import io.ib.run.SavedRun;
import io.ib.sweep.Cell;
import io.ib.sweep.CellResult;
import io.ib.sweep.Layer;
import io.ib.sweep.LayerEstimate;
import io.ib.sweep.Measurement;
import io.ib.sweep.SnapshotAnalysis;
import io.ib.sweep.SnapshotEntry;
import io.ib.sweep.SnapshotSource;
import io.ib.sweep.SweepConfig;
import io.ib.sweep.SweepListener;
import io.ib.sweep.SweepResult;
import io.ib.train.MeasurementSchedule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumeAndSnapshotsTest {
  private static final Dataset DATA = SyntheticData.blobs(512, 150, 10, 3, 7);

  private static SweepConfig config() {
    return SweepConfig.notebook()
        .withWidths(List.of(2, 5, 8))
        .withHiddenBeforeBottleneck(List.of(12))
        .withSeeds(List.of(1L, 2L))
        .withEpochs(2)
        .withBatchSize(64)
        .withSchedule(new MeasurementSchedule(true, List.of(3), true))
        .withEstimators(List.of(new FixedWidthBinning(0.5)));
  }

  /**
   * Stops the sweep (like a crash) at the given measurement of the cell with the given run index;
   * counts per cell, so it works when cells run in parallel.
   */
  private static SweepListener crashAt(int cellIndex, int measurement) {
    return new SweepListener() {
      Cell target;
      int seen;

      @Override
      public void cellStarted(Cell c, int index) {
        if (index == cellIndex) {
          target = c;
        }
      }

      @Override
      public void measured(Measurement m) {
        if (m.cell().equals(target) && ++seen == measurement) {
          throw new IllegalStateException("simulated crash");
        }
      }
    };
  }

  @Test
  void resumedRunEqualsAnUninterruptedOneByteForByte(@TempDir Path dir) throws IOException {
    Path whole = dir.resolve("whole");
    InformationBottleneck.sweep(config()).on(DATA).writeTo(whole).saveSnapshots(true).run();

    // One cell at a time, so that the crash finds the first three cells finished and no other: by
    // default a sweep uses every core, and on more than one the last three cells start together
    // and take the cores in any order (parallelCellsWriteTheSameFilesAsSequentialOnes crashes a
    // parallel run).
    Path broken = dir.resolve("broken");
    assertThrows(IllegalStateException.class, () -> InformationBottleneck.sweep(config()).on(DATA)
        .writeTo(broken).saveSnapshots(true).parallelism(1).listener(crashAt(3, 2)).run());
    JsonNode failed = new ObjectMapper().readTree(broken.resolve("sweep.json").toFile());
    assertEquals("failed", failed.get("status").asText());
    assertEquals(3, failed.get("cells").size());
    // Cut the last line in half, as a kill in the middle of a write would.
    byte[] csv = Files.readAllBytes(broken.resolve("measurements.csv"));
    Files.write(broken.resolve("measurements.csv"), java.util.Arrays.copyOf(csv, csv.length - 9));

    List<Cell> resumedCells = new ArrayList<>();
    SweepResult resumed = InformationBottleneck.resume(broken).on(DATA).parallelism(1)
        .listener(new SweepListener() {
          @Override
          public void cellStarted(Cell cell, int index) {
            resumedCells.add(cell);
          }
        }).run();
    assertEquals(List.of(new Cell(2, 2), new Cell(5, 2), new Cell(8, 2)), resumedCells);
    assertEquals(6, resumed.cells().size());
    assertArrayEquals(Files.readAllBytes(whole.resolve("measurements.csv")),
        Files.readAllBytes(broken.resolve("measurements.csv")));
    assertEquals(Files.readString(whole.resolve("snapshots/index.csv")),
        Files.readString(broken.resolve("snapshots/index.csv")));
    JsonNode done = new ObjectMapper().readTree(broken.resolve("sweep.json").toFile());
    assertEquals("complete", done.get("status").asText());
    assertEquals(1, done.get("resumed").size());
    // Results rebuilt from disk for the finished cells equal the ones computed in memory.
    SweepResult fresh = InformationBottleneck.sweep(config()).on(DATA).run();
    assertEquals(fresh.cells().get(0).measurements(), resumed.cells().get(0).measurements());
  }

  @Test
  void parallelCellsWriteTheSameFilesAsSequentialOnes(@TempDir Path dir) throws IOException {
    Path one = dir.resolve("one");
    Path two = dir.resolve("two");
    SweepConfig c = config().withMeasureOutputLayer(true);
    InformationBottleneck.sweep(c).on(DATA).writeTo(one).saveSnapshots(true).run();
    SweepResult parallel = InformationBottleneck.sweep(c).on(DATA).writeTo(two).saveSnapshots(true)
        .parallelism(2).run();
    assertArrayEquals(Files.readAllBytes(one.resolve("measurements.csv")),
        Files.readAllBytes(two.resolve("measurements.csv")));
    assertEquals(Files.readString(one.resolve("snapshots/index.csv")),
        Files.readString(two.resolve("snapshots/index.csv")));
    JsonNode a = new ObjectMapper().readTree(one.resolve("sweep.json").toFile()).get("cells");
    JsonNode b = new ObjectMapper().readTree(two.resolve("sweep.json").toFile()).get("cells");
    for (int i = 0; i < a.size(); i++) {
      assertEquals(a.get(i).get("width"), b.get(i).get("width"));
      assertEquals(a.get(i).get("seed"), b.get(i).get("seed"));
    }
    assertEquals(c.cells(), parallel.cells().stream().map(CellResult::cell).toList());

    // A crash while two cells run, then a parallel resume: still the same bytes.
    Path broken = dir.resolve("broken");
    assertThrows(IllegalStateException.class, () -> InformationBottleneck.sweep(c).on(DATA)
        .writeTo(broken).saveSnapshots(true).parallelism(2).listener(crashAt(3, 2)).run());
    InformationBottleneck.resume(broken).on(DATA).parallelism(2).run();
    assertArrayEquals(Files.readAllBytes(one.resolve("measurements.csv")),
        Files.readAllBytes(broken.resolve("measurements.csv")));
    assertEquals(Files.readString(one.resolve("snapshots/index.csv")),
        Files.readString(broken.resolve("snapshots/index.csv")));
  }

  @Test
  void resumeRefusesOtherDataAndFinishedRuns(@TempDir Path dir) throws IOException {
    Path run = dir.resolve("run");
    InformationBottleneck.sweep(config().withSeeds(List.of(1L))).on(DATA).writeTo(run).run();
    IOException complete = assertThrows(IOException.class,
        () -> InformationBottleneck.resume(run).on(DATA).run());
    assertTrue(complete.getMessage().contains("nothing to resume"), complete.getMessage());

    Path broken = dir.resolve("broken");
    assertThrows(IllegalStateException.class, () -> InformationBottleneck.sweep(config()).on(DATA)
        .writeTo(broken).listener(crashAt(0, 2)).run());
    Dataset other = SyntheticData.blobs(500, 150, 10, 3, 7);
    IOException mismatch = assertThrows(IOException.class,
        () -> InformationBottleneck.resume(broken).on(other).run());
    assertTrue(mismatch.getMessage().contains("data differs"), mismatch.getMessage());
    IOException notARun = assertThrows(IOException.class, () -> InformationBottleneck.resume(dir));
    assertTrue(notARun.getMessage().contains("not an ib run directory"), notARun.getMessage());
  }

  @Test
  void snapshotsHoldEveryMeasuredLayerAndReanalysisReproducesTheOnlineRows(@TempDir Path dir)
      throws IOException {
    Path run = dir.resolve("run");
    SweepConfig c = config().withSeeds(List.of(1L)).withWidths(List.of(4)).withMeasureOutputLayer(true);
    InformationBottleneck.sweep(c).on(DATA).writeTo(run).saveSnapshots(true).run();
    SnapshotSource saved = SavedRun.read(run).snapshots();
    List<SnapshotEntry> entries = saved.entries();
    // step 0, 3, 8, 16 x (hidden1, hidden2, output)
    assertEquals(4 * 3, entries.size());
    assertEquals(List.of(Layer.hidden(1), Layer.hidden(2), Layer.OUTPUT),
        entries.subList(0, 3).stream().map(SnapshotEntry::layer).toList());
    Npy.FloatMatrix output = Npy.readFloats(run.resolve("snapshots/w4-s1/step0000000-output.npy"));
    assertEquals(150, output.rows());
    assertEquals(3, output.columns());
    assertArrayEquals(output.values(), saved.read(entries.get(2)).values());
    assertArrayEquals(DATA.test().labels(), saved.labels());

    List<MeasurementRow> online = SavedRun.read(run).rows();
    List<Measurement> again = analyse(run, new FixedWidthBinning(0.5));
    assertEquals(4, again.size());
    int i = 0;
    for (Measurement m : again) {
      for (LayerEstimate e : m.estimates()) {
        MeasurementRow row = online.get(i++);
        LayerEstimate stored = row.estimate().orElseThrow();
        assertEquals(stored.layer(), e.layer());
        assertEquals(stored.estimate().ixtBits(), e.estimate().ixtBits(), 0);
        assertEquals(stored.estimate().ityBits(), e.estimate().ityBits(), 0);
        assertEquals(row.testAccuracy(), m.testAccuracy(), 0);
      }
    }
    assertEquals(online.size(), i);
  }

  @Test
  void globalRangeBinningEqualsFixedRangeBinningOverTheRecordedRange(@TempDir Path dir)
      throws IOException {
    Path run = dir.resolve("run");
    SweepConfig c = config().withSeeds(List.of(1L)).withEstimators(
        List.<MutualInformationEstimator>of(new GlobalRangeBinning(6), new FixedWidthBinning(1)));
    SweepResult result = InformationBottleneck.sweep(c).on(DATA).writeTo(run).run();
    JsonNode manifest = new ObjectMapper().readTree(run.resolve("sweep.json").toFile());
    JsonNode ranges = manifest.get("global_ranges").get("binning:bins=6,range=global");
    assertTrue(Files.notExists(run.resolve("snapshots")), "temporary snapshots are removed");

    List<LayerEstimate> rows = SavedRun.read(run).rows().stream()
        .flatMap(r -> r.estimate().stream()).toList();
    // The global rows come after the online ones; recompute them with a fixed range from the
    // manifest on a second run that keeps its snapshots.
    Path again = dir.resolve("again");
    InformationBottleneck.sweep(c.withEstimators(List.of(new FixedWidthBinning(1)))).on(DATA)
        .writeTo(again).saveSnapshots(true).run();
    for (Layer layer : List.of(Layer.hidden(1), Layer.hidden(2))) {
      double lo = ranges.get(layer.toString()).get(0).asDouble();
      double hi = ranges.get(layer.toString()).get(1).asDouble();
      List<Measurement> fixed = analyse(again, new FixedRangeBinning(6, lo, hi));
      List<double[]> expected = new ArrayList<>();
      fixed.forEach(m -> m.estimates().stream().filter(e -> e.layer().equals(layer))
          .forEach(e -> expected.add(new double[] {e.estimate().ixtBits(), e.estimate().ityBits()})));
      List<double[]> actual = new ArrayList<>();
      rows.stream().filter(r -> r.estimate().estimator().toString()
          .equals("binning:bins=6,range=global") && r.layer().equals(layer))
          .forEach(r -> actual.add(new double[] {r.estimate().ixtBits(), r.estimate().ityBits()}));
      assertEquals(expected.size(), actual.size());
      for (int i = 0; i < expected.size(); i++) {
        assertArrayEquals(expected.get(i), actual.get(i), 0);
      }
    }
    // The in-memory result carries the global estimates too.
    long globalInMemory = result.measurements().stream().flatMap(m -> m.estimates().stream())
        .filter(e -> e.estimate().estimator().toString().equals("binning:bins=6,range=global")).count();
    assertEquals(rows.stream().filter(r -> r.estimate().estimator().toString().contains("global"))
        .count(), globalInMemory);
    assertThrows(IllegalArgumentException.class,
        () -> InformationBottleneck.sweep(c).on(DATA).run(), "needs an output directory");
  }

  /** The estimator over a run's snapshots, without adding anything to the run. */
  private static List<Measurement> analyse(Path run, MutualInformationEstimator estimator)
      throws IOException {
    SavedRun saved = SavedRun.read(run);
    return SnapshotAnalysis.run(saved.snapshots(), List.of(estimator), saved.results(),
        io.ib.nn.Quantization.NONE).measurements();
  }

  @Test
  void npyFilesLoadInNumpy(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("a.npy");
    float[] values = {0f, 1.5f, -2f, 3.25f, 1e-7f, Float.MAX_VALUE};
    Npy.writeFloats(file, values, 2, 3);
    Npy.writeInts(dir.resolve("b.npy"), new int[] {3, 1, 4});
    Npy.FloatMatrix back = Npy.readFloats(file);
    assertArrayEquals(values, back.values());
    assertEquals(2, back.rows());
    String python = System.getenv().getOrDefault("IB_PYTHON", "python3");
    Process check;
    try {
      check = new ProcessBuilder(python, "-c", "import numpy as np, sys\n"
          + "a = np.load(sys.argv[1]); b = np.load(sys.argv[2])\n"
          + "print(a.dtype, a.shape, repr(a.tolist()), b.dtype, b.tolist())", file.toString(),
          dir.resolve("b.npy").toString()).redirectErrorStream(true).start();
    } catch (IOException e) {
      org.junit.jupiter.api.Assumptions.abort("python3 not found: " + e.getMessage());
      return;
    }
    String out = new String(check.getInputStream().readAllBytes()).trim();
    org.junit.jupiter.api.Assumptions.assumeFalse(out.contains("No module named 'numpy'"),
        "NumPy is not installed for " + python);
    assertEquals(0, check.waitFor(), out);
    assertEquals("float32 (2, 3) [[0.0, 1.5, -2.0], [3.25, 1.0000000116860974e-07, "
        + "3.4028234663852886e+38]] int32 [3, 1, 4]", out);
  }
}
