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
    out.line("  (xN = calls timed; the float copy of the activations is made once per layer sample and"
        + " shared by all estimators)");
    StringBuilder reg = new StringBuilder("  registry at run time:");
    estimators.get("registry").forEach(p -> reg.append(" ").append(p.get("name").asText()));
    out.line(reg.toString());
  }
}
