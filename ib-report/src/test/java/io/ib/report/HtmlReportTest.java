package io.ib.report;

import static io.ib.report.ReportAssertions.occurrences;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.run.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The content of report.html: inlined plots, escaping, the summary table, times. */
class HtmlReportTest {
  private static final Pattern DATA_PNG = Pattern.compile("data:image/png;base64,([A-Za-z0-9+/=]+)");

  @TempDir
  Path tmp;

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
      assertTrue(html.contains("href=\"plots/" + plot.svg().getFileName() + "\""),
          "no link to " + plot.svg());
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
    run.dataName = "<script>alert('x')</script> & \"quoted\"";
    run.status = RunStatus.FAILED;
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
}
