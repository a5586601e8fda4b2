package io.ib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.data.Dataset;
import io.ib.data.DatasetReference;
import io.ib.info.binning.FixedWidthBinning;
import io.ib.info.binning.GlobalRangeBinning;
import io.ib.run.CellJob;
import io.ib.run.CellStorage;
import io.ib.run.CellStorages;
import io.ib.run.SavedRun;
import io.ib.run.TestRuns;
import io.ib.sweep.Cell;
import io.ib.sweep.SweepConfig;
import io.ib.sweep.SweepListener;
import io.ib.train.MeasurementSchedule;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cells run as independent tasks (a job array; an engine) and merged: the run directory ends byte
 * for byte as a local sweep's, whatever the order, duplicates or killed attempts.
 */
class JobArrayTest {
  /** The test data, loadable from a serialised reference as an engine's task would. */
  record Blobs(int train, int test) implements DatasetReference {
    @Override
    public Dataset load() {
      return SyntheticData.blobs(train, test, 10, 3, 7);
    }
  }

  private static final Blobs REFERENCE = new Blobs(512, 150);
  private static final Dataset DATA = REFERENCE.load();

  private static SweepConfig config() {
    return SweepConfig.notebook()
        .withWidths(List.of(2, 5))
        .withHiddenBeforeBottleneck(List.of(12))
        .withSeeds(List.of(1L, 2L))
        .withEpochs(2)
        .withBatchSize(64)
        .withSchedule(new MeasurementSchedule(true, List.of(3), true))
        .withEstimators(List.of(new FixedWidthBinning(0.5), new FixedWidthBinning(2)));
  }

  @Test
  void jobArrayTasksMergeToTheBytesOfALocalSweep(@TempDir Path dir) throws Exception {
    Path local = dir.resolve("local");
    InformationBottleneck.sweep(config()).on(DATA).writeTo(local).run();

    Path array = dir.resolve("array");
    CellJob job = InformationBottleneck.sweep(config()).on(DATA).writeTo(array).prepare(REFERENCE);
    assertEquals(config().cells(), job.cells());
    // The tasks, in any order, one of them twice (a retried task that had committed), each from a
    // serialised copy of the job as a remote process gets it.
    List<Cell> order = new ArrayList<>(job.cells());
    Collections.reverse(order);
    order.add(order.get(1));
    for (Cell cell : order) {
      roundTrip(job).run(cell);
    }
    // Debris of a killed attempt: a temporary file, and rows without their marker.
    Path cells = array.resolve("cells");
    Files.writeString(cells.resolve(".w2-s1.csv.0f0f-aa.tmp"), "2,1,half a row");
    assertEquals(4, committed(array));

    InformationBottleneck.resume(array).on(DATA).run();
    assertArrayEquals(Files.readAllBytes(local.resolve("measurements.csv")),
        Files.readAllBytes(array.resolve("measurements.csv")));
    assertEquals(TestRuns.stableManifest(local), TestRuns.stableManifest(array));
    assertFalse(Files.exists(cells), "the merge clears the committed cells");
    assertEquals(List.of("measurements.csv", "sweep.json"), files(array));
  }

  @Test
  void aCellThatDiedBeforeItsMarkerRunsAgainAtTheMerge(@TempDir Path dir) throws Exception {
    Path local = dir.resolve("local");
    InformationBottleneck.sweep(config()).on(DATA).writeTo(local).run();

    Path array = dir.resolve("array");
    CellJob job = InformationBottleneck.sweep(config()).on(DATA).writeTo(array).prepare(REFERENCE);
    for (Cell cell : job.cells().subList(0, 2)) {
      job.run(cell);
    }
    // Cell 3 died between its rows and its marker: its rows are not committed, the merge runs it.
    job.run(job.cells().get(2));
    Files.delete(array.resolve("cells/w5-s1.json"));
    assertEquals(2, committed(array));

    InformationBottleneck.resume(array).on(DATA).run();
    assertArrayEquals(Files.readAllBytes(local.resolve("measurements.csv")),
        Files.readAllBytes(array.resolve("measurements.csv")));
    assertEquals(TestRuns.stableManifest(local), TestRuns.stableManifest(array));
  }

