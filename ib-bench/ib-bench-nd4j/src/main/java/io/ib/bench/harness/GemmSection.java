package io.ib.bench.harness;

import static io.ib.bench.harness.Format.f;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** Section 3: GEMM throughput of ND4J and libtorch, and the GEMM-bound limits of the sweep. */
final class GemmSection {
  private final GemmLimits limits;
  private final ReportLines out;

  GemmSection(GemmLimits limits, ReportLines out) {
    this.limits = limits;
    this.out = out;
  }

  /** Writes the section, or says it was skipped. */
  void write() {
    out.line("");
    out.line("-".repeat(100));
    out.line("3. GEMM throughput (float32, into a preallocated result, 3 warm-up calls, 30 repetitions)"
        + " and the GEMM-bound limit");
    if (!limits.measured()) {
      out.line("  (skipped)");
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
    out.line(head.toString());
    for (String shape : limits.shapes()) {
      StringBuilder sb = new StringBuilder(f("  %-30s", shape));
      for (String key : columns.keySet()) {
        JsonNode g = limits.gemmRow(key, shape);
        sb.append(f(" %-24s", g == null ? "-" : f("%.0f/%.0f (%.2f)", g.get("gflopsBest").asDouble(),
            g.get("gflopsMedian").asDouble(), g.get("msMin").asDouble())));
      }
      out.line(sb.toString());
    }
    out.line("  ND4J: OpenBLAS 0.3.19 from nd4j-native 1.0.0-M2.1, kernels picked: " + limits.core("nd4j-1")
        + "; libtorch: OpenBLAS 0.3.31 (org.bytedeco:openblas 0.3.31-1.5.13), kernels picked: "
        + limits.core("torch-1") + " (OPENBLAS_VERBOSE=2)");
    out.line("  '2 callers x 1 thr' = two Java threads, each with its own arrays, calling 1-thread GEMMs"
        + " at once (two cells in parallel); its GFLOP/s counts both.");
    out.line("  best = the fastest repetition: what the hardware can do (a shared machine only ever slows a"
        + " repetition down), so the limits below use it.");
    Flops fl = limits.flops();
    out.line("");
    out.line(f("  FLOPs of the sweep's GEMMs: training %.0f GFLOP (forward %.0f, weight gradients %.0f,"
        + " input gradients %.1f), test forwards %.0f GFLOP", fl.train() / 1e9,
        fl.trainForward() / 1e9, fl.trainWeightGrad() / 1e9, fl.trainInputGrad() / 1e9,
        fl.test() / 1e9));
    out.line("  (2 FLOPs per multiply-add; forward and input-gradient products at the 'fwd' rate, weight"
        + " gradients at the 'bwd-W' rate, test passes at the 'test' rate)");
    Double train1 = limits.limitSeconds(false, false, false);
    Double all1 = limits.limitSeconds(false, true, false);
    if (all1 != null) {
      out.line(f("  GEMM-bound limit of the sweep, 1 thread (ND4J's GEMM): training %.1f s + test forwards"
          + " %.1f s = %.1f s", train1, all1 - train1, all1));
    }
    Double train2 = limits.limitSeconds(true, false, false);
    Double all2 = limits.limitSeconds(true, true, false);
    if (all2 != null) {
      out.line(f("  GEMM-bound limit of the sweep, both cores (ND4J, best of 2 BLAS threads and 2 callers"
          + " per shape): training %.1f s + test forwards %.1f s = %.1f s", train2, all2 - train2, all2));
    }
    Double machine = limits.limitSeconds(true, true, true);
    if (machine != null && all2 != null && machine < all2 - 1e-9) {
      out.line(f("  at the best both-cores rate of any library per shape (libtorch 2 threads included):"
          + " %.1f s", machine));
    }
    JsonNode active = limits.ibActiveColumns();
    Flops own = limits.ibFlops();
    if (own != null && all2 != null) {
      out.line(f("  ib leaves out the input columns that are zero in a whole batch: its first-layer products"
          + " run over %.0f of %d columns on average in training (%.0f non-zero, padded to a multiple"
          + " of 32) and %d in the test passes (the test set's non-zero columns). So it computes"
          + " training %.0f + test %.0f GFLOP; at the same both-core rates that takes %.1f s",
          active.get("trainMeanWidth").asDouble(), active.get("inputSize").asInt(),
          active.get("trainMeanActive").asDouble(), active.get("testWidth").asInt(),
          own.train() / 1e9, own.test() / 1e9, limits.limitSeconds(true, true, false, own)));
    }
    Double torchLimit = limits.torchLimit();
    if (torchLimit != null) {
      out.line(f("  for comparison, at libtorch's 1-thread GEMM rates: %.1f s", torchLimit));
    }
    Double perStep = limits.perStepLimitMs();
    if (perStep != null) {
      out.line(f("  per full training step (256 rows, mean over the widths), 1 thread: %.2f ms of GEMM",
          perStep));
    }
  }
}
