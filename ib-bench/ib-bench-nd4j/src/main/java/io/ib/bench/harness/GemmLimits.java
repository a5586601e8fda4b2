package io.ib.bench.harness;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * GEMM throughput as measured (section 3) and what it implies: the FLOPs of the sweep's products and
 * the GEMM-bound limit of its time at the best rates, for ND4J (1 thread or both cores) and libtorch.
 */
final class GemmLimits {
  private final Bench.Settings s;
  private final JsonNode workload;
  private final Map<String, JsonNode> gemm;
  private final List<SweepRun> runs;

  GemmLimits(Bench.Settings s, JsonNode workload, Map<String, JsonNode> gemm, List<SweepRun> runs) {
    this.s = s;
    this.workload = workload;
    this.gemm = gemm;
    this.runs = runs;
  }

  /** Whether GEMM throughput was measured (the section was not skipped). */
  boolean measured() {
    return !gemm.isEmpty();
  }

  /** The OpenBLAS kernel set a measurement reported ("unknown" if none). */
  String core(String key) {
    JsonNode g = gemm.get(key);
    return g == null || !g.has("openblasCore") ? "unknown" : g.get("openblasCore").asText();
  }

  /** The FLOPs of the sweep's products, all 784 input columns included. */
  Flops flops() {
    int points = workload.get("measuredSteps").size();
    return Flops.of(s.widths(), s.epochs(), 60000, 10000, points, 784, 256, 10);
  }

  /** The GEMM shapes measured, in the order first seen. */
  List<String> shapes() {
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
  JsonNode gemmRow(String key, String shape) {
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

  /** The best rate (FLOP/s) of a measurement ("nd4j-1", ...) for the shape with this prefix. */
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
  Double limitSeconds(boolean bothCores, boolean withTest, boolean anyLibrary) {
    return limitSeconds(bothCores, withTest, anyLibrary, flops());
  }

  Double limitSeconds(boolean bothCores, boolean withTest, boolean anyLibrary, Flops fl) {
    Double fwd = bestRate(bothCores, anyLibrary, "fwd");
    Double bwd = bestRate(bothCores, anyLibrary, "bwd-W");
    Double test = bestRate(bothCores, anyLibrary, "test");
    if (fwd == null || bwd == null || test == null) {
      return null;
    }
    return withTest ? fl.seconds(fwd, bwd, test) : fl.trainSeconds(fwd, bwd);
  }

  /** The input columns ib's first layer ran over, as its sweep reported them (null if none did). */
  JsonNode ibActiveColumns() {
    return runs.stream().filter(r -> r.contender().equals("ib") && r.result().has("activeColumns"))
        .map(r -> r.result().get("activeColumns")).findFirst().orElse(null);
  }

  /** The products ib computes: the sweep's, with its first layer over the active columns only. */
  Flops ibFlops() {
    JsonNode a = ibActiveColumns();
    if (a == null) {
      return null;
    }
    int points = workload.get("measuredSteps").size();
    return Flops.of(s.widths(), s.epochs(), 60000, 10000, points,
        a.get("trainMeanWidth").asDouble(), a.get("testWidth").asDouble(), 256, 10);
  }

  /** Seconds the sweep's GEMMs need at libtorch's 1-thread rates (null if not measured). */
  Double torchLimit() {
    Double fwd = rate("torch-1", "fwd");
    Double bwd = rate("torch-1", "bwd-W");
    Double test = rate("torch-1", "test");
    return fwd == null || bwd == null || test == null ? null : flops().seconds(fwd, bwd, test);
  }

  /** Milliseconds of GEMM in one full training step at 1-thread rates, mean over the widths. */
  Double perStepLimitMs() {
    Double fwd = bestRate(false, false, "fwd");
    Double bwd = bestRate(false, false, "bwd-W");
    if (fwd == null || bwd == null) {
      return null;
    }
    Flops one = Flops.of(s.widths(), 1, 256, 0, 0, 784, 256, 10);
    return one.trainSeconds(fwd, bwd) / s.widths().length * 1e3;
  }
}
