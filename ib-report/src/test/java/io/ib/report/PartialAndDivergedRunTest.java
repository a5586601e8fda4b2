package io.ib.report;

import static io.ib.report.ReportAssertions.assertUsableRange;
import static io.ib.report.ReportAssertions.nonWhiteFraction;
import static io.ib.report.ReportAssertions.occurrences;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.info.EstimatorSpec;
import io.ib.run.RunStatus;
import io.ib.sweep.Layer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

/** Runs that are partial, have no measurements yet, or diverged: reported with what exists. */
class PartialAndDivergedRunTest {
  @TempDir
  Path tmp;

  @Test
  void partialRunIsReportedAndPlotted() throws Exception {
    SyntheticRun run = new SyntheticRun();
    run.status = RunStatus.RUNNING;
    run.measured = (w, s) -> !(w == 100 && s == 2);          // never started
    run.lastStep = (w, s) -> w == 20 && s == 2 ? 30 : Integer.MAX_VALUE; // cut short
    Path dir = run.write(tmp.resolve("run"));
    ReportFiles files = Report.write(dir);
    String html = Files.readString(files.html());

    assertTrue(files.partial());
    assertEquals("running", files.status());
    assertTrue(html.contains("Partial run"));
    assertTrue(html.contains("cells without measurements: k = 100, seed 2"), "missing cell not named");
    assertTrue(html.contains("k = 20, seed 2 (up to step 30)"), "unfinished cell not named");
    assertTrue(html.contains("4 of 6 cells finished"));
    assertEquals(files.plots().size(), occurrences(html, "data:image/png;base64,"));
    assertTrue(files.plots().size() >= 8);
    // k = 20 mixes final steps 30 and 200: the table says so.
    assertTrue(html.contains("30\u2013200"), "mixed last steps not shown");
    for (PlotFile plot : files.plots()) {
      assertNotNull(ImageIO.read(plot.png().toFile()));
    }
  }

  @Test
  void runWithoutMeasurementsGivesAReportWithoutPlots() throws Exception {
    SyntheticRun run = new SyntheticRun();
    run.status = RunStatus.RUNNING;
    run.measured = (w, s) -> false;
    Path dir = run.write(tmp.resolve("run"));
    ReportFiles files = Report.write(dir);
    String html = Files.readString(files.html());
    assertTrue(files.plots().isEmpty());
    assertTrue(files.partial());
    assertTrue(html.contains("No measurements yet"));
    assertEquals(0, occurrences(html, "data:image/png"));
  }

  @Test
  void divergedRunIsPlottedOnFiniteAxesAndTheFiguresSayWhatIsLeftOut() throws Exception {
    SyntheticRun run = new SyntheticRun();
    run.layers = List.of("hidden1", "hidden2", "output");
    run.transform = SyntheticRun::diverged;
    Path dir = run.write(tmp.resolve("run"));
    RunData data = RunData.read(dir);
    List<BuiltPlot> figures = new Plots(data, new Aggregates(data)).all();

    ReportFiles files = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> Report.write(dir),
        "hang guard");
    assertEquals(figures.size(), files.plots().size());
    for (PlotFile plot : files.plots()) {
      assertTrue(nonWhiteFraction(ImageIO.read(plot.png().toFile())) > 0.02, plot.png() + " blank");
    }
    assertTrue(Files.readString(files.html()).contains("are not finite"), "the tables do not say so");
    for (BuiltPlot b : figures) {
      for (XYChart chart : b.figure().panels()) {
        if (chart == null) {
          continue;
        }
        String where = b.stem() + " / " + chart.getTitle();
        assertUsableRange(chart.getStyler().getXAxisMin(), chart.getStyler().getXAxisMax(), where + " x");
        assertUsableRange(chart.getStyler().getYAxisMin(), chart.getStyler().getYAxisMax(), where + " y");
      }
    }
    for (EstimatorSpec estimator : data.estimators()) {
      // The information plane says how many values it leaves out, counted here from the rows.
      long nonFinite = data.rows().stream().map(r -> r.estimate().orElseThrow().estimate())
          .filter(e -> e.estimator().equals(estimator))
          .mapToLong(e -> (Double.isFinite(e.ixtBits()) ? 0 : 1) + (Double.isFinite(e.ityBits()) ? 0 : 1))
          .sum();
      BuiltPlot plane = figures.stream().filter(b -> b.kind() == PlotFile.Kind.INFORMATION_PLANE
          && b.title().endsWith(": " + estimator)).findFirst().orElseThrow();
      String notes = String.join(" ", plane.figure().notes());
      assertTrue(nonFinite > 0 && notes.contains(nonFinite + " values that are not finite"),
          estimator + ": expected a note on " + nonFinite + " values; notes: " + notes);
      // Huge but finite values stay on the plot: the x axis reaches the largest mean I(X;T).
      XYChart bottleneck = plane.figure().panels().get(data.layers().indexOf(Layer.hidden(2)));
      double largest = new Aggregates(data).trajectory(estimator, Layer.hidden(2), 100).stream()
          .mapToDouble(p -> p.ixt().mean()).filter(Double::isFinite).max().orElseThrow();
      assertTrue(largest > 1e20 && bottleneck.getStyler().getXAxisMax() >= largest,
          estimator + ": x axis ends at " + bottleneck.getStyler().getXAxisMax() + " < " + largest);
    }
    for (BuiltPlot b : figures) {
      if (b.kind() == PlotFile.Kind.PROGRESS || b.kind() == PlotFile.Kind.CAPACITY) {
        assertTrue(String.join(" ", b.figure().notes()).contains("not finite"), b.stem() + " has no note");
      }
    }
  }
}
