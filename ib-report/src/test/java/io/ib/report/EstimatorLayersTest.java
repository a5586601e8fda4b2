package io.ib.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.sweep.Layer;
import io.ib.sweep.LayerEstimate;
import io.ib.sweep.Measurement;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

/**
 * Estimators that measure only some layers (gaussian-dropout the last hidden one, sp no output
 * layer): every per-layer figure draws the layers that have rows, never an empty panel.
 */
class EstimatorLayersTest {
  /** Measures hidden2 only, as gaussian-dropout measures the last hidden layer. */
  private static final String LAST_HIDDEN_ONLY = "binning:width=4";
  /** Measures the hidden layers, not the output, as sp. */
  private static final String NO_OUTPUT = "binning:width=1";
  /** Measures every layer. */
  private static final String ALL_LAYERS = "per-unit:bins=30,units=50";

  @TempDir
  Path tmp;

  @Test
  void perLayerFiguresDrawOnlyTheLayersAnEstimatorMeasured() throws Exception {
    SyntheticRun run = new SyntheticRun();
    run.widths = List.of(5, 20);
    run.estimators = List.of(LAST_HIDDEN_ONLY, NO_OUTPUT, ALL_LAYERS);
    run.layers = List.of("hidden1", "hidden2", "output");
    run.transform = m -> new Measurement(m.cell(), m.step(), m.epoch(), m.trainLoss(), m.testLoss(),
        m.testAccuracy(), m.estimates().stream().filter(EstimatorLayersTest::kept).toList());
    RunData data = RunData.read(run.write(tmp.resolve("run")));
    assertEquals(3, data.layers().size(), "the run has rows for all three layers");
    List<BuiltPlot> plots = new Plots(data, new Aggregates(data)).all();

    assertEquals(List.of(label(data, "hidden2")), titles(plane(plots, LAST_HIDDEN_ONLY)));
    assertEquals(List.of(label(data, "hidden1"), label(data, "hidden2")),
        titles(plane(plots, NO_OUTPUT)));
    assertTrue(plane(plots, LAST_HIDDEN_ONLY).caption().contains("one panel per layer that this"
        + " estimator measured"), plane(plots, LAST_HIDDEN_ONLY).caption());

    assertEquals(3, titles(plane(plots, ALL_LAYERS)).size());

    // The binning family of both widths measured hidden1 and hidden2 between them, never the output.
    List<BuiltPlot> resolution = plots.stream().filter(b -> b.kind() == PlotFile.Kind.RESOLUTION).toList();
    assertEquals(1, resolution.size());
    assertEquals(List.of("Final I(X;T) \u2014 " + label(data, "hidden1"),
        "Final I(T;Y) \u2014 " + label(data, "hidden1"), "Final I(X;T) \u2014 " + label(data, "hidden2"),
        "Final I(T;Y) \u2014 " + label(data, "hidden2")), titles(resolution.get(0)));
  }

  private static boolean kept(LayerEstimate e) {
    String spec = e.estimate().estimator().toString();
    String layer = e.layer().toString();
    if (spec.equals(ALL_LAYERS)) {
      return true;
    }
    return spec.equals(LAST_HIDDEN_ONLY) ? layer.equals("hidden2") : !layer.equals("output");
  }

  private static String label(RunData data, String layer) {
    return data.layerLabel(Layer.parse(layer));
  }

  private static BuiltPlot plane(List<BuiltPlot> plots, String estimator) {
    return plots.stream().filter(b -> b.kind() == PlotFile.Kind.INFORMATION_PLANE
        && b.title().equals("Information plane: " + estimator)).findFirst().orElseThrow();
  }

  private static List<String> titles(BuiltPlot plot) {
    return plot.figure().panels().stream().filter(Objects::nonNull).map(XYChart::getTitle).toList();
  }
}
