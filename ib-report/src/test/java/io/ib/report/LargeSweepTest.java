package io.ib.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep of thousands of lines is aggregated, plotted and tabulated without hanging. */
class LargeSweepTest {
  @TempDir
  Path tmp;

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
      List<BuiltPlot> figures = new Plots(data, agg).all(); // built, not painted
      assertEquals(10 + 1000 + 1 + 1, figures.size());
      String html = Html.render(data, agg, List.of(), Instant.now());
      double ixt = SyntheticRun.ixt(1000, 1, 10, "hidden2", "binning:width=10");
      assertTrue(html.contains(String.format(Locale.ROOT, "<td>%.3f</td>", ixt)), "k = 1000 missing");
    }, "hang guard");
  }
}
