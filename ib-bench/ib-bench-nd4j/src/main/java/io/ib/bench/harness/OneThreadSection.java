package io.ib.bench.harness;

import static io.ib.bench.harness.Format.f;
import static io.ib.bench.harness.Format.pct;

import java.util.List;

/** Section 1: the sweep with 1 thread each, per-step efficiency and ratios against ib. */
final class OneThreadSection {
  private final SweepResults results;
  private final GemmLimits limits;
  private final SweepTables tables;
  private final ReportLines out;

  OneThreadSection(SweepResults results, GemmLimits limits, SweepTables tables, ReportLines out) {
    this.results = results;
    this.limits = limits;
    this.tables = tables;
    this.out = out;
  }

  /** Writes the section, if any variant ran it. */
  void write() {
    List<Variant> variants = results.present(1);
    if (variants.isEmpty()) {
      return;
    }
    out.line("");
    out.line("-".repeat(100));
    out.line("1. The sweep with 1 thread each (OMP_NUM_THREADS=OPENBLAS_NUM_THREADS=MKL_NUM_THREADS=1;"
        + " libtorch at::set_num_threads(1)): per-step efficiency");
    out.line(f("%-9s %-22s %-22s %-20s %-19s %-22s %s", "", "step ms", "train s", "forward s",
        "estimation s", "total s", ""));
    tables.sweepRows(variants, "%-9s %-22s %-22s %-20s %-19s %-22s %s", SweepRun::totalSeconds);
    out.line("  step = median wall time of one training step (gather the batch, forward, loss, backward,"
        + " Adam); train = all steps;");
    out.line("  forward = test-set forward passes with loss and accuracy; estimation = ib's default"
        + " estimators (" + results.estimatorNames() + ") on both layers.");
    tables.stepDistribution(variants);
    Variant ib = SweepResults.find(variants, "ib");
    if (ib != null && variants.size() > 1) {
      out.line("");
      out.line("  Ratios (ib time / other's time; < 1 means ib is faster):");
      out.line(f("  %-16s %-22s %-22s %-22s %-22s %-22s", "", "step", "train", "forward",
          "train+forward", "total (ib: + estimation)"));
      for (Variant v : variants) {
        if (v != ib) {
          ratioRow("ib / " + v.contender(), ib, v);
        }
      }
      Variant torch = SweepResults.find(variants, "libtorch");
      Variant dl4j = SweepResults.find(variants, "dl4j");
      if (torch != null && dl4j != null) {
        ratioRow("dl4j / libtorch", dl4j, torch);
      }
    }
    Double limit = limits.limitSeconds(false, true, false);
    if (limit != null) {
      out.line("");
      out.line("  Fraction of the 1-thread GEMM-bound limit (section 3; limit / measured train+forward):");
      StringBuilder sb = new StringBuilder("  ");
      for (Variant v : variants) {
        double[] frac = results.of(v).stream().mapToDouble(x -> limit / x.trainForwardSeconds()).toArray();
        sb.append(f("%s %s   ", v.label(), pct(frac)));
      }
      out.line(sb.toString());
    }
    tables.ibBreakdown(ib);
    tables.sameWork(variants);
    tables.threadSettings(variants);
  }

  private void ratioRow(String name, Variant a, Variant b) {
    out.line(f("  %-16s %-22s %-22s %-22s %-22s %-22s", name, results.ratio(a, b, SweepRun::stepMedianMs),
        results.ratio(a, b, SweepRun::trainSeconds), results.ratio(a, b, SweepRun::forwardSeconds),
        results.ratio(a, b, SweepRun::trainForwardSeconds), results.ratio(a, b, SweepRun::totalSeconds)));
  }
}
