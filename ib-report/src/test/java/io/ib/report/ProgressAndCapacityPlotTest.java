package io.ib.report;

import static io.ib.report.ReportAssertions.nonWhiteFraction;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * The progress and capacity figures: the accuracy axis and its spread, runs without estimators, one
 * layer and one seed.
 */
class ProgressAndCapacityPlotTest {
  @TempDir
  Path tmp;

  @Test
  void capacityAccuracyShowsTheSpreadOnAnAxisThatCannotExaggerate() throws Exception {
    // Final accuracies of these widths differ by less than a point: the axis must not blow that up.
    SyntheticRun run = new SyntheticRun();
    run.widths = List.of(40, 50, 60);
    RunData data = RunData.read(run.write(tmp.resolve("run")));
    BuiltPlot capacity = capacity(data);
    XYChart acc = capacity.figure().panels().get(0);
    assertEquals("Final test accuracy", acc.getTitle());
    double lo = acc.getStyler().getYAxisMin();
    double hi = acc.getStyler().getYAxisMax();
    assertTrue(hi - lo >= 0.05 - 1e-12 && lo >= 0 && hi <= 1, "accuracy axis [" + lo + ", " + hi + "]");
    int last = run.steps.get(run.steps.size() - 1);
    XYSeries series = acc.getSeries("final test accuracy");
    for (int i = 0; i < run.widths.size(); i++) {
      double a = SyntheticRun.accuracy(run.widths.get(i), 1, last);
      double b = SyntheticRun.accuracy(run.widths.get(i), 2, last);
      double mean = (a + b) / 2;
      double sd = Math.abs(a - b) / Math.sqrt(2); // sample sd of two values
      assertEquals(mean, series.getYData()[i], 1e-12);
      assertEquals(sd, series.getExtraValues()[i], 1e-12, "error bar of k = " + run.widths.get(i));
      assertTrue(lo <= mean - sd && mean + sd <= hi, "bar of k = " + run.widths.get(i) + " off the axis");
    }
    assertTrue(capacity.caption().contains("test accuracy") && capacity.caption().contains("2 seeds")
        && capacity.caption().contains("\u00b11 sample sd"), capacity.caption());

    SyntheticRun one = new SyntheticRun();
    one.seeds = List.of(3L);
    RunData single = RunData.read(one.write(tmp.resolve("one")));
    BuiltPlot capacityOfOne = capacity(single);
    XYChart accOfOne = capacityOfOne.figure().panels().get(0);
    assertEquals(null, accOfOne.getSeries("final test accuracy").getExtraValues());
    assertTrue(capacityOfOne.caption().contains("one seed: no spread"), capacityOfOne.caption());
    assertTrue(accOfOne.getStyler().getYAxisMax() - accOfOne.getStyler().getYAxisMin() >= 0.05 - 1e-12);
  }

  private static BuiltPlot capacity(RunData data) {
    return new Plots(data, new Aggregates(data)).all().stream()
        .filter(b -> b.kind() == PlotFile.Kind.CAPACITY).findFirst().orElseThrow();
  }

  @Test
  void runWithoutEstimatorsStillPlotsAccuracy() throws Exception {
    SyntheticRun run = new SyntheticRun();
    run.estimators = List.of();
    Path dir = run.write(tmp.resolve("run"));
    ReportFiles files = Report.write(dir);
    assertEquals(List.of(PlotFile.Kind.PROGRESS, PlotFile.Kind.PROGRESS, PlotFile.Kind.PROGRESS,
        PlotFile.Kind.CAPACITY), files.plots().stream().map(PlotFile::kind).toList());
    for (PlotFile plot : files.plots()) {
      assertTrue(nonWhiteFraction(ImageIO.read(plot.png().toFile())) > 0.02);
    }
    String html = Files.readString(files.html());
    double acc = SyntheticRun.accuracy(5, 1, 200);
    double acc2 = SyntheticRun.accuracy(5, 2, 200);
    assertTrue(html.contains(String.format(Locale.ROOT, "%.4f \u00b1", (acc + acc2) / 2)));
  }

  @Test
  void oneLayerAndOneSeedGiveCompleteFigures() throws Exception {
    SyntheticRun run = new SyntheticRun();
    run.layers = List.of("hidden2");
    run.seeds = List.of(7L);
    run.widths = List.of(10);
    Path dir = run.write(tmp.resolve("run"));
    ReportFiles files = Report.write(dir);
    String html = Files.readString(files.html());
    assertTrue(html.contains("Layer hidden2 (bottleneck, k units)"));
    // One seed: means only, no "±".
    double v = SyntheticRun.ixt(10, 7, 200, "hidden2", "binning:width=4");
    assertTrue(html.contains(String.format(Locale.ROOT, "<td>%.3f</td>", v)), "single-seed value");
    for (PlotFile plot : files.plots()) {
      BufferedImage image = ImageIO.read(plot.png().toFile());
      assertTrue(nonWhiteFraction(image) > 0.02, plot.png() + " almost blank");
    }
  }
}
