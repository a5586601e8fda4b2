package io.ib.report;

import static io.ib.report.ReportAssertions.nonWhiteFraction;
import static io.ib.report.ReportAssertions.parseXml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** The plot files on disk: names, PNG and SVG content, regeneration. */
class PlotFilesTest {
  @TempDir
  Path tmp;

  @Test
  void writesEveryPlotAsPngAndSvgWithPredictableNames() throws Exception {
    Path dir = new SyntheticRun().write(tmp.resolve("run"));
    ReportFiles files = Report.write(dir);

    Set<String> names = files.plots().stream().map(p -> p.png().getFileName().toString())
        .collect(Collectors.toSet());
    assertEquals(Set.of("infoplane-binning-width-0.5.png", "infoplane-binning-width-1.png",
        "infoplane-binning-width-4.png", "infoplane-per-unit-bins-30-units-50.png", "progress-k5.png",
        "progress-k20.png", "progress-k100.png", "capacity.png", "resolution-binning-width.png"), names);
    assertFalse(files.partial());
    assertEquals("complete", files.status());
    for (PlotFile plot : files.plots()) {
      assertEquals(dir.resolve("plots"), plot.png().getParent());
      BufferedImage image = ImageIO.read(plot.png().toFile());
      assertNotNull(image, plot.png() + " does not decode as an image");
      assertTrue(image.getWidth() >= 800 && image.getHeight() >= 400,
          plot.png() + " is " + image.getWidth() + "x" + image.getHeight());
      assertTrue(image.getWidth() <= 3000 && image.getHeight() <= 3000, plot.png() + " is too large");
      assertTrue(nonWhiteFraction(image) > 0.02, plot.png() + " is almost blank");
      Document svg = parseXml(plot.svg());
      assertEquals("svg", svg.getDocumentElement().getNodeName());
      assertTrue(svg.getElementsByTagName("path").getLength() > 10, plot.svg() + " has almost no paths");
      assertFalse(plot.caption().isBlank());
    }
    // Report order: information planes, progress, capacity, resolution.
    List<PlotFile.Kind> kinds = files.plots().stream().map(PlotFile::kind).toList();
    List<PlotFile.Kind> sorted = new ArrayList<>(kinds);
    sorted.sort(null);
    assertEquals(sorted, kinds);
  }

  @Test
  void svgKeepsEveryTextOnThePage() throws Exception {
    Path dir = new SyntheticRun().write(tmp.resolve("run"));
    ReportFiles files = Report.write(dir);
    Pattern translate = Pattern.compile("translate\\(([-0-9.eE]+)[ ,]+([-0-9.eE]+)\\)");
    for (PlotFile plot : files.plots()) {
      Document svg = parseXml(plot.svg());
      double width = Double.parseDouble(svg.getDocumentElement().getAttribute("width").replace("px", ""));
      double height = Double.parseDouble(svg.getDocumentElement().getAttribute("height").replace("px", ""));
      org.w3c.dom.NodeList texts = svg.getElementsByTagNameNS("*", "text");
      assertTrue(texts.getLength() >= 3, plot.svg() + ": title, legend and notes should be SVG text");
      for (int i = 0; i < texts.getLength(); i++) {
        org.w3c.dom.Element t = (org.w3c.dom.Element) texts.item(i);
        double x = Double.parseDouble(t.getAttribute("x"));
        double y = Double.parseDouble(t.getAttribute("y"));
        for (org.w3c.dom.Node n = t.getParentNode(); n instanceof org.w3c.dom.Element e;
            n = n.getParentNode()) {
          Matcher m = translate.matcher(e.getAttribute("transform"));
          if (m.find()) {
            x += Double.parseDouble(m.group(1));
            y += Double.parseDouble(m.group(2));
          }
        }
        assertTrue(x >= 0 && x < width && y > 0 && y <= height, plot.svg() + ": '" + t.getTextContent()
            + "' is drawn at (" + x + ", " + y + "), off the " + width + "x" + height + " page");
      }
    }
  }

  @Test
  void regeneratingReplacesOldPlotsButKeepsOtherFiles() throws Exception {
    Path dir = new SyntheticRun().write(tmp.resolve("run"));
    Files.createDirectories(dir.resolve("plots"));
    Files.writeString(dir.resolve("plots/infoplane-gone.png"), "stale");
    Files.writeString(dir.resolve("plots/my-notes.txt"), "keep me");
    Report.write(dir);
    ReportFiles second = Report.write(dir);
    assertFalse(Files.exists(dir.resolve("plots/infoplane-gone.png")));
    assertTrue(Files.exists(dir.resolve("plots/my-notes.txt")));
    assertFalse(Files.exists(dir.resolve("report.html.tmp")));
    try (var list = Files.list(dir.resolve("plots"))) {
      assertEquals(2L * second.plots().size() + 1, list.count());
    }
  }
}
