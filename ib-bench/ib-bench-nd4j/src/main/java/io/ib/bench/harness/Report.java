package io.ib.bench.harness;

import static io.ib.bench.harness.Format.f;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Renders the benchmark's text report: a header on the machine and the sweep, then one section each
 * ({@link OneThreadSection}, {@link AllCoresSection} for every core count, {@link GemmSection},
 * {@link ProfileSection}, {@link EstimatorSection}), the failures and the wall time. Figures over
 * repetitions are "median [min .. max]" ({@link Format}).
 */
final class Report {

  private final Bench.Settings s;
  private final JsonNode workload;
  private final JsonNode profile;
  private final JsonNode estimators;
  private final List<String> failures;
  private final double seconds;
  private final String startLoad;
  private final SweepResults results;
  private final GemmLimits limits;
  private final ReportLines out = new ReportLines();

  Report(Bench.Settings s, JsonNode workload, Map<String, JsonNode> gemm, JsonNode profile,
      JsonNode estimators, List<SweepRun> runs, List<String> failures, double seconds,
      String startLoad) {
    this.startLoad = startLoad;
    this.s = s;
    this.workload = workload;
    this.profile = profile;
    this.estimators = estimators;
    this.failures = failures;
    this.seconds = seconds;
    this.results = new SweepResults(s, runs);
    this.limits = new GemmLimits(s, workload, gemm, runs);
  }

  String render() {
    header();
    SweepTables tables = new SweepTables(workload, results, limits, out);
    for (int t : s.threads()) {
      if (t == 1) {
        new OneThreadSection(results, limits, tables, out).write();
      } else {
        new AllCoresSection(s, workload, results, limits, tables, out).write(t);
      }
    }
    new GemmSection(limits, out).write();
    new ProfileSection(profile, out).write();
    new EstimatorSection(estimators, out).write();
    if (!failures.isEmpty()) {
      out.line("");
      out.line("FAILURES:");
      failures.forEach(f -> out.line("  " + f));
    }
    out.line("");
    out.line(f("benchmark wall time %.0f s", seconds));
    return out.toString();
  }

  private void header() {
    int stepsPerEpoch = workload.get("stepsPerEpoch").asInt();
    int points = workload.get("measuredSteps").size();
    out.line("=".repeat(100));
    out.line("ib benchmark" + (s.quick() ? " (QUICK MODE: a reduced sweep, for trying the harness)" : ""));
    out.line("machine: " + cpuModel() + ", " + Runtime.getRuntime().availableProcessors()
        + " cores visible; Java " + System.getProperty("java.version") + "; load average at start "
        + startLoad + ", at end " + loadAverage());
    out.line("sweep: widths " + s.widthList() + " x " + s.epochs() + " epochs, " + stepsPerEpoch
        + " steps/epoch (batch 256, last batch 96), " + points + " measurements per width (steps "
        + workload.get("measuredSteps") + "),");
    out.line("       each a forward pass over the 10,000 test images; MLP 784-256-k-10 ReLU, Adam lr 1e-3,"
        + " same initial weights and batch order for every contender");
    out.line("every contender runs in its own JVM: " + String.join(" ", s.jvmOptions()));
    out.line("repetitions: " + s.reps() + ", variant order rotated each repetition; figures are median"
        + " [min .. max] over repetitions; ratios are paired by repetition");
    out.line("ib always runs the whole sweep through its library (InformationBottleneck.sweep, estimators"
        + " included, no output files).");
    if (s.baselineEpochs() < s.epochs() || s.widthBudget() > 0) {
      out.line("libtorch and DL4J run at most " + s.baselineEpochs() + " of " + s.epochs() + " epochs per"
          + " width" + (s.widthBudget() > 0
              ? f(", and stop a width after %.0f s of training", s.widthBudget())
          : "") + " (measurements at the steps reached);");
      out.line("       their sweep times are then EXTRAPOLATED per width: training x (steps of the sweep /"
          + " steps run), forward passes x (" + points + " / measurements run).");
    }
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
}