  @Test
  void anEngineRunsTheCellsAsTasks(@TempDir Path dir) throws Exception {
    Path local = dir.resolve("local");
    InformationBottleneck.sweep(config()).on(DATA).writeTo(local).run();

    // Two threads, cells in reverse order, each from a serialised job: a stand-in for Spark.
    SweepEngine threads = new SweepEngine() {
      @Override
      public String name() {
        return "test-threads";
      }

      @Override
      public void run(CellJob job, List<Cell> cells) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
          List<Future<?>> done = new ArrayList<>();
          for (int i = cells.size() - 1; i >= 0; i--) {
            Cell cell = cells.get(i);
            CellJob copy = roundTrip(job);
            done.add(pool.submit(() -> copy.run(cell)));
          }
          for (Future<?> f : done) {
            f.get();
          }
        } catch (Exception e) {
          throw new IOException(e);
        } finally {
          pool.shutdown();
        }
      }
    };
    Path engine = dir.resolve("engine");
    // The listener hears of every committed cell once, counted up to the total (progress).
    List<String> committed = new ArrayList<>();
    SweepListener progress = new SweepListener() {
      @Override
      public void cellCommitted(Cell cell, int count, int total) {
        committed.add(count + "/" + total);
      }
    };
    InformationBottleneck.sweep(config()).on(DATA).writeTo(engine).engine(threads, REFERENCE)
        .listener(progress).run();
    assertArrayEquals(Files.readAllBytes(local.resolve("measurements.csv")),
        Files.readAllBytes(engine.resolve("measurements.csv")));
    assertEquals(TestRuns.stableManifest(local), TestRuns.stableManifest(engine));
    assertEquals(List.of("measurements.csv", "sweep.json"), files(engine));
    int cells = config().cells().size();
    List<String> expected = new ArrayList<>();
    for (int i = 1; i <= cells; i++) {
      expected.add(i + "/" + cells);
    }
    assertEquals(expected, committed);
  }

  /**
   * Tasks commit the activations too when the run keeps them or has an estimator that compares
   * every cell on one range: the merge puts them into snapshots/ as a local run does and runs that
   * estimator. Here three cells run as tasks (one twice) and the merge runs the fourth itself.
   */
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void tasksCommitActivationsForSnapshotsAndGlobalRanges(boolean keep, @TempDir Path dir)
      throws Exception {
    SweepConfig global = config().withEstimators(List.of(new FixedWidthBinning(0.5),
        new GlobalRangeBinning(10)));
    Path local = dir.resolve("local");
    InformationBottleneck.sweep(global).on(DATA).writeTo(local).saveSnapshots(keep).run();

    Path array = dir.resolve("array");
    CellJob job = InformationBottleneck.sweep(global).on(DATA).writeTo(array).saveSnapshots(keep)
        .prepare(REFERENCE);
    List<Cell> order = new ArrayList<>(job.cells().subList(1, 4));
    order.add(order.get(0));
    for (Cell cell : order) {
      roundTrip(job).run(cell);
    }
    InformationBottleneck.resume(array).on(DATA).run();
    assertArrayEquals(Files.readAllBytes(local.resolve("measurements.csv")),
        Files.readAllBytes(array.resolve("measurements.csv")));
    assertTrue(Files.readString(array.resolve("measurements.csv"))
        .contains("binning:bins=10,range=global"), "the merge ran the global-range estimator");
    assertEquals(TestRuns.stableManifest(local), TestRuns.stableManifest(array));
    assertFalse(Files.exists(array.resolve("cells")), "the merge clears the committed cells");
    assertEquals(tree(local.resolve("snapshots")), tree(array.resolve("snapshots")));
    assertEquals(keep ? List.of("measurements.csv", "snapshots", "sweep.json")
        : List.of("measurements.csv", "sweep.json"), files(array).stream()
        .filter(n -> !n.endsWith(".html") && !n.equals("plots")).toList());
  }

  /** A committed activation file changed after its commit is named, and nothing is merged. */
  @Test
  void aDamagedCommittedActivationIsNamedAndNothingIsMerged(@TempDir Path dir) throws Exception {
    Path array = dir.resolve("array");
    CellJob job = InformationBottleneck.sweep(config()).on(DATA).writeTo(array).saveSnapshots(true)
        .prepare(REFERENCE);
    job.run(job.cells().get(0));
    Path npy;
    try (Stream<Path> files = Files.list(array.resolve("cells"))) {
      npy = files.filter(p -> p.toString().endsWith(".npy")).sorted().findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(npy);
    bytes[bytes.length - 1] ^= 1;
    Files.write(npy, bytes);
    byte[] before = Files.readAllBytes(array.resolve("measurements.csv"));
    IOException e = assertThrows(IOException.class,
        () -> InformationBottleneck.resume(array).on(DATA).run());
    assertTrue(e.getMessage().contains(npy.getFileName().toString())
        && e.getMessage().contains("SHA-256"), e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(array.resolve("measurements.csv")));
  }

  /** Every file under a directory with its SHA-256, by relative path; empty if it is missing. */
  private static java.util.Map<String, String> tree(Path root) throws IOException {
    java.util.Map<String, String> result = new java.util.TreeMap<>();
    if (!Files.exists(root)) {
      return result;
    }
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        result.put(root.relativize(p).toString(), java.util.HexFormat.of().formatHex(
            java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
      }
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return result;
  }

  @Test
  void localStoragePublishesWholeFilesOnly(@TempDir Path dir) throws IOException {
    CellStorage s = CellStorages.local(dir.resolve("c"));
    assertEquals(List.of(), s.list());
    s.publish("w1-s1.csv", "a\n".getBytes(StandardCharsets.UTF_8));
    s.publish("w1-s1.csv", "b\n".getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of("w1-s1.csv"), s.list(), "no temporary file stays");
    assertEquals("b\n", new String(s.read("w1-s1.csv"), StandardCharsets.UTF_8));
    assertEquals(null, s.read("w2-s1.csv"));
  }

  /** The job as a remote process receives it. */
  static CellJob roundTrip(CellJob job) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(job);
      }
      try (ObjectInputStream in = new ObjectInputStream(
          new ByteArrayInputStream(bytes.toByteArray()))) {
        return (CellJob) in.readObject();
      }
    } catch (IOException | ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }


  private static List<String> files(Path run) throws IOException {
    try (Stream<Path> s = Files.list(run)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted()
          .toList();
    }
  }

  /** The cells committed in a run directory and not merged yet. */
  private static long committed(Path run) throws IOException {
    return SavedRun.cellStates(run).stream()
        .filter(c -> c.state() == SavedRun.CellState.COMMITTED).count();
  }
}
