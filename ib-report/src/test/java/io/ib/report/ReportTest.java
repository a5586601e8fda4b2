package io.ib.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.info.InformationEstimate;
import io.ib.sweep.LayerEstimate;
import io.ib.sweep.Measurement;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.w3c.dom.Document;

class ReportTest {
  private static final Pattern DATA_PNG = Pattern.compile("data:image/png;base64,([A-Za-z0-9+/=]+)");

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
  void htmlInlinesEveryPlotAsPngAndLinksTheSvgs() throws Exception {
    Path dir = new SyntheticRun().write(tmp.resolve("run"));
    ReportFiles files = Report.write(dir);
    String html = Files.readString(files.html());

    Matcher m = DATA_PNG.matcher(html);
    List<byte[]> inlined = new ArrayList<>();
    while (m.find()) {
      inlined.add(Base64.getDecoder().decode(m.group(1)));
    }
    assertEquals(files.plots().size(), inlined.size());
    assertEquals(files.plots().size(), occurrences(html, "data:image/png;base64,"));
    for (int i = 0; i < files.plots().size(); i++) {
      PlotFile plot = files.plots().get(i);
      assertArrayEquals(Files.readAllBytes(plot.png()), inlined.get(i), "inline copy of " + plot.png());
      assertTrue(html.contains("href=\"plots/" + plot.svg().getFileName() + "\""), "no link to " + plot.svg());
      assertTrue(html.contains(HtmlText.escape(plot.caption())), "caption of " + plot.png() + " missing");
    }
    // Self-contained: no external resources, no scripts.
    assertFalse(html.contains("src=\"http"), "external image");
    assertFalse(html.contains("<link"), "external stylesheet");
    assertFalse(html.toLowerCase(Locale.ROOT).contains("<script"), "script in the report");
    assertTrue(html.startsWith("<!DOCTYPE html>"));
    assertTrue(html.contains("Status: <strong>complete</strong>"));
    assertFalse(html.contains("Partial run"));
  }

  @Test
  void escapesTextFromTheRunDirectory() throws Exception {
    SyntheticRun run = new SyntheticRun();
    run.note = "<script>alert('x')</script> & \"quoted\"";
    run.status = "failed";
    run.error = "diverged at <b>step 10</b>";
    Path dir = run.write(tmp.resolve("run <dir>"));
    String html = Files.readString(Report.write(dir).html());

    assertFalse(html.toLowerCase(Locale.ROOT).contains("<script"), "unescaped script tag");
    assertFalse(html.contains("<b>step"), "unescaped error text");
    assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;"));
    assertTrue(html.contains("diverged at &lt;b&gt;step 10&lt;/b&gt;"));
    assertTrue(html.contains("run &lt;dir&gt;"));
    assertTrue(html.contains("The run failed"));
  }

  @Test
  void fixedRangeBinningOfUnboundedLayersIsFlaggedAsPossibleClipping() throws Exception {
    SyntheticRun relu = new SyntheticRun();
    relu.fullConfig = true;
    relu.estimators = List.of("binning:width=0.07", "digitize:edges=30,range=-1:1");
    ReportFiles files = Report.write(relu.write(tmp.resolve("relu")));
    String html = Files.readString(files.html());
    assertTrue(html.contains("<b>Clipping.</b> The hidden layers are relu"), "no clipping note");
    assertTrue(html.contains("<code>digitize:edges=30,range=-1:1</code> (over [-1, 1]) bins over a"
        + " fixed range"), "the note names the estimator and its range");
    assertFalse(html.contains("<code>binning:width=0.07</code> (over"), "bin widths do not clip");
    for (PlotFile plot : files.plots()) {
      boolean digitize = plot.title().equals("Information plane: digitize:edges=30,range=-1:1");
      assertEquals(digitize, plot.caption().contains("can be clipping rather than compression"),
          plot.title());
    }

    SyntheticRun tanh = new SyntheticRun();
    tanh.fullConfig = true;
    tanh.estimators = relu.estimators;
    tanh.activation = "tanh";
    ReportFiles bounded = Report.write(tanh.write(tmp.resolve("tanh")));
    assertFalse(Files.readString(bounded.html()).contains("Clipping."), "tanh stays inside [-1, 1]");
    assertTrue(bounded.plots().stream().noneMatch(p -> p.caption().contains("clipping")));
  }

