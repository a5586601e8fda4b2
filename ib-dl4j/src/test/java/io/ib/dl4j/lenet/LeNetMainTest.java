package io.ib.dl4j.lenet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.data.Dataset;
import io.ib.data.LabelledData;
import io.ib.run.MeasurementRow;
import io.ib.run.RecordedLayer;
import io.ib.run.SavedRun;
import io.ib.sweep.Cell;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeNetMainTest {
  @TempDir
  Path dir;

  /** The example end to end on random 28 x 28 images (no MNIST needed): a run and its report. */
  @Test
  void theExampleWritesARunWithEveryLayerAndAReport() throws IOException {
    Path out = dir.resolve("run");
    LeNetOptions options = LeNetOptions.parse("--channels", "1,2", "--epochs", "1",
        "--train-samples", "40", "--eval-samples", "12", "--batch-size", "20",
        "--estimator", "binning:bins=4,range=point", "--out", out.toString());
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    LeNetMain.record(options, out, randomDigits(), new String[0],
        new PrintStream(printed, true, StandardCharsets.UTF_8));
    assertTrue(Files.isRegularFile(out.resolve("report.html")));
    SavedRun run = SavedRun.read(out);
    List<RecordedLayer> layers = List.copyOf(run.manifest().recording().orElseThrow()
        .layers(new Cell(2, 1)).values());
    assertEquals(List.of("conv1", "pool1", "conv2", "pool2", "dense", "output"),
        layers.stream().map(RecordedLayer::name).toList());
    assertEquals(List.of(2, 24, 24), layers.get(0).shape());
    assertEquals("output (softmax)", layers.get(5).kind());
    // What the cells vary, the data, and all 10 classes though the 12 test images show 7.
    assertEquals("conv1 channels", run.manifest().recording().orElseThrow().capacity());
    assertEquals("random (all 40 training images; measured on the first 12 test images)",
        run.manifest().dataset().name());
    assertEquals(40, run.manifest().dataset().trainSize());
    assertEquals("mnist (first 5,000 of 60,000 training images; measured on the first 1,000 test"
        + " images)", LeNetMain.dataset("mnist", 5000, 60000, 1000));
    assertEquals(10, run.manifest().dataset().classes());
    String html = Files.readString(out.resolve("report.html"));
    assertTrue(html.contains("conv1 channels = 2, seed 1"), "the report names the capacity");
    assertTrue(html.contains("as recorded: output (output (softmax))"), "the output layer");
    assertEquals(List.of(16, 4, 4), layers.get(3).shape());
    // 2 steps in one epoch: step 0 and the epoch's end (steps 10, 30, 100 lie beyond)
    assertEquals(2 * 2 * 6, run.rows().size(), "2 cells x 2 points x 6 layers");
    assertEquals(List.of(0, 2), run.rows().stream().map(MeasurementRow::step).distinct().sorted()
        .toList());
    assertTrue(printed.toString(StandardCharsets.UTF_8).contains("measuring: 4 points"),
        printed.toString(StandardCharsets.UTF_8));
  }

  @Test
  void optionMistakesGiveOneLineAndExitCode2() throws IOException {
    Files.writeString(dir.resolve("mine.txt"), "a user's file");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = LeNetMain.run(new String[] {"--channels", "2,x"}, new PrintStream(
        new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(2, code);
    assertEquals("ib-dl4j-lenet: --channels needs a positive whole number, got 'x'\n",
        err.toString(StandardCharsets.UTF_8));
    assertEquals("unknown option '--epoch'", assertThrows(IllegalArgumentException.class,
        () -> LeNetOptions.parse("--epoch", "3")).getMessage());
    assertEquals("--epochs needs a value", assertThrows(IllegalArgumentException.class,
        () -> LeNetOptions.parse("--epochs")).getMessage());
    assertEquals("--channels lists a value twice: 2,2", assertThrows(
        IllegalArgumentException.class, () -> LeNetOptions.parse("--channels", "2,2")).getMessage());
    ByteArrayOutputStream outErr = new ByteArrayOutputStream();
    assertEquals(2, LeNetMain.run(new String[] {"--out", dir.toString()}, new PrintStream(
        new ByteArrayOutputStream()), new PrintStream(outErr, true, StandardCharsets.UTF_8)));
    assertEquals("ib-dl4j-lenet: " + dir + " exists and is not an empty directory: choose another"
        + " with --out\n", outErr.toString(StandardCharsets.UTF_8));
    ByteArrayOutputStream estimatorErr = new ByteArrayOutputStream();
    assertEquals(2, LeNetMain.run(new String[] {"--estimator", "nonsense"}, new PrintStream(
        new ByteArrayOutputStream()), new PrintStream(estimatorErr, true, StandardCharsets.UTF_8)));
    assertEquals(1, estimatorErr.toString(StandardCharsets.UTF_8).lines().count());
  }

  private static Dataset randomDigits() {
    return new Dataset("random", images(40, 1, 10), images(12, 2, 7), List.of());
  }

  /** Random images labelled 0, 1, ..., shown - 1 in turn, of 10 classes. */
  private static LabelledData images(int n, long seed, int shown) {
    Random random = new Random(seed);
    float[] pixels = new float[n * 784];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = random.nextFloat();
    }
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % shown;
    }
    return LabelledData.of(pixels, n, 784, labels, 10);
  }
}
