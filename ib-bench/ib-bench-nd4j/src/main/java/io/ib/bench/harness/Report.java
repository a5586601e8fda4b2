package io.ib.bench.harness;

import com.fasterxml.jackson.databind.JsonNode;
import io.ib.bench.common.Stats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Renders the benchmark's text report. Figures over repetitions are "median [min .. max]". */
final class Report {

  private final Bench.Settings s;
  private final JsonNode workload;
  private final Map<String, JsonNode> gemm;
  private final JsonNode profile;
  private final JsonNode estimators;
  private final List<SweepRun> runs;
  private final List<String> failures;
  private final double seconds;
  private final String startLoad;
  private final StringBuilder out = new StringBuilder();

  Report(Bench.Settings s, JsonNode workload, Map<String, JsonNode> gemm, JsonNode profile,
      JsonNode estimators, List<SweepRun> runs, List<String> failures, double seconds,
      String startLoad) {
    this.startLoad = startLoad;
    this.s = s;
    this.workload = workload;
    this.gemm = gemm;
    this.profile = profile;
    this.estimators = estimators;
    this.runs = runs;
    this.failures = failures;
    this.seconds = seconds;
  }

  String render() {
    header();
    for (int t : s.threads()) {
      if (t == 1) {
        singleThread();
      } else {
        allCores(t);
      }
    }
    gemmSection();
    profileSection();
    estimatorSection();
    if (!failures.isEmpty()) {
      line("");
      line("FAILURES:");
      failures.forEach(f -> line("  " + f));
    }
    line("");
    line(f("benchmark wall time %.0f s", seconds));
    return out.toString();
  }

  private void header() {
    int stepsPerEpoch = workload.get("stepsPerEpoch").asInt();
    int points = workload.get("measuredSteps").size();
    line("=".repeat(100));
    line("ib benchmark" + (s.quick() ? " (QUICK MODE: a reduced sweep, for trying the harness)" : ""));
    line("machine: " + cpuModel() + ", " + Runtime.getRuntime().availableProcessors()
        + " cores visible; Java " + System.getProperty("java.version") + "; load average at start "
        + startLoad + ", at end " + loadAverage());
    line("sweep: widths " + s.widthList() + " x " + s.epochs() + " epochs, " + stepsPerEpoch
        + " steps/epoch (batch 256, last batch 96), " + points + " measurements per width (steps "
        + workload.get("measuredSteps") + "),");
    line("       each a forward pass over the 10,000 test images; MLP 784-256-k-10 ReLU, Adam lr 1e-3,"
        + " same initial weights and batch order for every contender");
    line("every contender runs in its own JVM: " + String.join(" ", s.jvmOptions()));
    line("repetitions: " + s.reps() + ", variant order rotated each repetition; figures are median"
        + " [min .. max] over repetitions; ratios are paired by repetition");
    line("ib always runs the whole sweep through its library (InformationBottleneck.sweep, estimators"
        + " included, no output files).");
    if (s.baselineEpochs() < s.epochs() || s.widthBudget() > 0) {
      line("libtorch and DL4J run at most " + s.baselineEpochs() + " of " + s.epochs() + " epochs per"
          + " width" + (s.widthBudget() > 0 ? f(", and stop a width after %.0f s of training", s.widthBudget())
          : "") + " (measurements at the steps reached);");
      line("       their sweep times are then EXTRAPOLATED per width: training x (steps of the sweep /"
          + " steps run), forward passes x (" + points + " / measurements run).");
    }
  }

  // ---- section 1: one thread each

