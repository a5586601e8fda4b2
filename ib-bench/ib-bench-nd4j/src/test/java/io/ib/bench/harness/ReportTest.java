package io.ib.bench.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.bench.common.Stats;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {
  @Test
  void everySectionIsWrittenOnceInOrder() {
    String text = new BenchReportFixture().report().render();
    int from = 0;
    for (String heading : List.of("ib benchmark", "1. The sweep with 1 thread each",
        "2. The sweep with 2 cores each", "3. GEMM throughput", "4. ib's training step",
        "5. Estimator throughput", "benchmark wall time 1235 s")) {
      int at = text.indexOf(heading, from);
      assertTrue(at >= 0, "'" + heading + "' missing or out of order");
      assertEquals(-1, text.indexOf(heading, at + heading.length()), "'" + heading + "' twice");
      from = at + heading.length();
    }
    assertFalse(text.contains("(skipped)"));
    assertFalse(text.contains("FAILURES"));
  }

  @Test
  void theTimesOfEachVariantAreTheMedianAndRangeOverRepetitions() {
    BenchReportFixture fixture = new BenchReportFixture();
    String text = fixture.report().render();
    for (Variant v : Variant.of(1, List.of("ib", "libtorch", "dl4j"))) {
      double[] steps = fixture.runs().stream().filter(r -> r.variant().equals(v))
          .mapToDouble(SweepRun::stepMedianMs).toArray();
      String figure = Format.num(Stats.median(steps)) + " [" + Format.num(Stats.min(steps)) + " .. "
          + Format.num(Stats.max(steps)) + "]";
      assertTrue(text.lines().anyMatch(l -> l.startsWith(String.format("%-9s %s", v.label(), figure))),
          v.label() + ": no row starting with its step time " + figure);
    }
  }

  @Test
  void skippedMeasurementsAndFailedSweepsAreSaid() {
    BenchReportFixture fixture = new BenchReportFixture();
    fixture.gemm = false;
    fixture.profile = false;
    fixture.estimators = false;
    fixture.failures = List.of("dl4j 1 JVM x 2 thr sweep, 2 cores, repetition 1/2: exit code 1");
    String text = fixture.report().render();
    assertEquals(3, text.split("\\(skipped\\)", -1).length - 1, "GEMM, profile and estimators");
    assertTrue(text.contains("FAILURES:\n  " + fixture.failures.get(0) + "\n"), text);
    // Without GEMM rates there is no limit to compare with.
    assertFalse(text.contains("GEMM-bound limit  "), text);
  }
}
