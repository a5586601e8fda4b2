package io.ib.bench.harness;

import static io.ib.bench.harness.Format.f;
import static io.ib.bench.harness.Format.multiples;
import static io.ib.bench.harness.Format.num;
import static io.ib.bench.harness.Format.pct;

import com.fasterxml.jackson.databind.JsonNode;
import io.ib.bench.common.Stats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Section 2: the sweep with all cores each, wall time end to end, the load balance of the pools, and
 * the headline ratios of ib against each contender's faster variant and the GEMM-bound limits.
 */
final class AllCoresSection {
  private final Bench.Settings s;
  private final JsonNode workload;
  private final SweepResults results;
  private final GemmLimits limits;
  private final SweepTables tables;
  private final ReportLines out;

  AllCoresSection(Bench.Settings s, JsonNode workload, SweepResults results, GemmLimits limits,
      SweepTables tables, ReportLines out) {
    this.s = s;
    this.workload = workload;
    this.results = results;
    this.limits = limits;
    this.tables = tables;
    this.out = out;
  }

  /** Writes the section for {@code cores} cores each, if any variant ran it. */
  void write(int cores) {
    List<Variant> variants = results.present(cores);
    if (variants.isEmpty()) {
      return;
    }
    boolean all = cores == Runtime.getRuntime().availableProcessors();
    out.line("");
    out.line("-".repeat(100));
    out.line("2. The sweep with " + cores + " cores each" + (all ? " (all cores of this machine)" : "")
        + ": wall time of the whole sweep, end to end");
    for (Variant v : variants) {
      out.line("  " + f("%-26s", v.label()) + " " + v.description());
    }
    out.line(f("  %-26s %-20s %-20s %-20s %-19s %-22s %s", "", "step ms", "train s (sum)",
        "forward s (sum)", "estimation s (sum)", "WALL s (whole sweep)", ""));
    tables.sweepRows(variants, "  %-26s %-20s %-20s %-20s %-19s %-22s %s", SweepRun::wallSeconds);
    out.line("  WALL = from the sweep's start (after each JVM's warm-up) to its last result: training,"
        + " test forwards and (ib) estimation;");
    out.line("  train/forward/estimation are summed over the cells or widths running at once (busy time of"
        + " all cores), so they can exceed the wall time.");
    tables.stepDistribution(variants);
    assignments(variants);

    Variant ib = SweepResults.find(variants, "ib");
    if (ib != null) {
      out.line("");
      out.line("  Ratios (ib time / other's time; < 1 means ib is faster):");
      out.line(f("  %-38s %-26s %-26s", "", "WALL, whole sweep", "busy train+forward"));
      for (String other : List.of("libtorch", "dl4j")) {
        List<Variant> vs = variants.stream().filter(v -> v.contender().equals(other)).toList();
        if (vs.isEmpty()) {
          continue;
        }
        for (Variant v : vs) {
          out.line(f("  %-38s %-26s %-26s", "ib / " + v.label(), results.ratio(ib, v, SweepRun::wallSeconds),
              results.ratio(ib, v, SweepRun::trainForwardSeconds)));
        }
      }
      out.line("");
      out.line("  HEADLINE (" + cores + " cores, default sweep end to end; ib's wall includes its"
          + " estimation, the others' do not):");
      for (String other : List.of("libtorch", "dl4j")) {
        Variant best = results.best(variants, other);
        if (best != null) {
          out.line(f("    ib / %-9s %-24s  against its faster variant, %s (median wall %s s)", other,
              results.ratio(ib, best, SweepRun::wallSeconds), best.label(),
              num(Stats.median(SweepResults.values(results.of(best), SweepRun::wallSeconds)))));
        }
      }
      Variant pool = variants.stream().filter(v -> v.contender().equals("libtorch")
          && v.kind() == Variant.Kind.JVM_POOL).findFirst().orElse(null);
      if (pool != null) {
        out.line(f("    ib / libtorch's even split  %s  (%s's busy train+forward time / %d: its wall with a"
            + " perfect split of the widths over the cores)", results.evenSplitRatio(ib, pool), pool.label(),
            pool.workers()));
      }
      Double limit = limits.limitSeconds(true, true, false);
      Double machine = limits.limitSeconds(true, true, true);
      if (limit != null) {
        double[] walls = SweepResults.values(results.of(ib), SweepRun::wallSeconds);
        out.line(f("    ib / GEMM-bound limit  %s  (limit %.1f s: ND4J's best %d-core GEMM rates, section 3;"
            + " fraction of the limit %s)", multiples(walls, limit), limit, cores,
            pct(Arrays.stream(walls).map(w -> limit / w).toArray())));
        if (machine != null && machine < limit - 1e-9) {
          out.line(f("    ib / machine's best GEMM-bound limit  %s  (limit %.1f s at the best rate any"
              + " library reached, libtorch included)", multiples(walls, machine), machine));
        }
        Flops own = limits.ibFlops();
        if (own != null) {
          double ownLimit = limits.limitSeconds(true, true, false, own);
          out.line(f("    ib / the limit at the products ib computes  %s  (limit %.1f s: ib leaves out"
              + " all-zero input columns, section 3)", multiples(walls, ownLimit), ownLimit));
        }
      }
    }
    Double limit = limits.limitSeconds(true, true, false);
    if (limit != null) {
      out.line("");
      out.line(f("  Fraction of the %d-core GEMM-bound limit (%.1f s; limit / WALL):", cores, limit));
      StringBuilder sb = new StringBuilder("   ");
      for (Variant v : variants) {
        double[] frac = results.of(v).stream().mapToDouble(x -> limit / x.wallSeconds()).toArray();
        sb.append(f(" %s %s;", v.label(), pct(frac)));
      }
      out.line(sb.toString());
    }
    tables.ibBreakdown(SweepResults.find(variants, "ib"));
    tables.sameWork(variants);
    tables.threadSettings(variants);
  }

