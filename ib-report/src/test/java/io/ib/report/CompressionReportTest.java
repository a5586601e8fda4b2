package io.ib.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.run.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compression section of report.html and compression.csv, and the clipping warning. */
class CompressionReportTest {
  @TempDir
  Path tmp;

  @Test
  void fixedRangeBinningOfUnboundedLayersIsFlaggedAsPossibleClipping() throws Exception {
    SyntheticRun relu = new SyntheticRun();
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
    tanh.estimators = relu.estimators;
    tanh.activation = "tanh";
    ReportFiles bounded = Report.write(tanh.write(tmp.resolve("tanh")));
    assertFalse(Files.readString(bounded.html()).contains("Clipping."), "tanh stays inside [-1, 1]");
    assertTrue(bounded.plots().stream().noneMatch(p -> p.caption().contains("clipping")));
  }

  @Test
  void compressionCsvGivesEveryRunsPeakLastValueAndDropAndThePageLinksItsSection() throws Exception {
    SyntheticRun run = new SyntheticRun();
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
  }

  @Test
  void aRunWhereNoCellFinishedHasNeitherTheFileNorTheSectionAndAnyOtherRunHasBoth() throws Exception {
    // Measured, but no cell reached its last step: no finished cell, nothing to summarise.
    SyntheticRun cutShort = new SyntheticRun();
    cutShort.status = RunStatus.RUNNING;
    cutShort.lastStep = (w, s) -> 30;
    SyntheticRun empty = new SyntheticRun();
    empty.status = RunStatus.RUNNING;
    empty.measured = (w, s) -> false;
    for (SyntheticRun run : List.of(cutShort, empty)) {
      Path dir = run.write(tmp.resolve("none-finished-" + (run == empty ? "empty" : "cut-short")));
      String html = Files.readString(Report.write(dir).html());
      assertFalse(Files.exists(dir.resolve(Report.COMPRESSION)), dir.toString());
      assertFalse(html.contains("id=\"compression\""), dir.toString());
      assertFalse(html.contains("#compression"), dir.toString());
    }

    // A running and a failed run with some finished cells: the summary of those cells.
    SyntheticRun running = new SyntheticRun();
    running.status = RunStatus.RUNNING;
    running.estimators = List.of("binning:width=4");
    running.measured = (w, s) -> !(w == 100 && s == 2);
    running.lastStep = (w, s) -> w == 20 && s == 2 ? 30 : Integer.MAX_VALUE;
    SyntheticRun failed = new SyntheticRun();
    failed.status = RunStatus.FAILED;
    failed.estimators = running.estimators;
    failed.lastStep = (w, s) -> s == 2 ? 100 : Integer.MAX_VALUE;
    Map<SyntheticRun, Set<String>> finished = Map.of(
        running, Set.of("k = 5, seed 1", "k = 20, seed 1", "k = 100, seed 1", "k = 5, seed 2"),
        failed, Set.of("k = 5, seed 1", "k = 20, seed 1", "k = 100, seed 1"));
    for (SyntheticRun run : List.of(running, failed)) {
      Path dir = run.write(tmp.resolve("some-finished-" + run.status.id()));
      String html = Files.readString(Report.write(dir).html());
      List<String> lines = Files.readAllLines(dir.resolve(Report.COMPRESSION));
      List<String> header = List.of(lines.get(0).split(","));
      Set<String> cells = lines.stream().filter(l -> l.startsWith("run,")).map(l -> l.split(",", -1))
          .map(r -> "k = " + r[header.indexOf("width")] + ", seed " + r[header.indexOf("seed")])
          .collect(Collectors.toSet());
      assertEquals(finished.get(run), cells, dir.toString());
      assertTrue(html.contains("<a href=\"#compression\">Compression</a>"), dir.toString());
      assertTrue(html.contains("<section id=\"compression\">"), dir.toString());
    }
  }
}
