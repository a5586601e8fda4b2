package io.ib.data.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.info.MutualInformationEstimator;
import io.ib.info.binning.FixedWidthBinning;
import io.ib.run.Npy;
import io.ib.run.RunStatus;
import io.ib.run.SavedRun;
import io.ib.sweep.Cell;
import io.ib.sweep.Layer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dumps in the layout of docs/import.md, written here with ib's own .npy writer, imported. */
class ActivationImportTest {
  private static final int N = 40;
  private static final List<MutualInformationEstimator> BINNING =
      List.of(new FixedWidthBinning(0.5));

  /**
   * A dump of one network: conv1 (2 x 3 x 3 per sample, written as a rank-4 array), fc1 (4),
   * out (3, the output), at steps 0, 10 and 20, with steps.csv.
   */
  static Path dump(Path dir) throws IOException {
    Random r = new Random(5);
    int[] labels = new int[N];
    for (int i = 0; i < N; i++) {
      labels[i] = i % 3;
    }
    Files.createDirectories(dir);
    Npy.writeInts(dir.resolve("labels.npy"), labels);
    Files.writeString(dir.resolve("layers.csv"), "name,kind\nconv1,convolution\nfc1,dense\n"
        + "out,output\n");
    Files.writeString(dir.resolve("steps.csv"), "step,epoch,test_accuracy\n0,0,0.3\n10,0.5,\n"
        + "20,1,0.9\n");
    for (int step : new int[] {0, 10, 20}) {
      Path s = Files.createDirectories(dir.resolve("step" + step));
      NpyFiles.writeFloats(s.resolve("conv1.npy"), random(r, N * 18), N, 2, 3, 3);
      Npy.writeFloats(s.resolve("fc1.npy"), random(r, N * 4), N, 4);
      Npy.writeFloats(s.resolve("out.npy"), random(r, N * 3), N, 3);
    }
    return dir;
  }

