package io.ib.bench.harness;

import static io.ib.bench.harness.Format.f;
import static io.ib.bench.harness.Format.mmm;
import static io.ib.bench.harness.Format.num;

import com.fasterxml.jackson.databind.JsonNode;
import io.ib.bench.common.Stats;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The tables sections 1 and 2 share: times per variant, ib's time by phase, the step time
 * distribution, the same-work check and the thread settings each JVM reported.
 */
final class SweepTables {
  private final JsonNode workload;
  private final SweepResults results;
  private final GemmLimits limits;
  private final ReportLines out;

  SweepTables(JsonNode workload, SweepResults results, GemmLimits limits, ReportLines out) {
    this.workload = workload;
    this.results = results;
    this.limits = limits;
    this.out = out;
  }

  /**
   * One row per variant: step, training, forward and (ib only) estimation time, then {@code last},
   * each as median [min .. max] over repetitions.
   */
  void sweepRows(List<Variant> variants, String format, ToDoubleFunction<SweepRun> last) {
    for (Variant v : variants) {
      List<SweepRun> r = results.of(v);
      out.line(f(format, v.label(), mmm(r, SweepRun::stepMedianMs), mmm(r, SweepRun::trainSeconds),
          mmm(r, SweepRun::forwardSeconds),
          v.contender().equals("ib") ? mmm(r, SweepRun::estimationSeconds) : "-", mmm(r, last),
          note(r)));
    }
  }

  /**
   * ib's busy time by phase (median over repetitions, summed over cells) against the 1-thread GEMM
   * floor of that phase.
   */
  void ibBreakdown(Variant ib) {
    Double train = limits.limitSeconds(false, false, false);
    Double all = limits.limitSeconds(false, true, false);
    if (ib == null || train == null) {
      return;
    }
    List<SweepRun> r = results.of(ib);
    double t = Stats.median(SweepResults.values(r, SweepRun::trainSeconds));
    double fw = Stats.median(SweepResults.values(r, SweepRun::forwardSeconds));
    double e = Stats.median(SweepResults.values(r, SweepRun::estimationSeconds));
    double sum = t + fw + e;
    out.line("");
    out.line(f("  where %s's time goes (busy s, summed over cells; the 1-thread GEMM floor of each"
        + " phase, section 3, in brackets):", ib.label()));
    out.line(f("    training %.1f s (%.0f%%) [GEMM %.1f s, x%.2f]; test forwards %.1f s (%.0f%%) [GEMM %.1f"
        + " s, x%.2f]; estimation %.1f s (%.0f%%) [no GEMM]", t, 100 * t / sum, train, t / train, fw,
        100 * fw / sum, all - train, fw / (all - train), e, 100 * e / sum));
    Flops own = limits.ibFlops();
    if (own != null) {
      double ownTrain = limits.limitSeconds(false, false, false, own);
      double ownTest = limits.limitSeconds(false, true, false, own) - ownTrain;
      out.line(f("    against the GEMM floor of the products ib computes (all-zero input columns left out):"
          + " training [GEMM %.1f s, x%.2f]; test forwards [GEMM %.1f s, x%.2f]", ownTrain,
          t / ownTrain, ownTest, fw / ownTest));
    }
  }

  void stepDistribution(List<Variant> variants) {
    StringBuilder dist = new StringBuilder("  step time distribution, ms (median over repetitions of"
        + " p50 / p90 / p99 / mean):");
    for (Variant v : variants) {
      List<SweepRun> r = results.of(v);
      dist.append(f(" %s %s / %s / %s / %s;", v.label(), num(SweepResults.field(r, "stepMedianMs")),
          num(SweepResults.field(r, "stepP90Ms")), num(SweepResults.field(r, "stepP99Ms")),
          num(SweepResults.field(r, "stepMeanMs"))));
    }
    out.line(dist.toString());
  }

  void threadSettings(List<Variant> variants) {
    out.line("");
    out.line("  Thread settings as each JVM reported them (a pool: its first worker):");
    for (Variant v : variants) {
      JsonNode t = results.of(v).get(0).result().get("threads");
      out.line("    " + v.label() + ": " + flat(t));
    }
  }

  /** Test loss at the last step every variant reached, per width: proof of the same work. */
  void sameWork(List<Variant> variants) {
    int common = Integer.MAX_VALUE;
    for (Variant v : variants) {
      for (JsonNode w : results.of(v).get(0).result().get("widths")) {
        common = Math.min(common, w.get("testLoss").size());
      }
    }
    if (common == Integer.MAX_VALUE || common == 0) {
      return;
    }
    int step = workload.get("measuredSteps").get(common - 1).asInt();
    out.line("");
    out.line("  Same work check: test loss (nats) / accuracy after step " + step + ", repetition 1:");
    int n = results.of(variants.get(0)).get(0).result().get("widths").size();
    for (int i = 0; i < n; i++) {
      StringBuilder sb = new StringBuilder();
      String width = null;
      for (Variant v : variants) {
        JsonNode w = results.of(v).get(0).result().get("widths").get(i);
        width = w.get("width").asText();
        sb.append(f("  %s %.4f / %.4f", v.label(), w.get("testLoss").get(common - 1).asDouble(),
            w.get("testAccuracy").get(common - 1).asDouble()));
      }
      out.line("    k=" + width + ":" + sb);
    }
  }

  private static String note(List<SweepRun> r) {
    return r.get(0).extrapolated() ? "extrapolated from " + r.stream().mapToInt(SweepRun::stepsRun)
        .min().orElse(0) + "+ steps/width" : "whole sweep measured";
  }

  private static String flat(JsonNode t) {
    StringBuilder sb = new StringBuilder();
    t.fields().forEachRemaining(e -> {
      if (!e.getKey().equals("availableProcessors")) {
        sb.append(e.getKey()).append('=').append(e.getValue().asText()).append(' ');
      }
    });
    return sb.toString().trim();
  }
}
