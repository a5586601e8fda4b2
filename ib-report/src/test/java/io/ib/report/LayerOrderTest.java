package io.ib.report;

import static io.ib.report.ReportAssertions.assertInOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.sweep.Layer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

/** Layers from the input side in every table, panel and caption; which layer is the bottleneck. */
class LayerOrderTest {
  @TempDir
  Path tmp;

  @Test
  void outputLayerGetsItsOwnPanelAfterTheHiddenLayers() throws Exception {
    SyntheticRun run = new SyntheticRun();
    run.layers = List.of("hidden1", "hidden2", "output");
    run.estimators = List.of("binning:width=4");
    Path dir = run.write(tmp.resolve("run"));
    RunData data = RunData.read(dir);
    assertEquals(List.of(Layer.hidden(1), Layer.hidden(2), Layer.OUTPUT), data.layers());
    assertEquals(Layer.hidden(2), data.bottleneck());
    assertEquals("output (10 units)", data.layerLabel(Layer.OUTPUT));
    ReportFiles files = Report.write(dir);
    assertEquals(1 + 3 + 1, files.plots().size());
    String html = Files.readString(files.html());
    assertInOrder(html, "Layer hidden1 (256 units)", "Layer hidden2 (bottleneck, k units)",
        "Layer output (10 units)");
  }

  @Test
  void layersRunFromTheInputSideInEveryTablePanelAndCaption() throws Exception {
    SyntheticRun run = new SyntheticRun();
    run.layers = List.of("output", "hidden10", "hidden2", "hidden1");
    run.estimators = List.of("binning:width=4");
    Path dir = run.write(tmp.resolve("run"));
    RunData data = RunData.read(dir);
    List<Layer> expected = List.of(Layer.hidden(1), Layer.hidden(2), Layer.hidden(10), Layer.OUTPUT);
    assertEquals(expected, data.layers());
    // hidden10 has 256 units here: the bottleneck is the hidden layer with the cell's width.
    assertEquals(Layer.hidden(2), data.bottleneck());
    List<String> labels = expected.stream().map(data::layerLabel).toList();
    assertEquals(List.of("hidden1 (256 units)", "hidden2 (bottleneck, k units)",
        "hidden10 (256 units)", "output (10 units)"), labels);

    for (BuiltPlot b : new Plots(data, new Aggregates(data)).all()) {
      if (b.kind() == PlotFile.Kind.INFORMATION_PLANE) {
        assertEquals(labels, b.figure().panels().stream().map(XYChart::getTitle).toList(), b.stem());
        assertInOrder(b.caption(), labels.toArray(String[]::new));
      } else if (b.kind() != PlotFile.Kind.RESOLUTION) {
        List<String> titles = b.figure().panels().stream().filter(c -> c != null)
            .map(XYChart::getTitle).filter(t -> t.startsWith("I(X;T)") || t.startsWith("Final I(X;T)"))
            .toList();
        assertEquals(labels.size(), titles.size(), b.stem() + ": " + titles);
        for (int i = 0; i < labels.size(); i++) {
          assertTrue(titles.get(i).endsWith(labels.get(i)), b.stem() + ": " + titles);
        }
      }
    }
    String html = Files.readString(Report.write(dir).html());
    assertInOrder(html, labels.stream().map(l -> "Layer " + l).toArray(String[]::new));
  }

  @Test
  void theOutputLayerIsNeverTheBottleneck() throws Exception {
    SyntheticRun run = new SyntheticRun();
    run.layers = List.of("hidden1", "output");
    run.widths = List.of(10);          // the output layer has 10 units too
    run.estimators = List.of("binning:width=4");
    Path dir = run.write(tmp.resolve("run"));
    RunData data = RunData.read(dir);
    assertEquals(List.of(Layer.hidden(1), Layer.OUTPUT), data.layers());
    assertEquals(null, data.bottleneck());
    assertEquals("output (10 units)", data.layerLabel(Layer.OUTPUT));
    String html = Files.readString(Report.write(dir).html());
    assertFalse(html.contains("bottleneck, k units"), "a layer of another width called bottleneck");
    assertTrue(html.contains("Layer output (10 units)"));
  }
}
