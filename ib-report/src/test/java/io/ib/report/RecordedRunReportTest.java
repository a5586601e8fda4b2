package io.ib.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.info.binning.FixedWidthBinning;
import io.ib.run.RecordedLayer;
import io.ib.run.RecordedNetwork;
import io.ib.run.RecordedPoint;
import io.ib.run.RecordedRunWriter;
import io.ib.run.RecordingSettings;
import io.ib.run.RunFiles;
import io.ib.sweep.ActivationMatrix;
import io.ib.sweep.Cell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report of a run of networks trained outside ib: plots, compression, the networks' table. */
class RecordedRunReportTest {
  private static final int N = 48;

  private static RecordedNetwork network(int channels) {
    return new RecordedNetwork("small convnet (test)", List.of(
        new RecordedLayer("conv1", "convolution", List.of(channels, 2, 2), false),
        new RecordedLayer("fc1", "dense", List.of(6), false),
        new RecordedLayer("logits", "output", List.of(3), true)));
  }

  private static RecordingSettings settings() {
    int[] labels = new int[N];
    for (int i = 0; i < N; i++) {
      labels[i] = i % 3;
    }
    return new RecordingSettings("import", labels, Optional.empty(),
        List.of(new FixedWidthBinning(0.5)), true, List.of());
  }

  /** Two cells (conv1 with 2 and 4 channels), three points each; returns the report. */
  private static ReportFiles record(Path dir, RecordingSettings settings)
      throws IOException {
    Random r = new Random(4);
    try (RecordedRunWriter w = RecordedRunWriter.create(dir, settings)) {
      for (int channels : new int[] {2, 4}) {
        Cell cell = new Cell(channels, 1);
        w.startCell(cell, network(channels));
        for (int step = 0; step <= 40; step += 20) {
          List<ActivationMatrix> a = new ArrayList<>();
          for (RecordedLayer l : network(channels).layers()) {
            float[] v = new float[N * (int) l.width()];
            for (int i = 0; i < v.length; i++) {
              v[i] = (float) (r.nextGaussian() * (1 + step / 20.0));
            }
            a.add(new ActivationMatrix(v, N, (int) l.width()));
          }
          w.record(cell, new RecordedPoint(step, step / 20.0, a, OptionalDouble.of(1.0 / (step + 1)),
              OptionalDouble.of(1.0), OptionalDouble.of(0.4 + step / 100.0)));
        }
        w.finishCell(cell);
      }
      w.finish();
    }
    return Report.write(dir);
  }

  @Test
  void aRecordedRunGetsAReportThatNamesItsLayers(@TempDir Path tmp) throws IOException {
    Path dir = tmp.resolve("run");
    ReportFiles files = record(dir, settings());
    assertFalse(files.partial());
    assertFalse(files.plots().isEmpty());
    assertTrue(Files.isRegularFile(dir.resolve(RunFiles.COMPRESSION)));
    String html = Files.readString(files.html());
    assertTrue(html.contains("Recorded networks"), "the networks' table");
    assertTrue(html.contains("conv1 (convolution, 4x2x2)"), "a layer of the second cell");
    // Same layer in both cells but for its shape: named without the shape in the plots.
    assertTrue(html.contains("hidden1 = conv1 (convolution)"), "the plots' layer label");
    assertTrue(html.contains("hidden2 = fc1 (dense, 6)"));
    assertFalse(html.contains("batch_size"), "no training settings of an MLP ib did not train");
    assertFalse(html.contains("bottleneck, k units"));
    assertEquals(2, files.plots().stream().filter(p -> p.kind() == PlotFile.Kind.PROGRESS).count());
  }

  @Test
  void theReportNamesTheCapacityTheDataAndTheOutputLayerAsRecorded(@TempDir Path tmp)
      throws IOException {
    ReportFiles files = record(tmp.resolve("run"), settings().withCapacity("conv1 channels")
        .withClasses(10).withDataset("MNIST (first 600 training images)", 600));
    String html = Files.readString(files.html());
    assertTrue(html.contains("conv1 channels = 2, seed 1"), "the networks' table heads its cells");
    assertTrue(html.contains("<th>conv1 channels</th><th>seed</th>"), "the cells' table");
    assertTrue(html.contains("Training progress (one per value of conv1 channels)"), "heading");
    assertTrue(html.contains("as a function of conv1 channels."), "the capacity summary's intro");
    assertFalse(html.contains("one per conv1 channels") || html.contains("is one conv1 channels")
        || html.contains("against the conv1 channels"), "a count read as a thing");
    assertTrue(html.contains("Training progress, conv1 channels = 4"), "a progress plot's title");
    assertFalse(html.contains("k = "), "no bottleneck width k in a recorded run's report");
    assertFalse(html.contains("bottleneck width"));
    for (PlotFile plot : files.plots()) {
      if (plot.kind() == PlotFile.Kind.INFORMATION_PLANE) {
        String svg = Files.readString(plot.svg());
        assertTrue(svg.contains("conv1 channels = 2"), "the legend of " + plot.svg());
        assertFalse(svg.contains("k = 2"), plot.svg().toString());
      }
    }
    // The data as recorded; the output layer as recorded, not claimed to be logits.
    assertTrue(html.contains("<th>name</th><td>MNIST (first 600 training images)</td>"), "dataset");
    assertTrue(html.contains("<th>train_size</th><td>600</td>"));
    assertTrue(html.contains("<th>classes</th><td>10</td>"));
    assertTrue(html.contains("<th>output_layer</th><td>as recorded: logits (output)</td>"),
        "the output layer's row");
    assertFalse(html.contains("<td>logits</td>"));
  }
}