  private void singleThread() {
    List<Variant> variants = present(1);
    if (variants.isEmpty()) {
      return;
    }
    line("");
    line("-".repeat(100));
    line("1. The sweep with 1 thread each (OMP_NUM_THREADS=OPENBLAS_NUM_THREADS=MKL_NUM_THREADS=1;"
        + " libtorch at::set_num_threads(1)): per-step efficiency");
    line(f("%-9s %-22s %-22s %-20s %-19s %-22s %s", "", "step ms", "train s", "forward s",
        "estimation s", "total s", ""));
    sweepRows(variants, "%-9s %-22s %-22s %-20s %-19s %-22s %s", SweepRun::totalSeconds);
    line("  step = median wall time of one training step (gather the batch, forward, loss, backward,"
        + " Adam); train = all steps;");
    line("  forward = test-set forward passes with loss and accuracy; estimation = ib's default"
        + " estimators (" + estimatorNames() + ") on both layers.");
    stepDistribution(variants);
    Variant ib = find(variants, "ib");
    if (ib != null && variants.size() > 1) {
      line("");
      line("  Ratios (ib time / other's time; < 1 means ib is faster):");
      line(f("  %-16s %-22s %-22s %-22s %-22s %-22s", "", "step", "train", "forward",
          "train+forward", "total (ib: + estimation)"));
      for (Variant v : variants) {
        if (v != ib) {
          ratioRow("ib / " + v.contender(), ib, v);
        }
      }
      Variant torch = find(variants, "libtorch");
      Variant dl4j = find(variants, "dl4j");
      if (torch != null && dl4j != null) {
        ratioRow("dl4j / libtorch", dl4j, torch);
      }
    }
    Double limit = limitSeconds(false, true, false);
    if (limit != null) {
      line("");
      line("  Fraction of the 1-thread GEMM-bound limit (section 3; limit / measured train+forward):");
      StringBuilder sb = new StringBuilder("  ");
      for (Variant v : variants) {
        double[] frac = of(v).stream().mapToDouble(x -> limit / x.trainForwardSeconds()).toArray();
        sb.append(f("%s %s   ", v.label(), pct(frac)));
      }
      line(sb.toString());
    }
    ibBreakdown(ib);
    sameWork(variants);
    threadSettings(variants);
  }

  private void ratioRow(String name, Variant a, Variant b) {
    line(f("  %-16s %-22s %-22s %-22s %-22s %-22s", name, ratio(a, b, SweepRun::stepMedianMs),
        ratio(a, b, SweepRun::trainSeconds), ratio(a, b, SweepRun::forwardSeconds),
        ratio(a, b, SweepRun::trainForwardSeconds), ratio(a, b, SweepRun::totalSeconds)));
  }

  // ---- section 2: all cores each

  private void allCores(int cores) {
    List<Variant> variants = present(cores);
    if (variants.isEmpty()) {
      return;
    }
    boolean all = cores == Runtime.getRuntime().availableProcessors();
    line("");
    line("-".repeat(100));
    line("2. The sweep with " + cores + " cores each" + (all ? " (all cores of this machine)" : "")
        + ": wall time of the whole sweep, end to end");
    for (Variant v : variants) {
      line("  " + f("%-26s", v.label()) + " " + v.description());
    }
    line(f("  %-26s %-20s %-20s %-20s %-19s %-22s %s", "", "step ms", "train s (sum)",
        "forward s (sum)", "estimation s (sum)", "WALL s (whole sweep)", ""));
    sweepRows(variants, "  %-26s %-20s %-20s %-20s %-19s %-22s %s", SweepRun::wallSeconds);
    line("  WALL = from the sweep's start (after each JVM's warm-up) to its last result: training,"
        + " test forwards and (ib) estimation;");
    line("  train/forward/estimation are summed over the cells or widths running at once (busy time of"
        + " all cores), so they can exceed the wall time.");
    stepDistribution(variants);
    assignments(variants);

    Variant ib = find(variants, "ib");
    if (ib != null) {
      line("");
      line("  Ratios (ib time / other's time; < 1 means ib is faster):");
      line(f("  %-38s %-26s %-26s", "", "WALL, whole sweep", "busy train+forward"));
      for (String other : List.of("libtorch", "dl4j")) {
        List<Variant> vs = variants.stream().filter(v -> v.contender().equals(other)).toList();
        if (vs.isEmpty()) {
          continue;
        }
        for (Variant v : vs) {
          line(f("  %-38s %-26s %-26s", "ib / " + v.label(), ratio(ib, v, SweepRun::wallSeconds),
              ratio(ib, v, SweepRun::trainForwardSeconds)));
        }
      }
      line("");
      line("  HEADLINE (" + cores + " cores, default sweep end to end; ib's wall includes its"
          + " estimation, the others' do not):");
      for (String other : List.of("libtorch", "dl4j")) {
        Variant best = best(variants, other);
        if (best != null) {
          line(f("    ib / %-9s %-24s  against its faster variant, %s (median wall %s s)", other,
              ratio(ib, best, SweepRun::wallSeconds), best.label(),
              num(Stats.median(values(of(best), SweepRun::wallSeconds)))));
        }
      }
      Variant pool = variants.stream().filter(v -> v.contender().equals("libtorch")
          && v.kind() == Variant.Kind.JVM_POOL).findFirst().orElse(null);
      if (pool != null) {
        line(f("    ib / libtorch's even split  %s  (%s's busy train+forward time / %d: its wall with a"
            + " perfect split of the widths over the cores)", evenSplitRatio(ib, pool), pool.label(),
            pool.workers()));
      }
      Double limit = limitSeconds(true, true, false);
      Double machine = limitSeconds(true, true, true);
      if (limit != null) {
        double[] walls = values(of(ib), SweepRun::wallSeconds);
        line(f("    ib / GEMM-bound limit  %s  (limit %.1f s: ND4J's best %d-core GEMM rates, section 3;"
            + " fraction of the limit %s)", multiples(walls, limit), limit, cores,
            pct(Arrays.stream(walls).map(w -> limit / w).toArray())));
        if (machine != null && machine < limit - 1e-9) {
          line(f("    ib / machine's best GEMM-bound limit  %s  (limit %.1f s at the best rate any"
              + " library reached, libtorch included)", multiples(walls, machine), machine));
        }
        Flops own = ibFlops();
        if (own != null) {
          double ownLimit = limitSeconds(true, true, false, own);
          line(f("    ib / the limit at the products ib computes  %s  (limit %.1f s: ib leaves out"
              + " all-zero input columns, section 3)", multiples(walls, ownLimit), ownLimit));
        }
      }
    }
    Double limit = limitSeconds(true, true, false);
    if (limit != null) {
      line("");
      line(f("  Fraction of the %d-core GEMM-bound limit (%.1f s; limit / WALL):", cores, limit));
      StringBuilder sb = new StringBuilder("   ");
      for (Variant v : variants) {
        double[] frac = of(v).stream().mapToDouble(x -> limit / x.wallSeconds()).toArray();
        sb.append(f(" %s %s;", v.label(), pct(frac)));
      }
      line(sb.toString());
    }
    ibBreakdown(find(variants, "ib"));
    sameWork(variants);
    threadSettings(variants);
  }

