package io.ib.bench.harness;

import static io.ib.bench.harness.Format.f;

import io.ib.bench.common.Stats;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The sweeps that ran, by variant and repetition, and figures paired across variants. */
final class SweepResults {
  private final Bench.Settings s;
  private final List<SweepRun> runs;

  SweepResults(Bench.Settings s, List<SweepRun> runs) {
    this.s = s;
    this.runs = runs;
  }

  /** The variants of a section that have results, in the section's order. */
  List<Variant> present(int section) {
    return Variant.of(section, s.contenders()).stream().filter(v -> !of(v).isEmpty()).toList();
  }

  /** The variant's runs, one per repetition that succeeded. */
  List<SweepRun> of(Variant v) {
    return runs.stream().filter(r -> r.variant().equals(v)).toList();
  }

  /** The first variant of the contender, or null. */
  static Variant find(List<Variant> variants, String contender) {
    return variants.stream().filter(v -> v.contender().equals(contender)).findFirst().orElse(null);
  }

  /** The contender's variant with the lowest median wall time. */
  Variant best(List<Variant> variants, String contender) {
    Variant best = null;
    double bestWall = Double.POSITIVE_INFINITY;
    for (Variant v : variants) {
      if (v.contender().equals(contender)) {
        double w = Stats.median(values(of(v), SweepRun::wallSeconds));
        if (w < bestWall) {
          bestWall = w;
          best = v;
        }
      }
    }
    return best;
  }

  /** One figure of every run. */
  static double[] values(List<SweepRun> r, ToDoubleFunction<SweepRun> f) {
    return r.stream().mapToDouble(f).toArray();
  }

  /** a / b paired by repetition: median [min .. max]. */
  String ratio(Variant a, Variant b, ToDoubleFunction<SweepRun> f) {
    List<Double> r = new ArrayList<>();
    for (SweepRun x : of(a)) {
      for (SweepRun y : of(b)) {
        if (x.rep() == y.rep() && f.applyAsDouble(y) > 0) {
          r.add(f.applyAsDouble(x) / f.applyAsDouble(y));
        }
      }
    }
    double[] v = r.stream().mapToDouble(Double::doubleValue).toArray();
    return v.length == 0 ? "-" : f("%.2f [%.2f .. %.2f]", Stats.median(v), Stats.min(v), Stats.max(v));
  }

  /** ib's wall over a pool's busy time divided by its workers, paired by repetition. */
  String evenSplitRatio(Variant ib, Variant pool) {
    List<Double> r = new ArrayList<>();
    for (SweepRun x : of(ib)) {
      for (SweepRun y : of(pool)) {
        if (x.rep() == y.rep() && y.trainForwardSeconds() > 0) {
          r.add(x.wallSeconds() / (y.trainForwardSeconds() / pool.workers()));
        }
      }
    }
    double[] v = r.stream().mapToDouble(Double::doubleValue).toArray();
    return v.length == 0 ? "-" : f("%.2f [%.2f .. %.2f]", Stats.median(v), Stats.min(v), Stats.max(v));
  }

  /** The median over runs of a number the contender reported, where it did. */
  static double field(List<SweepRun> runs, String name) {
    double[] v = runs.stream().filter(r -> r.result().has(name))
        .mapToDouble(r -> r.result().get(name).asDouble()).toArray();
    return Stats.median(v);
  }

  /** The estimators ib measured with, as its sweep reported them. */
  String estimatorNames() {
    for (SweepRun r : runs) {
      if (r.contender().equals("ib") && r.result().has("estimators")) {
        List<String> names = new ArrayList<>();
        r.result().get("estimators").forEach(n -> names.add(n.asText()));
        return String.join(", ", names);
      }
    }
    return "SweepConfig.notebook()";
  }
}
