package io.ib.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.info.binning.FixedWidthBinning;
import io.ib.run.RecordedLayer;
import io.ib.run.RecordedNetwork;
import io.ib.run.RecordedPoint;
import io.ib.run.RecordedRunWriter;
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

  @Test
  void aRecordedRunGetsAReportThatNamesItsLayers(@TempDir Path tmp) throws IOException {
    int[] labels = new int[N];
    for (int i = 0; i < N; i++) {
      labels[i] = i % 3;
    }
    Random r = new Random(4);
    Path dir = tmp.resolve("run");
    try (RecordedRunWriter w = RecordedRunWriter.create(dir, new RecordedRunWriter.Settings(
        "import", labels, Optional.empty(), List.of(new FixedWidthBinning(0.5)), true,
        List.of()))) {
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
    ReportFiles files = Report.write(dir);
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
}
