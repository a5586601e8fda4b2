package io.ib.bench.harness;

import static io.ib.bench.harness.Format.f;
import static io.ib.bench.harness.Format.num;
import static io.ib.bench.harness.Format.trim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Section 5: the throughput of every registered estimator on synthetic activations. */
final class EstimatorSection {
  private final JsonNode estimators;
  private final ReportLines out;

  EstimatorSection(JsonNode estimators, ReportLines out) {
    this.estimators = estimators;
    this.out = out;
  }

  /** Writes the section, or says it was skipped. */
  void write() {
    out.line("");
    out.line("-".repeat(100));
    out.line("5. Estimator throughput: one call on 10,000 x d synthetic ReLU-like activations (seeded),"
        + " 1 thread, ms median [min .. max]");
    if (estimators == null) {
      out.line("  (skipped)");
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
    out.line(head.toString());
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
      out.line(sb.toString());
    }
    notes.forEach(n -> out.line("  note: " + n));
    writeKnnCache();
    writeKernelPath();
    out.line("  (xN = calls timed; the float copy of the activations is made once per layer sample and"
        + " shared by all estimators)");
    StringBuilder reg = new StringBuilder("  registry at run time:");
    estimators.get("registry").forEach(p -> reg.append(" ").append(p.get("name").asText()));
    out.line(reg.toString());
  }

  /**
   * The knn estimators with their input cache against without it (the code before the cache), in
   * the same JVM, pairs alternating: each call's time, the paired ratio, and the ratio amortised
   * over a default sweep's layer estimates (the one call that fills the cache included).
   */
  private void writeKnnCache() {
    JsonNode rows = estimators.get("knnCache");
    if (rows == null || rows.isEmpty()) {
      return;
    }
    out.line("  knn input cache, A/B in one JVM (pairs alternating uncached, cached; results checked"
        + " identical bit for bit): ms median [min .. max]");
    out.line(f("  %-34s %-5s %-24s %-22s %-24s %s", "estimator", "d", "uncached (= main)",
        "cached", "uncached / cached", "amortised"));
    double fill = Double.NaN;
    for (JsonNode r : rows) {
      fill = r.get("fillMs").asDouble();
      out.line(f("  %-34s %-5d %-24s %-22s %-24s %s", trim(r.get("spec").asText(), 34),
          r.get("d").asInt(), spread(r.get("uncachedMs")), spread(r.get("cachedMs")),
          spread(r.get("ratio")) + " x" + r.get("pairs").asInt(),
          f("%.2f", r.get("amortisedRatio").asDouble())));
    }
    out.line(f("  (the first cached call of the run filled the cache: %s ms, once per evaluation set;"
        + " amortised = uncached / ((fill + 139 cached) / 140), the layer estimates of one knn"
        + " estimator in the default sweep)", num(fill)));
  }

  /**
   * The kernel estimator's narrow-layer path against the distance blocks (the code before it), in
   * the same JVM on Saxe-like layers, pairs alternating.
   */
  private void writeKernelPath() {
    JsonNode rows = estimators.get("kernelPath");
    if (rows == null || rows.isEmpty()) {
      return;
    }
    out.line("  kernel narrow-layer path, A/B in one JVM (pairs alternating blocks, near pairs; Saxe-like"
        + " tanh layers, values within 1e-12 bits): ms median [min .. max]");
    out.line(f("  %-34s %-5s %-5s %-24s %-22s %-24s %s", "estimator", "n", "d", "blocks",
        "near pairs", "blocks / near pairs", "max |diff| bits"));
    for (JsonNode r : rows) {
      out.line(f("  %-34s %-5d %-5d %-24s %-22s %-24s %.1e", trim(r.get("spec").asText(), 34),
          r.get("n").asInt(), r.get("d").asInt(), spread(r.get("blocksMs")),
          spread(r.get("nearPairsMs")), spread(r.get("ratio")) + " x" + r.get("pairs").asInt(),
          r.get("maxDiffBits").asDouble()));
    }
  }

  private static String spread(JsonNode s) {
    return f("%s [%s .. %s]", num(s.get("median").asDouble()), num(s.get("min").asDouble()),
        num(s.get("max").asDouble()));
  }
}
