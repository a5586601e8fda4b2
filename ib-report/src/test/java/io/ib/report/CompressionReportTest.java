package io.ib.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compression section of report.html and compression.csv, and the clipping warning. */
class CompressionReportTest {
  @TempDir
  Path tmp;

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
  void compressionCsvGivesEveryRunsPeakLastValueAndDropAndThePageLinksItsSection() throws Exception {
    SyntheticRun run = new SyntheticRun();
    run.fullConfig = true;
    run.estimators = List.of("binning:width=4");
    Path dir = run.write(tmp.resolve("run"));
    String html = Files.readString(Report.write(dir).html());
    List<String> lines = Files.readAllLines(dir.resolve(Report.COMPRESSION));
    List<String> header = List.of(lines.get(0).split(","));
    List<String[]> runs = lines.stream().filter(l -> l.startsWith("run,")).map(l -> l.split(",", -1))
        .toList();
    assertEquals(run.widths.size() * run.seeds.size() * run.layers.size(), runs.size());
    int last = run.steps.get(run.steps.size() - 1);
    for (String[] r : runs) {
      String layer = r[header.indexOf("layer")];
      int width = Integer.parseInt(r[header.indexOf("width")]);
      long seed = Long.parseLong(r[header.indexOf("seed")]);
      String where = layer + ", k = " + width + ", seed " + seed;
      // The synthetic I(X;T) rises at every step: its peak is its last value, and nothing is dropped.
      double ixt = SyntheticRun.ixt(width, seed, last, layer, "binning:width=4");
      assertEquals(ixt, Double.parseDouble(r[header.indexOf("peak_bits")]), 1e-9, where);
      assertEquals(ixt, Double.parseDouble(r[header.indexOf("last_bits")]), 1e-9, where);
      assertEquals(0, Double.parseDouble(r[header.indexOf("drop_bits")]), 1e-12, where);
      assertEquals("true", r[header.indexOf("learned")], where);
    }
    assertTrue(html.contains("<a href=\"#compression\">Compression</a>"), "no link to the section");
    assertTrue(html.contains("<section id=\"compression\">"), "no compression section");

    // Without a whole configuration the run's typed results cannot be read: no summary, no section.
    Path partial = new SyntheticRun().write(tmp.resolve("without-typed-results"));
    String without = Files.readString(Report.write(partial).html());
    assertFalse(Files.exists(partial.resolve(Report.COMPRESSION)));
    assertFalse(without.contains("id=\"compression\""));
    assertFalse(without.contains("#compression"));
  }
}