  @Test
  void summaryTableGivesMeanAndSampleSdOverSeeds() throws Exception {
    SyntheticRun run = new SyntheticRun();
    Path dir = run.write(tmp.resolve("run"));
    String html = Files.readString(Report.write(dir).html());
    int last = run.steps.get(run.steps.size() - 1);
    for (int width : run.widths) {
      double a = SyntheticRun.ixt(width, 1, last, "hidden2", "binning:width=4");
      double b = SyntheticRun.ixt(width, 2, last, "hidden2", "binning:width=4");
      double mean = (a + b) / 2;
      double sd = Math.abs(a - b) / Math.sqrt(2); // sample sd of two values
      String expected = String.format(Locale.ROOT, "%.3f \u00b1 %.3f", mean, sd);
      assertTrue(html.contains(expected), "k = " + width + ": expected " + expected);
      double accA = SyntheticRun.accuracy(width, 1, last);
      double accB = SyntheticRun.accuracy(width, 2, last);
      String acc = String.format(Locale.ROOT, "%.4f \u00b1 %.4f", (accA + accB) / 2,
          Math.abs(accA - accB) / Math.sqrt(2));
      assertTrue(html.contains(acc), "k = " + width + ": accuracy " + acc);
    }
    assertTrue(html.contains("Layer hidden2 (bottleneck, k units)"));
    assertTrue(html.contains("Layer hidden1 (256 units)"));
    assertTrue(html.indexOf("Layer hidden1") < html.indexOf("Layer hidden2"), "input side first");
  }