  /**
   * One row per variant: step, training, forward and (ib only) estimation time, then {@code last},
   * each as median [min .. max] over repetitions.
   */
  private void sweepRows(List<Variant> variants, String format, ToDoubleFunction<SweepRun> last) {
    for (Variant v : variants) {
      List<SweepRun> r = of(v);
      line(f(format, v.label(), mmm(r, SweepRun::stepMedianMs), mmm(r, SweepRun::trainSeconds),
          mmm(r, SweepRun::forwardSeconds),
          v.contender().equals("ib") ? mmm(r, SweepRun::estimationSeconds) : "-", mmm(r, last),
          note(r)));
    }
  }

  /**
   * ib's busy time by phase (median over repetitions, summed over cells) against the 1-thread GEMM
   * floor of that phase.
   */
  private void ibBreakdown(Variant ib) {
    Double train = limitSeconds(false, false, false);
    Double all = limitSeconds(false, true, false);
    if (ib == null || train == null) {
      return;
    }
    List<SweepRun> r = of(ib);
    double t = Stats.median(values(r, SweepRun::trainSeconds));
    double fw = Stats.median(values(r, SweepRun::forwardSeconds));
    double e = Stats.median(values(r, SweepRun::estimationSeconds));
    double sum = t + fw + e;
    line("");
    line(f("  where %s's time goes (busy s, summed over cells; the 1-thread GEMM floor of each phase,"
        + " section 3, in brackets):", ib.label()));
    line(f("    training %.1f s (%.0f%%) [GEMM %.1f s, x%.2f]; test forwards %.1f s (%.0f%%) [GEMM %.1f s,"
        + " x%.2f]; estimation %.1f s (%.0f%%) [no GEMM]", t, 100 * t / sum, train, t / train, fw,
        100 * fw / sum, all - train, fw / (all - train), e, 100 * e / sum));
    Flops own = ibFlops();
    if (own != null) {
      double ownTrain = limitSeconds(false, false, false, own);
      double ownTest = limitSeconds(false, true, false, own) - ownTrain;
      line(f("    against the GEMM floor of the products ib computes (all-zero input columns left out):"
          + " training [GEMM %.1f s, x%.2f]; test forwards [GEMM %.1f s, x%.2f]", ownTrain,
          t / ownTrain, ownTest, fw / ownTest));
    }
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
        line("  Load balance of the cell/width pools (repetition 1; busy s = training + forwards +"
            + " estimation of a worker's widths):");
        first = false;
      }
      SweepRun run = of(v).get(0);
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
      line(sb.toString());
    }
  }

  private void stepDistribution(List<Variant> variants) {
    StringBuilder dist = new StringBuilder("  step time distribution, ms (median over repetitions of"
        + " p50 / p90 / p99 / mean):");
    for (Variant v : variants) {
      List<SweepRun> r = of(v);
      dist.append(f(" %s %s / %s / %s / %s;", v.label(), num(field(r, "stepMedianMs")),
          num(field(r, "stepP90Ms")), num(field(r, "stepP99Ms")), num(field(r, "stepMeanMs"))));
    }
    line(dist.toString());
  }

  private void threadSettings(List<Variant> variants) {
    line("");
    line("  Thread settings as each JVM reported them (a pool: its first worker):");
    for (Variant v : variants) {
      JsonNode t = of(v).get(0).result().get("threads");
      line("    " + v.label() + ": " + flat(t));
    }
  }

  /** Test loss at the last step every variant reached, per width: proof of the same work. */
  private void sameWork(List<Variant> variants) {
    int common = Integer.MAX_VALUE;
    for (Variant v : variants) {
      for (JsonNode w : of(v).get(0).result().get("widths")) {
        common = Math.min(common, w.get("testLoss").size());
      }
    }
    if (common == Integer.MAX_VALUE || common == 0) {
      return;
    }
    int step = workload.get("measuredSteps").get(common - 1).asInt();
    line("");
    line("  Same work check: test loss (nats) / accuracy after step " + step + ", repetition 1:");
    int n = of(variants.get(0)).get(0).result().get("widths").size();
    for (int i = 0; i < n; i++) {
      StringBuilder sb = new StringBuilder();
      String width = null;
      for (Variant v : variants) {
        JsonNode w = of(v).get(0).result().get("widths").get(i);
        width = w.get("width").asText();
        sb.append(f("  %s %.4f / %.4f", v.label(), w.get("testLoss").get(common - 1).asDouble(),
            w.get("testAccuracy").get(common - 1).asDouble()));
      }
      line("    k=" + width + ":" + sb);
    }
  }

  private void gemmSection() {
    line("");
    line("-".repeat(100));
    line("3. GEMM throughput (float32, into a preallocated result, 3 warm-up calls, 30 repetitions)"
        + " and the GEMM-bound limit");
    if (gemm.isEmpty()) {
      line("  (skipped)");
      return;
    }
    Map<String, String> columns = new LinkedHashMap<>();
    columns.put("nd4j-1", "ND4J 1 thread");
    columns.put("nd4j-1|2 Java", "ND4J 2 callers x 1 thr");
    columns.put("nd4j-2", "ND4J 2 BLAS threads");
    columns.put("torch-1", "libtorch 1 thread");
    columns.put("torch-2", "libtorch 2 threads");
    StringBuilder head = new StringBuilder(f("  %-30s", "GFLOP/s best/median (ms min)"));
    for (String c : columns.values()) {
      head.append(f(" %-24s", c));
    }
    line(head.toString());
    for (String shape : shapes()) {
      StringBuilder sb = new StringBuilder(f("  %-30s", shape));
      for (String key : columns.keySet()) {
        JsonNode g = gemmRow(key, shape);
        sb.append(f(" %-24s", g == null ? "-" : f("%.0f/%.0f (%.2f)", g.get("gflopsBest").asDouble(),
            g.get("gflopsMedian").asDouble(), g.get("msMin").asDouble())));
      }
      line(sb.toString());
    }
    line("  ND4J: OpenBLAS 0.3.19 from nd4j-native 1.0.0-M2.1, kernels picked: " + core("nd4j-1")
        + "; libtorch: OpenBLAS 0.3.31 (org.bytedeco:openblas 0.3.31-1.5.13), kernels picked: "
        + core("torch-1") + " (OPENBLAS_VERBOSE=2)");
    line("  '2 callers x 1 thr' = two Java threads, each with its own arrays, calling 1-thread GEMMs"
        + " at once (two cells in parallel); its GFLOP/s counts both.");
    line("  best = the fastest repetition: what the hardware can do (a shared machine only ever slows a"
        + " repetition down), so the limits below use it.");
    Flops fl = flops();
    line("");
    line(f("  FLOPs of the sweep's GEMMs: training %.0f GFLOP (forward %.0f, weight gradients %.0f,"
        + " input gradients %.1f), test forwards %.0f GFLOP", fl.train() / 1e9,
        fl.trainForward() / 1e9, fl.trainWeightGrad() / 1e9, fl.trainInputGrad() / 1e9,
        fl.test() / 1e9));
    line("  (2 FLOPs per multiply-add; forward and input-gradient products at the 'fwd' rate, weight"
        + " gradients at the 'bwd-W' rate, test passes at the 'test' rate)");
    Double train1 = limitSeconds(false, false, false);
    Double all1 = limitSeconds(false, true, false);
    if (all1 != null) {
      line(f("  GEMM-bound limit of the sweep, 1 thread (ND4J's GEMM): training %.1f s + test forwards"
          + " %.1f s = %.1f s", train1, all1 - train1, all1));
    }
    Double train2 = limitSeconds(true, false, false);
    Double all2 = limitSeconds(true, true, false);
    if (all2 != null) {
      line(f("  GEMM-bound limit of the sweep, both cores (ND4J, best of 2 BLAS threads and 2 callers"
          + " per shape): training %.1f s + test forwards %.1f s = %.1f s", train2, all2 - train2, all2));
    }
    Double machine = limitSeconds(true, true, true);
    if (machine != null && all2 != null && machine < all2 - 1e-9) {
      line(f("  at the best both-cores rate of any library per shape (libtorch 2 threads included):"
          + " %.1f s", machine));
    }
    JsonNode active = ibActiveColumns();
    Flops own = ibFlops();
    if (own != null && all2 != null) {
      line(f("  ib leaves out the input columns that are zero in a whole batch: its first-layer products"
          + " run over %.0f of %d columns on average in training (%.0f non-zero, padded to a multiple"
          + " of 32) and %d in the test passes (the test set's non-zero columns). So it computes"
          + " training %.0f + test %.0f GFLOP; at the same both-core rates that takes %.1f s",
          active.get("trainMeanWidth").asDouble(), active.get("inputSize").asInt(),
          active.get("trainMeanActive").asDouble(), active.get("testWidth").asInt(),
          own.train() / 1e9, own.test() / 1e9, limitSeconds(true, true, false, own)));
    }
    Double torchLimit = torchLimit();
    if (torchLimit != null) {
      line(f("  for comparison, at libtorch's 1-thread GEMM rates: %.1f s", torchLimit));
    }
    Double perStep = perStepLimitMs();
    if (perStep != null) {
      line(f("  per full training step (256 rows, mean over the widths), 1 thread: %.2f ms of GEMM",
          perStep));
    }
  }

  private void profileSection() {
    line("");
    line("-".repeat(100));
    line("4. ib's training step and one measurement, on the library's own classes (1 thread)");
    if (profile == null) {
      line("  (skipped)");
      return;
    }
    double step = profile.get("stepUsMedian").asDouble();
    line(f("  width %d, batch %d: Trainer.step on one fixed batch %.0f us median (min %.0f); with"
        + " MiniBatches gathering over an epoch %.0f us", profile.get("width").asInt(),
        profile.get("batch").asInt(), step, profile.get("stepUsMin").asDouble(),
        profile.get("stepWithGatherUsMedian").asDouble()));
    double parts = profile.get("sumOfPartsUs").asDouble();
    line(f("  its parts, each the library's call timed alone (sum %.0f us = %.0f%% of the step with"
        + " gathering):", parts, 100 * parts / profile.get("stepWithGatherUsMedian").asDouble()));
    line(f("  %-62s %10s %10s %8s", "call", "us median", "us min", "share"));
    for (JsonNode op : profile.get("parts")) {
      line(f("  %-62s %10.1f %10.1f %7.0f%%", trim(op.get("op").asText(), 62),
          op.get("usMedian").asDouble(), op.get("usMin").asDouble(),
          100 * op.get("usMedian").asDouble() / parts));
    }
    double loss = profile.get("lossUsMedian").asDouble();
    line(f("  %-62s %10.1f", "(of which SoftmaxCrossEntropy.lossAndGradient, timed alone)", loss));
    double inside = profile.get("sumInsideUs").asDouble();
    double prepared = 0;
    for (JsonNode op : profile.get("parts")) {
      if (op.get("op").asText().startsWith("StepBuffers.lossAndGradient")) {
        prepared = op.get("usMedian").asDouble() - loss;
      }
    }
    line("");
    line(f("  the forward and backward calls made the usual way on all 784 columns, one by one (a new op"
        + " per call, every column: as before both were optimized): sum %.0f us, against %.0f us"
        + " prepared on the active columns (lossAndGradient less the loss):", inside, prepared));
    double gemmUs = profile.get("insideUsByKind").path("gemm").asDouble();
    double withGather = profile.get("stepWithGatherUsMedian").asDouble();
    line(f("  => those GEMM calls %.0f us = %.0f%% of the step with gathering; everything else %.0f us (%.0f%%)",
        gemmUs, 100 * gemmUs / withGather, withGather - gemmUs, 100 * (withGather - gemmUs) / withGather));
    StringBuilder kinds = new StringBuilder("   ");
    profile.get("insideUsByKind").fields().forEachRemaining(e -> kinds.append(f(" %s %.0f us (%.0f%%);",
        e.getKey(), e.getValue().asDouble(), 100 * e.getValue().asDouble() / inside)));
    line(kinds.toString());
    line(f("  %-62s %10s %10s", "call", "us median", "us min"));
    for (JsonNode op : profile.get("inside")) {
      line(f("  %-62s %10.1f %10.1f", trim(op.get("op").asText(), 62),
          op.get("usMedian").asDouble(), op.get("usMin").asDouble()));
    }
    line("");
    line(f("  one measurement: Evaluator.evaluate (test-set forward pass, loss, accuracy, 10,000 images)"
        + " %.1f ms median; then per hidden layer:", profile.get("evaluateMsMedian").asDouble()));
    for (JsonNode op : profile.get("measurement")) {
      line(f("  %-62s %10.1f ms", trim(op.get("op").asText(), 62), op.get("usMedian").asDouble() / 1e3));
    }
    if (profile.has("alternatives")) {
      line("");
      line("  The library's choices against the ND4J ops they replaced (same result checked):");
      line(f("  %-62s %10s %10s %12s", "candidate", "us median", "us min", "max |diff|"));
      for (JsonNode op : profile.get("alternatives")) {
        JsonNode d = op.get("maxAbsDiffVsLibrary");
        line(f("  %-62s %10.1f %10.1f %12s", trim(op.get("op").asText(), 62),
            op.get("usMedian").asDouble(), op.get("usMin").asDouble(),
            d == null || d.isNull() ? "(library)" : f("%.1e", d.asDouble())));
      }
    }
  }

  private void estimatorSection() {
    line("");
    line("-".repeat(100));
    line("5. Estimator throughput: one call on 10,000 x d synthetic ReLU-like activations (seeded),"
        + " 1 thread, ms median [min .. max]");
    if (estimators == null) {
      line("  (skipped)");
      return;
    }
    Map<String, Map<Integer, JsonNode>> bySpec = new LinkedHashMap<>();
    List<Integer> dims = new ArrayList<>();
    for (JsonNode r : estimators.get("estimators")) {
      int d = r.get("d").asInt();
      if (!dims.contains(d)) {
        dims.add(d);
      }
      bySpec.computeIfAbsent(r.get("spec").asText(), k -> new LinkedHashMap<>()).put(d, r);
    }
    StringBuilder head = new StringBuilder(f("  %-34s", "estimator"));
    dims.forEach(d -> head.append(f(" %-28s", "d = " + d)));
    line(head.toString());
    List<String> notes = new ArrayList<>();
    for (var e : bySpec.entrySet()) {
      StringBuilder sb = new StringBuilder(f("  %-34s", trim(e.getKey(), 34)));
      for (int d : dims) {
        JsonNode r = e.getValue().get(d);
        if (r == null || r.get("calls").asInt() == 0) {
          sb.append(f(" %-28s", "-"));
          if (r != null && r.hasNonNull("note") && !notes.contains(e.getKey() + ": "
              + r.get("note").asText())) {
            notes.add(e.getKey() + ": " + r.get("note").asText());
          }
        } else {
          sb.append(f(" %-28s", f("%s [%s .. %s] x%d", num(r.get("msMedian").asDouble()),
              num(r.get("msMin").asDouble()), num(r.get("msMax").asDouble()),
              r.get("calls").asInt())));
        }
      }
      line(sb.toString());
    }
    notes.forEach(n -> line("  note: " + n));
    line("  (xN = calls timed; the float copy of the activations is made once per layer sample and"
        + " shared by all estimators)");
    StringBuilder reg = new StringBuilder("  registry at run time:");
    estimators.get("registry").forEach(p -> reg.append(" ").append(p.get("name").asText()));
    line(reg.toString());
  }

  // ---- numbers

  private String core(String key) {
    JsonNode g = gemm.get(key);
    return g == null || !g.has("openblasCore") ? "unknown" : g.get("openblasCore").asText();
  }

  private Flops flops() {
    int points = workload.get("measuredSteps").size();
    return Flops.of(s.widths(), s.epochs(), 60000, 10000, points, 784, 256, 10);
  }

  private List<String> shapes() {
    List<String> r = new ArrayList<>();
    for (JsonNode g : gemm.values()) {
      if (g != null) {
        for (JsonNode row : g.get("gemm")) {
          if (!r.contains(row.get("shape").asText())) {
            r.add(row.get("shape").asText());
          }
        }
      }
    }
    return r;
  }

  /** A GEMM result row; key "nd4j-1|2 Java" selects the parallel-callers row of nd4j-1. */
  private JsonNode gemmRow(String key, String shape) {
    boolean parallel = key.endsWith("|2 Java");
    JsonNode g = gemm.get(parallel ? key.substring(0, key.indexOf('|')) : key);
    if (g == null) {
      return null;
    }
    for (JsonNode row : g.get("gemm")) {
      boolean isParallel = row.get("threads").asText().contains("Java threads");
      if (row.get("shape").asText().equals(shape) && isParallel == parallel) {
        return row;
      }
    }
    return null;
  }

  private Double rate(String key, String prefix) {
    for (String shape : shapes()) {
      if (shape.startsWith(prefix)) {
        JsonNode row = gemmRow(key, shape);
        return row == null ? null : row.get("gflopsBest").asDouble() * 1e9;
      }
    }
    return null;
  }

  /**
   * The best rate for a shape: 1 thread (ND4J's), or both cores (the best of ND4J's 2 BLAS threads
   * and 2 parallel 1-thread callers; with {@code anyLibrary}, libtorch's 2 threads too).
   */
  private Double bestRate(boolean bothCores, boolean anyLibrary, String prefix) {
    List<String> keys = !bothCores ? List.of("nd4j-1")
        : anyLibrary ? List.of("nd4j-2", "nd4j-1|2 Java", "torch-2") : List.of("nd4j-2", "nd4j-1|2 Java");
    Double best = null;
    for (String k : keys) {
      Double r = rate(k, prefix);
      if (r != null && (best == null || r > best)) {
        best = r;
      }
    }
    return best;
  }

  /** Seconds the sweep's GEMMs need at the best rates (training only, or with the test passes). */
  private Double limitSeconds(boolean bothCores, boolean withTest, boolean anyLibrary) {
    return limitSeconds(bothCores, withTest, anyLibrary, flops());
  }

  private Double limitSeconds(boolean bothCores, boolean withTest, boolean anyLibrary, Flops fl) {
    Double fwd = bestRate(bothCores, anyLibrary, "fwd");
    Double bwd = bestRate(bothCores, anyLibrary, "bwd-W");
    Double test = bestRate(bothCores, anyLibrary, "test");
    if (fwd == null || bwd == null || test == null) {
      return null;
    }
    return withTest ? fl.seconds(fwd, bwd, test) : fl.trainSeconds(fwd, bwd);
  }

  /** The input columns ib's first layer ran over, as its sweep reported them (null if none did). */
  private JsonNode ibActiveColumns() {
    return runs.stream().filter(r -> r.contender().equals("ib") && r.result().has("activeColumns"))
        .map(r -> r.result().get("activeColumns")).findFirst().orElse(null);
  }

  /** The products ib computes: the sweep's, with its first layer over the active columns only. */
  private Flops ibFlops() {
    JsonNode a = ibActiveColumns();
    if (a == null) {
      return null;
    }
    int points = workload.get("measuredSteps").size();
    return Flops.of(s.widths(), s.epochs(), 60000, 10000, points,
        a.get("trainMeanWidth").asDouble(), a.get("testWidth").asDouble(), 256, 10);
  }

  private Double torchLimit() {
    Double fwd = rate("torch-1", "fwd");
    Double bwd = rate("torch-1", "bwd-W");
    Double test = rate("torch-1", "test");
    return fwd == null || bwd == null || test == null ? null : flops().seconds(fwd, bwd, test);
  }

  private Double perStepLimitMs() {
    Double fwd = bestRate(false, false, "fwd");
    Double bwd = bestRate(false, false, "bwd-W");
    if (fwd == null || bwd == null) {
      return null;
    }
    Flops one = Flops.of(s.widths(), 1, 256, 0, 0, 784, 256, 10);
    return one.trainSeconds(fwd, bwd) / s.widths().length * 1e3;
  }

  /** The variants of a section that have results, in the section's order. */
  private List<Variant> present(int section) {
    return Variant.of(section, s.contenders()).stream().filter(v -> !of(v).isEmpty()).toList();
  }

  private List<SweepRun> of(Variant v) {
    return runs.stream().filter(r -> r.variant().equals(v)).toList();
  }

  private static Variant find(List<Variant> variants, String contender) {
    return variants.stream().filter(v -> v.contender().equals(contender)).findFirst().orElse(null);
  }

  /** The contender's variant with the lowest median wall time. */
  private Variant best(List<Variant> variants, String contender) {
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

  private static double[] values(List<SweepRun> r, ToDoubleFunction<SweepRun> f) {
    return r.stream().mapToDouble(f).toArray();
  }

  private static String note(List<SweepRun> r) {
    return r.get(0).extrapolated() ? "extrapolated from " + r.stream().mapToInt(SweepRun::stepsRun)
        .min().orElse(0) + "+ steps/width" : "whole sweep measured";
  }

  /** a / b paired by repetition: median [min .. max]. */
  private String ratio(Variant a, Variant b, ToDoubleFunction<SweepRun> f) {
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
  private String evenSplitRatio(Variant ib, Variant pool) {
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

  private static String multiples(double[] walls, double limit) {
    double[] m = Arrays.stream(walls).map(w -> w / limit).toArray();
    return f("%.2f [%.2f .. %.2f]", Stats.median(m), Stats.min(m), Stats.max(m));
  }

  private static double field(List<SweepRun> runs, String name) {
    double[] v = runs.stream().filter(r -> r.result().has(name))
        .mapToDouble(r -> r.result().get(name).asDouble()).toArray();
    return Stats.median(v);
  }

  private static String mmm(List<SweepRun> r, ToDoubleFunction<SweepRun> f) {
    double[] v = r.stream().mapToDouble(f).toArray();
    return f("%s [%s .. %s]", num(Stats.median(v)), num(Stats.min(v)), num(Stats.max(v)));
  }

  private static String pct(double[] v) {
    return f("%.0f%% [%.0f .. %.0f]", 100 * Stats.median(v), 100 * Stats.min(v), 100 * Stats.max(v));
  }

  private static String num(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    double a = Math.abs(v);
    return a >= 100 ? f("%.0f", v) : a >= 10 ? f("%.1f", v) : f("%.2f", v);
  }

  private String estimatorNames() {
    for (SweepRun r : runs) {
      if (r.contender().equals("ib") && r.result().has("estimators")) {
        List<String> names = new ArrayList<>();
        r.result().get("estimators").forEach(n -> names.add(n.asText()));
        return String.join(", ", names);
      }
    }
    return "SweepConfig.notebook()";
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

  private static String trim(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 1) + "~";
  }

  private static String cpuModel() {
    try {
      for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (l.startsWith("model name")) {
          return l.substring(l.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return System.getProperty("os.arch");
  }

  static String loadAverage() {
    try {
      String[] p = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return p[0] + " " + p[1] + " " + p[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private void line(String s) {
    out.append(s).append('\n');
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
