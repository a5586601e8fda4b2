package io.ib.bench.harness;

import static io.ib.bench.harness.Format.f;
import static io.ib.bench.harness.Format.trim;

import com.fasterxml.jackson.databind.JsonNode;

/** Section 4: ib's training step and one measurement, call by call, on the library's own classes. */
final class ProfileSection {
  private final JsonNode profile;
  private final ReportLines out;

  ProfileSection(JsonNode profile, ReportLines out) {
    this.profile = profile;
    this.out = out;
  }

  /** Writes the section, or says it was skipped. */
  void write() {
    out.line("");
    out.line("-".repeat(100));
    out.line("4. ib's training step and one measurement, on the library's own classes (1 thread)");
    if (profile == null) {
      out.line("  (skipped)");
      return;
    }
    double step = profile.get("stepUsMedian").asDouble();
    out.line(f("  width %d, batch %d: Trainer.step on one fixed batch %.0f us median (min %.0f); with"
        + " MiniBatches gathering over an epoch %.0f us", profile.get("width").asInt(),
        profile.get("batch").asInt(), step, profile.get("stepUsMin").asDouble(),
        profile.get("stepWithGatherUsMedian").asDouble()));
    JsonNode og = profile.get("outsideGemms");
    if (og != null) {
      out.line(f("  the same step against its 8 GEMMs alone (same shapes, %d active columns padded, bound"
          + " once; timed in pairs): GEMMs %.0f us median (min %.0f), step %.0f us; outside the GEMMs %.0f us"
          + " [%.0f .. %.0f] per step; step / its GEMMs %.2f [%.2f .. %.2f]", profile.get("activeWidth")
          .asInt(), og.get("gemmsUsMedian").asDouble(), og.get("gemmsUsMin").asDouble(),
          og.get("stepUsMedian").asDouble(), og.get("outsideUsMedian").asDouble(),
          og.get("outsideUsMin").asDouble(), og.get("outsideUsMax").asDouble(),
          og.get("ratioMedian").asDouble(), og.get("ratioMin").asDouble(), og.get("ratioMax").asDouble()));
    }
    double parts = profile.get("sumOfPartsUs").asDouble();
    out.line(f("  its parts, each the library's call timed alone (sum %.0f us = %.0f%% of the step with"
        + " gathering):", parts, 100 * parts / profile.get("stepWithGatherUsMedian").asDouble()));
    out.line(f("  %-62s %10s %10s %8s", "call", "us median", "us min", "share"));
    for (JsonNode op : profile.get("parts")) {
      out.line(f("  %-62s %10.1f %10.1f %7.0f%%", trim(op.get("op").asText(), 62),
          op.get("usMedian").asDouble(), op.get("usMin").asDouble(),
          100 * op.get("usMedian").asDouble() / parts));
    }
    double loss = profile.get("lossUsMedian").asDouble();
    out.line(f("  %-62s %10.1f", "(of which SoftmaxCrossEntropy.lossAndGradient, timed alone)", loss));
    double inside = profile.get("sumInsideUs").asDouble();
    double prepared = 0;
    for (JsonNode op : profile.get("parts")) {
      if (op.get("op").asText().startsWith("StepBuffers.lossAndGradient")) {
        prepared = op.get("usMedian").asDouble() - loss;
      }
    }
    out.line("");
    out.line(f("  the forward and backward calls made the usual way on all 784 columns, one by one (a new op"
        + " per call, every column: as before both were optimized): sum %.0f us, against %.0f us"
        + " prepared on the active columns (lossAndGradient less the loss):", inside, prepared));
    double gemmUs = profile.get("insideUsByKind").path("gemm").asDouble();
    double withGather = profile.get("stepWithGatherUsMedian").asDouble();
    out.line(f("  => those GEMM calls %.0f us = %.0f%% of the step with gathering; everything else %.0f us"
        + " (%.0f%%)", gemmUs, 100 * gemmUs / withGather, withGather - gemmUs,
        100 * (withGather - gemmUs) / withGather));
    StringBuilder kinds = new StringBuilder("   ");
    profile.get("insideUsByKind").fields().forEachRemaining(e -> kinds.append(f(" %s %.0f us (%.0f%%);",
        e.getKey(), e.getValue().asDouble(), 100 * e.getValue().asDouble() / inside)));
    out.line(kinds.toString());
    out.line(f("  %-62s %10s %10s", "call", "us median", "us min"));
    for (JsonNode op : profile.get("inside")) {
      out.line(f("  %-62s %10.1f %10.1f", trim(op.get("op").asText(), 62),
          op.get("usMedian").asDouble(), op.get("usMin").asDouble()));
    }
    out.line("");
    out.line(f("  one measurement: Evaluator.evaluate (test-set forward pass, loss, accuracy, 10,000 images)"
        + " %.1f ms median; then per hidden layer:", profile.get("evaluateMsMedian").asDouble()));
    for (JsonNode op : profile.get("measurement")) {
      out.line(f("  %-62s %10.1f ms", trim(op.get("op").asText(), 62), op.get("usMedian").asDouble() / 1e3));
    }
    if (profile.has("alternatives")) {
      out.line("");
      out.line("  The library's choices against the ND4J ops they replaced (same result checked):");
      out.line(f("  %-62s %10s %10s %12s", "candidate", "us median", "us min", "max |diff|"));
      for (JsonNode op : profile.get("alternatives")) {
        JsonNode d = op.get("maxAbsDiffVsLibrary");
        out.line(f("  %-62s %10.1f %10.1f %12s", trim(op.get("op").asText(), 62),
            op.get("usMedian").asDouble(), op.get("usMin").asDouble(),
            d == null || d.isNull() ? "(library)" : f("%.1e", d.asDouble())));
      }
    }
  }
}