  @Test
  void partialRunIsReportedAndPlotted() throws Exception {
    SyntheticRun run = new SyntheticRun();
    run.status = "running";
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
    run.status = "running";
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
  void outputLayerGetsItsOwnPanelAfterTheHiddenLayers() throws Exception {
    SyntheticRun run = new SyntheticRun();
    run.layers = List.of("hidden1", "hidden2", "output");
    run.estimators = List.of("binning:width=4");
    Path dir = run.write(tmp.resolve("run"));
    RunData data = RunData.read(dir);
    assertEquals(List.of("hidden1", "hidden2", "output"), data.layers());
    assertEquals("hidden2", data.bottleneck());
    assertEquals("output (10 units)", data.layerLabel("output"));
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
    List<String> expected = List.of("hidden1", "hidden2", "hidden10", "output");
    assertEquals(expected, data.layers());
    // hidden10 has 256 units here: the bottleneck is the hidden layer with the cell's width.
    assertEquals("hidden2", data.bottleneck());
    List<String> labels = expected.stream().map(data::layerLabel).toList();
    assertEquals(List.of("hidden1 (256 units)", "hidden2 (bottleneck, k units)",
        "hidden10 (256 units)", "output (10 units)"), labels);

    for (Plots.Built b : new Plots(data, new Aggregates(data)).all()) {
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
    assertEquals(List.of("hidden1", "output"), data.layers());
    assertEquals(null, data.bottleneck());
    assertEquals("output (10 units)", data.layerLabel("output"));
    String html = Files.readString(Report.write(dir).html());
    assertFalse(html.contains("bottleneck, k units"), "a layer of another width called bottleneck");
    assertTrue(html.contains("Layer output (10 units)"));
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

  @Test
  void notARunDirectoryIsAnIoExceptionNamingPathAndWhatIsMissing() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    IOException e = assertThrows(IOException.class, () -> Report.write(empty));
    assertTrue(e.getMessage().contains(empty.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("sweep.json") && e.getMessage().contains("measurements.csv"),
        e.getMessage());
    assertFalse(Files.exists(empty.resolve("plots")), "wrote into a directory that is not a run");

    Path onlyManifest = Files.createDirectories(tmp.resolve("only-manifest"));
    Files.writeString(onlyManifest.resolve("sweep.json"), "{}");
    IOException e2 = assertThrows(IOException.class, () -> Report.write(onlyManifest));
    assertTrue(e2.getMessage().contains("measurements.csv is missing"), e2.getMessage());

    Path nowhere = tmp.resolve("does-not-exist");
    IOException e3 = assertThrows(NoSuchFileException.class, () -> Report.write(nowhere));
    assertTrue(e3.getMessage().contains(nowhere.toString()), e3.getMessage());

    Path file = Files.writeString(tmp.resolve("a-file"), "x");
    IOException e4 = assertThrows(IOException.class, () -> Report.write(file));
    assertTrue(e4.getMessage().contains(file + " is not a directory"), e4.getMessage());
  }

  @Test
  void malformedFilesNameTheFile() throws Exception {
    Path dir = new SyntheticRun().write(tmp.resolve("run"));
    Files.writeString(dir.resolve("sweep.json"), "{\"status\": ");
    IOException e = assertThrows(IOException.class, () -> Report.write(dir));
    assertTrue(e.getMessage().contains(dir.resolve("sweep.json").toString()), e.getMessage());

    Path dir2 = new SyntheticRun().write(tmp.resolve("run2"));
    Files.writeString(dir2.resolve("measurements.csv"), "not,the,header\n");
    IOException e2 = assertThrows(IOException.class, () -> Report.write(dir2));
    assertTrue(e2.getMessage().contains(dir2.resolve("measurements.csv").toString()), e2.getMessage());
  }

  @Test
  void manifestWithoutConfigurationIsAnIoExceptionNamingTheFile() throws Exception {
    SyntheticRun run = new SyntheticRun();
    run.withConfig = false;
    Path dir = run.write(tmp.resolve("run"));
    IOException e = assertThrows(IOException.class, () -> Report.write(dir));
    assertTrue(e.getMessage().contains(dir.resolve("sweep.json").toString()), e.getMessage());
    assertTrue(e.getMessage().contains("\"config\""), e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    assertFalse(Files.exists(dir.resolve("report.html")));
    assertFalse(Files.exists(dir.resolve("plots")));
  }

  @Test
  void manifestOfAnotherFormatIsRejectedAndTheNextIbSweepFormatAccepted() throws Exception {
    for (String format : new String[] {"ib-sweep/3", "something-else/1", "", null}) {
      SyntheticRun run = new SyntheticRun();
      run.format = format;
      Path dir = run.write(tmp.resolve("run-" + (format == null ? "none" : Specs.stem(format + "x"))));
      IOException e = assertThrows(IOException.class, () -> Report.write(dir), "format " + format);
      assertTrue(e.getMessage().contains(dir.resolve("sweep.json").toString()), e.getMessage());
      assertTrue(e.getMessage().contains("ib-sweep/1"), e.getMessage());
      assertEquals(1, e.getMessage().lines().count(), e.getMessage());
      assertFalse(Files.exists(dir.resolve("report.html")));
    }
    SyntheticRun next = new SyntheticRun();
    next.format = "ib-sweep/2";
    Path dir = next.write(tmp.resolve("run-2"));
    assertTrue(Files.exists(Report.write(dir).html()));
  }

  @Test
  void reportTimesAreShownToTheSecondInUtc() throws Exception {
    SyntheticRun run = new SyntheticRun();
    run.started = Instant.parse("2026-12-03T09:31:15.123456789Z");
    run.ended = Instant.parse("2026-12-03T11:02:07.987654321Z");
    run.resumed = List.of(Instant.parse("2026-12-03T10:00:01.000000001Z"));
    run.analysed = List.of(Instant.parse("2026-12-04T08:15:59.999999999Z"));
    Path dir = run.write(tmp.resolve("run"));
    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String html = Files.readString(Report.write(dir).html());
    Instant after = Instant.now();

    Matcher fraction = Pattern.compile("\\d\\d:\\d\\d:\\d\\d[.,]\\d").matcher(html);
    assertFalse(fraction.find(), () -> "a time with fractions of a second: " + fraction.group());
    for (Instant t : List.of(run.started, run.ended, run.resumed.get(0), run.analysed.get(0))) {
      String expected = String.format(Locale.ROOT, "%1$tF %1$tT UTC", t.atOffset(ZoneOffset.UTC));
      assertTrue(html.contains(expected), "no " + expected + " for " + t);
    }
    Matcher generated = Pattern.compile("Report generated (\\d{4}-\\d\\d-\\d\\d) (\\d\\d:\\d\\d:\\d\\d) UTC")
        .matcher(html);
    assertTrue(generated.find(), "no generation time to the second");
    Instant shown = Instant.parse(generated.group(1) + "T" + generated.group(2) + "Z");
    assertTrue(!shown.isBefore(before) && !shown.isAfter(after), shown + " not in [" + before + ", "
        + after + "]");
  }

  @Test
  void manyWidthsEstimatorsAndLayersAreAggregatedWithoutHanging() throws Exception {
    // Every (estimator, layer, width) is a line of the plots and a cell of the tables: aggregation
    // that scans all rows per line is quadratic in a sweep's size (30,000 lines of 60,000 rows here).
    SyntheticRun run = new SyntheticRun();
    run.widths = java.util.stream.IntStream.rangeClosed(1, 1000).boxed().toList();
    run.seeds = List.of(1L);
    run.steps = List.of(0, 10);
    run.layers = List.of("hidden1", "hidden2", "output");
    run.estimators = java.util.stream.IntStream.rangeClosed(1, 10).mapToObj(i -> "binning:width=" + i)
        .toList();
    Path dir = run.write(tmp.resolve("run"));
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      RunData data = RunData.read(dir);
      assertEquals(1000 * 2 * 3 * 10, data.rows().size());
      Aggregates agg = new Aggregates(data);
      List<Plots.Built> figures = new Plots(data, agg).all(); // built, not painted
      assertEquals(10 + 1000 + 1 + 1, figures.size());
      String html = Html.render(data, agg, List.of(), Instant.now());
      double ixt = SyntheticRun.ixt(1000, 1, 10, "hidden2", "binning:width=10");
      assertTrue(html.contains(String.format(Locale.ROOT, "<td>%.3f</td>", ixt)), "k = 1000 missing");
    }, "hang guard");
  }

  @Test
  void capacityAccuracyShowsTheSpreadOnAnAxisThatCannotExaggerate() throws Exception {
    // Final accuracies of these widths differ by less than a point: the axis must not blow that up.
    SyntheticRun run = new SyntheticRun();
    run.widths = List.of(40, 50, 60);
    RunData data = RunData.read(run.write(tmp.resolve("run")));
    Plots.Built capacity = capacity(data);
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
    Plots.Built capacityOfOne = capacity(single);
    XYChart accOfOne = capacityOfOne.figure().panels().get(0);
    assertEquals(null, accOfOne.getSeries("final test accuracy").getExtraValues());
    assertTrue(capacityOfOne.caption().contains("one seed: no spread"), capacityOfOne.caption());
    assertTrue(accOfOne.getStyler().getYAxisMax() - accOfOne.getStyler().getYAxisMin() >= 0.05 - 1e-12);
  }

  private static Plots.Built capacity(RunData data) {
    return new Plots(data, new Aggregates(data)).all().stream()
        .filter(b -> b.kind() == PlotFile.Kind.CAPACITY).findFirst().orElseThrow();
  }

  @Test
  void informationPlaneAxesReachTheCeilingsHoweverSmallTheEstimates() throws Exception {
    // per-unit gives about 0.001 bits: its plane must not zoom in to make that look like structure.
    SyntheticRun run = new SyntheticRun();
    run.layers = List.of("hidden1", "hidden2", "output");
    Path dir = run.write(tmp.resolve("run"));
    RunData data = RunData.read(dir);
    double log2n = Math.log(SyntheticRun.N) / Math.log(2);
    for (Plots.Built b : new Plots(data, new Aggregates(data)).all()) {
      if (b.kind() != PlotFile.Kind.INFORMATION_PLANE) {
        continue;
      }
      String estimator = b.title().substring(b.title().indexOf(": ") + 2);
      for (int i = 0; i < data.layers().size(); i++) {
        String layer = data.layers().get(i);
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

  @Test
  void divergedRunIsPlottedOnFiniteAxesAndTheFiguresSayWhatIsLeftOut() throws Exception {
    SyntheticRun run = new SyntheticRun();
    run.layers = List.of("hidden1", "hidden2", "output");
    run.transform = ReportTest::diverged;
    Path dir = run.write(tmp.resolve("run"));
    RunData data = RunData.read(dir);
    List<Plots.Built> figures = new Plots(data, new Aggregates(data)).all();

    ReportFiles files = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> Report.write(dir),
        "hang guard");
    assertEquals(figures.size(), files.plots().size());
    for (PlotFile plot : files.plots()) {
      assertTrue(nonWhiteFraction(ImageIO.read(plot.png().toFile())) > 0.02, plot.png() + " blank");
    }
    assertTrue(Files.readString(files.html()).contains("are not finite"), "the tables do not say so");
    for (Plots.Built b : figures) {
      for (XYChart chart : b.figure().panels()) {
        if (chart == null) {
          continue;
        }
        String where = b.stem() + " / " + chart.getTitle();
        assertUsableRange(chart.getStyler().getXAxisMin(), chart.getStyler().getXAxisMax(), where + " x");
        assertUsableRange(chart.getStyler().getYAxisMin(), chart.getStyler().getYAxisMax(), where + " y");
      }
    }
    for (String estimator : data.estimators()) {
      // The information plane says how many values it leaves out, counted here from the rows.
      long nonFinite = data.rows().stream().filter(r -> r.estimator().equals(estimator))
          .mapToLong(r -> (Double.isFinite(r.ixtBits()) ? 0 : 1) + (Double.isFinite(r.ityBits()) ? 0 : 1))
          .sum();
      Plots.Built plane = figures.stream().filter(b -> b.kind() == PlotFile.Kind.INFORMATION_PLANE
          && b.title().endsWith(estimator)).findFirst().orElseThrow();
      String notes = String.join(" ", plane.figure().notes());
      assertTrue(nonFinite > 0 && notes.contains(nonFinite + " values that are not finite"),
          estimator + ": expected a note on " + nonFinite + " values; notes: " + notes);
      // Huge but finite values stay on the plot: the x axis reaches the largest mean I(X;T).
      XYChart bottleneck = plane.figure().panels().get(data.layers().indexOf("hidden2"));
      double largest = new Aggregates(data).trajectory(estimator, "hidden2", 100).stream()
          .mapToDouble(p -> p.ixt().mean()).filter(Double::isFinite).max().orElseThrow();
      assertTrue(largest > 1e20 && bottleneck.getStyler().getXAxisMax() >= largest,
          estimator + ": x axis ends at " + bottleneck.getStyler().getXAxisMax() + " < " + largest);
    }
    for (Plots.Built b : figures) {
      if (b.kind() == PlotFile.Kind.PROGRESS || b.kind() == PlotFile.Kind.CAPACITY) {
        assertTrue(String.join(" ", b.figure().notes()).contains("not finite"), b.stem() + " has no note");
      }
    }
  }

  /**
   * From step 100 on: losses about 1e21 (infinite for seed 2 at step 200), chance accuracy, I(X;T)
   * about 1e20 per unit of width, I(T;Y) infinite for seed 2 at step 200 and NaN on hidden1 at step
   * 100 for seed 1.
   */
  static Measurement diverged(Measurement m) {
    if (m.step() < 100) {
      return m;
    }
    boolean blownUp = m.step() == 200 && m.cell().seed() == 2;
    double loss = blownUp ? Double.POSITIVE_INFINITY : 1e21 * (1 + m.step() / 100.0);
    List<LayerEstimate> estimates = new ArrayList<>();
    for (LayerEstimate le : m.estimates()) {
      InformationEstimate e = le.estimate();
      double ixt = 1e20 * (1 + m.cell().width()) * (1 + 0.1 * m.cell().seed());
      double ity = blownUp ? Double.POSITIVE_INFINITY
          : le.layer().equals("hidden1") && m.step() == 100 && m.cell().seed() == 1 ? Double.NaN
          : e.ityBits();
      estimates.add(new LayerEstimate(le.layer(), le.layerWidth(), new InformationEstimate(e.estimator(),
          ixt, ity, Double.NaN, e.n(), e.hyBits())));
    }
    return new Measurement(m.cell(), m.step(), m.epoch(), loss, loss, 0.098, estimates);
  }

  /** An axis range XChart can put ticks on: both ends set and finite, not degenerate for their size. */
  static void assertUsableRange(Double min, Double max, String where) {
    assertNotNull(min, where + ": minimum left to XChart");
    assertNotNull(max, where + ": maximum left to XChart");
    assertTrue(Double.isFinite(min) && Double.isFinite(max), where + ": [" + min + ", " + max + "]");
    assertTrue(max - min > 1e-6 * Math.max(Math.abs(min), Math.abs(max)), where + ": [" + min + ", "
        + max + "] is degenerate");
  }

  // ---------------------------------------------------------------- helpers

  static Document parseXml(Path file) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setValidating(false);
    // The SVG names the W3C DTD: never fetch it.
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    f.setFeature("http://xml.org/sax/features/external-general-entities", false);
    DocumentBuilder b = f.newDocumentBuilder();
    try (InputStream in = Files.newInputStream(file)) {
      return b.parse(in);
    }
  }

  static double nonWhiteFraction(BufferedImage image) {
    long n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
          n++;
        }
      }
    }
    return n / (double) (image.getWidth() * (long) image.getHeight());
  }

  static int count(BufferedImage image, Color c, int tolerance) {
    int n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        if (Math.abs(((rgb >> 16) & 0xFF) - c.getRed()) <= tolerance
            && Math.abs(((rgb >> 8) & 0xFF) - c.getGreen()) <= tolerance
            && Math.abs((rgb & 0xFF) - c.getBlue()) <= tolerance) {
          n++;
        }
      }
    }
    return n;
  }

  /** Asserts that each part occurs in the text, each after the one before. */
  static void assertInOrder(String text, String... parts) {
    int from = 0;
    for (String part : parts) {
      int at = text.indexOf(part, from);
      assertTrue(at >= 0, "'" + part + "' missing after position " + from + " (order " + List.of(parts)
          + ")");
      from = at + part.length();
    }
  }

  static int occurrences(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
      n++;
    }
    return n;
  }
}