  static float[] random(Random r, int size) {
    float[] v = new float[size];
    for (int i = 0; i < size; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return v;
  }

  private static ActivationImport.Options options() {
    return new ActivationImport.Options(BINNING, 8, 3, List.of());
  }

  @Test
  void aDumpOfOneNetworkBecomesARun(@TempDir Path tmp) throws IOException {
    Path run = ActivationImport.run(dump(tmp.resolve("dump")), tmp.resolve("run"), options());
    SavedRun saved = SavedRun.read(run);
    assertEquals(RunStatus.COMPLETE, saved.manifest().status());
    assertEquals("import", saved.manifest().recording().get().source());
    var layers = saved.manifest().recording().get().layers(new Cell(8, 3));
    assertEquals(List.of(Layer.hidden(1), Layer.hidden(2), Layer.OUTPUT),
        List.copyOf(layers.keySet()));
    assertEquals(List.of(2, 3, 3), layers.get(Layer.hidden(1)).shape());
    assertEquals("convolution", layers.get(Layer.hidden(1)).kind());
    var measurements = saved.results().get(0).measurements();
    assertEquals(List.of(0, 10, 20), measurements.stream().map(m -> m.step()).toList());
    assertEquals(0.5, measurements.get(1).epoch());
    assertTrue(Double.isNaN(measurements.get(1).testAccuracy())); // left empty in steps.csv
    assertEquals(0.9, measurements.get(2).testAccuracy());
    assertEquals(18, measurements.get(2).estimates().get(0).layerWidth());
    assertEquals(3 * 3, saved.snapshots().entries().size());
    assertFalse(saved.snapshots().hasInputs());
  }

  @Test
  void withoutStepsCsvThePointsAreTheStepDirectories(@TempDir Path tmp) throws IOException {
    Path dump = dump(tmp.resolve("dump"));
    Files.delete(dump.resolve("steps.csv"));
    SavedRun saved = SavedRun.read(ActivationImport.run(dump, tmp.resolve("run"), options()));
    var last = saved.results().get(0).last();
    assertEquals(20, last.step());
    assertEquals(20.0, last.epoch()); // no epochs given: a point's epoch is its number
    assertTrue(Double.isNaN(last.testLoss()));
  }

  @Test
  void aDumpOfSeveralCellsNamesThemInItsDirectories(@TempDir Path tmp) throws IOException {
    Path dump = tmp.resolve("dump");
    for (String cell : new String[] {"w4-s1", "w2-s1", "w2-s2"}) {
      dump(dump.resolve(cell));
      Files.move(dump.resolve(cell).resolve("labels.npy"), dump.resolve("labels.npy"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    SavedRun saved = SavedRun.read(ActivationImport.run(dump, tmp.resolve("run"), options()));
    assertEquals(List.of(new Cell(2, 1), new Cell(4, 1), new Cell(2, 2)),
        saved.manifest().finishedCells());
  }

  /** Each damage is refused with one line that names the file. */
  @Test
  void aDamagedDumpIsRefusedNamingTheFile(@TempDir Path tmp) throws IOException {
    Path out = tmp.resolve("run");
    Path missing = dump(tmp.resolve("missing"));
    Files.delete(missing.resolve("step10/fc1.npy"));
    assertRefused(missing, out, missing.resolve("step10/fc1.npy") + ": missing");
    assertFalse(Files.exists(out)); // the layout is checked before anything is written

    Path stray = dump(tmp.resolve("stray"));
    Files.writeString(stray.resolve("step10/fc2.npy"), "");
    assertRefused(stray, out, stray.resolve("step10/fc2.npy") + ": not a layer of");

    Path shape = dump(tmp.resolve("shape"));
    Npy.writeFloats(shape.resolve("step20/fc1.npy"), new float[N * 5], N, 5);
    assertRefused(shape, out, shape.resolve("step20/fc1.npy") + ": samples of shape [5], but [4]");
    SavedRun failed = SavedRun.read(out);
    assertEquals(RunStatus.FAILED, failed.manifest().status()); // readable, and says why
    assertTrue(failed.manifest().error().get().contains("step20/fc1.npy"));

    Path nan = dump(tmp.resolve("nan"));
    float[] values = random(new Random(1), N * 3);
    values[5] = Float.NaN;
    Npy.writeFloats(nan.resolve("step10/out.npy"), values, N, 3);
    assertRefused(nan, tmp.resolve("run2"), nan.resolve("step10/out.npy").toString());

    Path rows = dump(tmp.resolve("rows"));
    Npy.writeFloats(rows.resolve("step0/out.npy"), new float[(N - 1) * 3], N - 1, 3);
    assertRefused(rows, tmp.resolve("run3"), rows.resolve("step0/out.npy") + ": 39 samples, but"
        + " labels.npy has 40 labels");

    Path steps = dump(tmp.resolve("steps"));
    Files.writeString(steps.resolve("steps.csv"), "step,epoch,accuracy\n0,0,1\n");
    assertRefused(steps, tmp.resolve("run4"), steps.resolve("steps.csv")
        + ": line 1 has column 'accuracy'");

    Path order = dump(tmp.resolve("order"));
    Files.writeString(order.resolve("layers.csv"), "name,kind\nout,output\nfc1,dense\nconv1,x\n");
    assertRefused(order, tmp.resolve("run5"), order.resolve("layers.csv")
        + ": line 3 follows the output layer");

    Path labels = dump(tmp.resolve("labels"));
    Npy.writeFloats(labels.resolve("labels.npy"), new float[] {0.5f, 1}, 2, 1);
    assertRefused(labels, tmp.resolve("run6"), labels.resolve("labels.npy").toString());
  }

  private static void assertRefused(Path dump, Path out, String start) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ActivationImport.run(dump, out, options()));
    assertTrue(e.getMessage().startsWith(start), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }
}
