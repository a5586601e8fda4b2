package io.ib.report;

import static io.ib.report.ReportAssertions.count;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.info.EstimatorSpec;
import io.ib.sweep.Layer;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

/** The information planes: colours of widths and training progress, axes up to the ceilings. */
class InformationPlaneTest {
  @TempDir
  Path tmp;

  @Test
  void informationPlaneShowsEveryWidthColourAndTheProgressColours() throws Exception {
    Path dir = new SyntheticRun().write(tmp.resolve("run"));
    Report.write(dir);
    BufferedImage image = ImageIO.read(dir.resolve("plots/infoplane-binning-width-4.png").toFile());
    for (int i = 0; i < 3; i++) {
      Color c = PlotStyle.colour(i);
      assertTrue(count(image, c, 6) > 40, "width colour " + i + " barely drawn: " + count(image, c, 6));
    }
    // The last step's fill (yellow end of the colour map) and step 0's (dark purple) are on the plot.
    assertTrue(count(image, PlotStyle.PROGRESS.colour(1.0), 8) > 60, "no last-step markers");
    assertTrue(count(image, PlotStyle.PROGRESS.colour(0.0), 8) > 60, "no step-0 markers");
  }

  @Test
  void informationPlaneAxesReachTheCeilingsHoweverSmallTheEstimates() throws Exception {
    // per-unit gives about 0.001 bits: its plane must not zoom in to make that look like structure.
    SyntheticRun run = new SyntheticRun();
    run.layers = List.of("hidden1", "hidden2", "output");
    Path dir = run.write(tmp.resolve("run"));
    RunData data = RunData.read(dir);
    double log2n = Math.log(SyntheticRun.N) / Math.log(2);
    for (BuiltPlot b : new Plots(data, new Aggregates(data)).all()) {
      if (b.kind() != PlotFile.Kind.INFORMATION_PLANE) {
        continue;
      }
      EstimatorSpec estimator = EstimatorSpec.parse(b.title().substring(b.title().indexOf(": ") + 2));
      for (int i = 0; i < data.layers().size(); i++) {
        Layer layer = data.layers().get(i);
        XYChart chart = b.figure().panels().get(i);
        double minX = 0;
        double minY = 0;
        for (int width : data.measuredWidths()) {
          for (Aggregates.Point p : new Aggregates(data).trajectory(estimator, layer, width)) {
            minX = Math.min(minX, p.ixt().mean() - p.ixt().sd());
            minY = Math.min(minY, p.ity().mean() - p.ity().sd());
          }
        }
        String where = estimator + " / " + layer;
        assertTrue(chart.getStyler().getXAxisMin() <= minX, where + ": x starts above " + minX);
        assertTrue(chart.getStyler().getYAxisMin() <= minY, where + ": y starts above " + minY);
        assertTrue(chart.getStyler().getXAxisMax() >= log2n, where + ": x ends below log2 n = " + log2n
            + " at " + chart.getStyler().getXAxisMax());
        assertTrue(chart.getStyler().getYAxisMax() >= SyntheticRun.HY, where + ": y ends below H(Y) at "
            + chart.getStyler().getYAxisMax());
        assertFalse(chart.getXAxisTitle().contains("zoom") || chart.getYAxisTitle().contains("zoom"),
            where + ": " + chart.getXAxisTitle());
      }
      assertFalse(String.join(" ", b.figure().notes()).contains("zoom"), b.stem());
      assertFalse(b.caption().contains("zoom"), b.stem());
    }
  }
}