  /**
   * Which widths each worker of a pool (or each of ib's cell threads) ran in repetition 1, its busy
   * time, and how far the wall time is from a perfect split of all the busy time over the workers.
   */
  private void assignments(List<Variant> variants) {
    int fullSteps = workload.get("stepsPerEpoch").asInt() * s.epochs();
    int fullPoints = workload.get("measuredSteps").size();
    boolean first = true;
    for (Variant v : variants) {
      if (v.kind() == Variant.Kind.JVM) {
        continue;
      }
      if (first) {
        out.line("  Load balance of the cell/width pools (repetition 1; busy s = training + forwards +"
            + " estimation of a worker's widths):");
        first = false;
      }
      SweepRun run = results.of(v).get(0);
      Map<String, List<String>> byWorker = new LinkedHashMap<>();
      for (JsonNode w : run.result().get("widths")) {
        byWorker.computeIfAbsent(w.has("worker") ? w.get("worker").asText() : "0",
            k -> new ArrayList<>()).add(w.get("width").asText());
      }
      Map<String, Double> busy = SweepRun.busyPerWorker(run.result(), fullSteps, fullPoints);
      StringBuilder sb = new StringBuilder(f("    %-26s", v.label()));
      int i = 0;
      double total = 0;
      for (var e : byWorker.entrySet()) {
        double b = busy.get(e.getKey());
        total += b;
        sb.append(f(" %s %d: k=%s, %.1f s;", v.kind() == Variant.Kind.IB_CELLS ? "thread" : "worker",
            i++, String.join(",", e.getValue()), b));
      }
      double ideal = total / v.workers();
      sb.append(f(" wall %.1f s = %.2f x an even split (%.1f s)", run.wallSeconds(),
          run.wallSeconds() / ideal, ideal));
      out.line(sb.toString());
    }
  }
}
