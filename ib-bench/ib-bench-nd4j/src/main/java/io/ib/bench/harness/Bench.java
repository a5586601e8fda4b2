package io.ib.bench.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ib.bench.common.ContenderLoop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark harness. In one run, on the same MNIST data and settings, with the same JVM options
 * and thread environment for every contender (each in its own JVM):
 * <ol>
 *   <li>writes the shared workload (data, mini-batch order, initial weights) from ib's seeding rules;
 *   <li>measures GEMM throughput (ND4J at 1 and 2 BLAS threads and as 2 parallel 1-thread callers;
 *       libtorch at 1 and 2 threads for comparison);
 *   <li>profiles ib's training step and one measurement on the library's own classes;
 *   <li>measures every registered estimator's throughput;
 *   <li>runs the sweep of every contender variant (see {@link Variant}): with 1 thread each, and with
 *       all cores each (ib's cells sharing the cores; libtorch and DL4J as one multi-threaded JVM and
 *       as a pool of
 *       1-thread JVMs sharing the widths), repeated with the order rotated every repetition so that
 *       noise from a shared machine hits all alike;
 *   <li>prints the report (see {@link Report}) and writes it with all raw results.
 * </ol>
 * Usage: {@code ./bench [--quick] [--reps N] [--threads 1,2] [--baseline-epochs E] ...} (see
 * {@link #usage()}).
 */
public final class Bench {
  private Bench() {}

  static final int CORES = Runtime.getRuntime().availableProcessors();

  static String usage() {
    return String.join("\n",
        "usage: ./bench [options]",
        "  --quick                 2 widths (5,100) x 2 epochs, 2 repetitions, fewer estimator calls",
        "  --reps N                repetitions of every variant's sweep, order rotated (default 3;",
        "                          2 in quick mode)",
        "  --threads LIST          sections: 1 = every contender on 1 thread; C > 1 = every contender",
        "                          on C cores (default 1," + CORES + ")",
        "  --widths LIST           bottleneck widths (default 5,10,20,50,100)",
        "  --epochs E              epochs of the sweep (default 10)",
        "  --baseline-epochs E     epochs libtorch and DL4J actually run, extrapolated to --epochs",
        "                          (default 2; = --epochs in quick mode)",
        "  --width-budget S        libtorch and DL4J stop a width after S s of training (default 3;",
        "                          0 = none), extrapolated likewise",
        "  --contenders LIST       of ib,libtorch,dl4j (default all)",
        "  --skip LIST             of gemm,profile,estimators",
        "  --data-dir DIR          MNIST directory (default: IB_DATA_DIR, else ib's cache)",
        "  --xmx SIZE              heap of every child JVM (default 3g)",
        "  --out DIR               where the report, raw results and logs go",
        "  --keep-workload         keep the 220 MB workload file",
        "  --twelve-bit FILE       instead: the 12-bit experiment (var_u.mat) in ib and libtorch",
        "  --twelve-seeds N        its seeds (default 8)",
        "  --twelve-epochs E       its epochs (default 8000)");
  }

  public static void main(String[] args) throws IOException {
    Map<String, String> o;
    Settings s;
    try {
      o = ContenderLoop.options(args, 0);
      if (o.containsKey("help")) {
        System.out.println(usage());
        return;
      }
      s = Settings.from(o);
    } catch (IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage() + "\n" + usage());
      System.exit(2);
      return;
    }
    if (o.containsKey("twelve-bit")) {
      new Run(s).twelveBit(Path.of(o.get("twelve-bit")).toAbsolutePath(),
          Integer.parseInt(o.getOrDefault("twelve-seeds", "8")),
          Integer.parseInt(o.getOrDefault("twelve-epochs", "8000")));
      return;
    }
    new Run(s).execute();
  }

  /** The run's settings. */
  record Settings(boolean quick, int reps, int[] threads, int[] widths, int epochs, int baselineEpochs,
      double widthBudget, List<String> contenders, List<String> skip, String dataDir, String xmx,
      Path benchDir, Path out, boolean keepWorkload, int estimatorReps) {
    private static final List<String> OPTIONS = List.of("quick", "reps", "threads", "widths",
        "epochs", "baseline-epochs", "width-budget", "contenders", "skip", "data-dir", "xmx", "out",
        "keep-workload", "estimator-reps", "twelve-bit", "twelve-seeds", "twelve-epochs");

    static Settings from(Map<String, String> o) {
      for (String k : o.keySet()) {
        if (!OPTIONS.contains(k)) {
          throw new IllegalArgumentException("unknown option --" + k);
        }
      }
      boolean quick = o.containsKey("quick");
      int[] widths = ContenderLoop.intList(o.getOrDefault("widths", quick ? "5,100" : "5,10,20,50,100"));
      int epochs = Integer.parseInt(o.getOrDefault("epochs", quick ? "2" : "10"));
      int baseline = Integer.parseInt(o.getOrDefault("baseline-epochs",
          String.valueOf(quick ? epochs : Math.min(2, epochs))));
      if (baseline < 1 || baseline > epochs) {
        throw new IllegalArgumentException("--baseline-epochs must be in 1.." + epochs);
      }
      double budget = Double.parseDouble(o.getOrDefault("width-budget", "3"));
      int[] threads = ContenderLoop.intList(o.getOrDefault("threads",
          CORES > 1 ? "1," + CORES : "1"));
      for (int t : threads) {
        if (t < 1) {
          throw new IllegalArgumentException("--threads must list counts >= 1");
        }
      }
      List<String> contenders = List.of(o.getOrDefault("contenders", "ib,libtorch,dl4j").split(","));
      for (String c : contenders) {
        if (!List.of("ib", "libtorch", "dl4j").contains(c)) {
          throw new IllegalArgumentException("unknown contender " + c + " (expected ib, libtorch, dl4j)");
        }
      }
      Path benchDir = Path.of(System.getProperty("ib.bench.dir", "ib-bench")).toAbsolutePath();
      String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
      Path out = Path.of(o.getOrDefault("out",
          benchDir.resolve("target").resolve("results").resolve(stamp).toString()));
      return new Settings(quick, Integer.parseInt(o.getOrDefault("reps", quick ? "2" : "3")), threads, widths,
          epochs, baseline, budget, contenders, List.of(o.getOrDefault("skip", "").split(",")),
          o.get("data-dir"), o.getOrDefault("xmx", "3g"), benchDir, out, o.containsKey("keep-workload"),
          Integer.parseInt(o.getOrDefault("estimator-reps", quick ? "3" : "5")));
    }

    List<String> jvmOptions() {
      return List.of("-Xmx" + xmx, "-Dorg.bytedeco.javacpp.maxbytes=8g",
          "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-XX:+UseParallelGC");
    }

    String widthList() {
      return String.join(",", Arrays.stream(widths).mapToObj(String::valueOf).toList());
    }

    List<String> dataArgs() {
      return dataDir == null ? List.of() : List.of("--data-dir", dataDir);
    }
  }

  /** One execution of the benchmark. */
  static final class Run {
    private final Settings s;
    private final Child child;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final ObjectNode raw = json.createObjectNode();
    private final long started = System.nanoTime();
    private final String startLoad = Report.loadAverage();

    Run(Settings s) throws IOException {
      this.s = s;
      Files.createDirectories(s.out());
      this.child = new Child(s.benchDir(), s.jvmOptions(), s.out().resolve("children.log"));
    }

    /** The 12-bit section only (see {@link TwelveBitSection}). */
    void twelveBit(Path data, int seeds, int epochs) throws IOException {
      Path workload = s.benchDir().resolve("target").resolve("twelve-bit.bin");
      String text = new TwelveBitSection(child, data, workload, seeds, epochs, s.reps(),
          this::progress).run();
      System.out.println(text);
      Files.writeString(s.out().resolve("report.txt"), text);
      System.out.println("report: " + s.out().resolve("report.txt") + "; child logs: "
          + s.out().resolve("children.log"));
    }

    void execute() throws IOException {
      Path workload = s.benchDir().resolve("target").resolve("workload.bin");
      progress("writing the shared workload (MNIST, batch order, initial weights) to " + workload);
      Child.Outcome prep = child.run(Child.ND4J, 1, concat(List.of("prepare", "--workload",
          workload.toString(), "--widths", s.widthList(), "--epochs", String.valueOf(s.epochs())),
          s.dataArgs()), "prepare");
      if (!prep.ok()) {
        throw new IOException("could not write the workload: " + prep.failure());
      }
      JsonNode prepared = prep.result();
      raw.set("workload", prepared);
      int stepsPerEpoch = prepared.get("stepsPerEpoch").asInt();
      int fullSteps = stepsPerEpoch * s.epochs();
      int fullPoints = prepared.get("measuredSteps").size();

      Map<String, JsonNode> gemm = new LinkedHashMap<>();
      if (!s.skip().contains("gemm")) {
        gemm.put("nd4j-1", measure(Child.ND4J, 1, List.of("gemm", "--parallel", "2"),
            "ND4J GEMM, 1 BLAS thread and 2 parallel callers"));
        gemm.put("nd4j-2", measure(Child.ND4J, 2, List.of("gemm"), "ND4J GEMM, 2 BLAS threads"));
        if (s.contenders().contains("libtorch")) {
          gemm.put("torch-1", measure(Child.TORCH, 1, List.of("gemm", "--threads", "1"),
              "libtorch GEMM, 1 thread"));
          gemm.put("torch-2", measure(Child.TORCH, 2, List.of("gemm", "--threads", "2"),
              "libtorch GEMM, 2 threads"));
        }
      }
      raw.set("gemm", json.valueToTree(gemm));
      JsonNode profile = null;
      if (!s.skip().contains("profile")) {
        profile = measure(Child.ND4J, 1, concat(List.of("profile", "--width", "20"), s.dataArgs()),
            "profile of ib's training step (width 20), call by call");
        raw.set("profile", profile);
      }
      JsonNode estimators = null;
      if (!s.skip().contains("estimators")) {
        estimators = measure(Child.ND4J, 1, concat(List.of("estimators", "--reps",
            String.valueOf(s.estimatorReps())), s.dataArgs()), "estimator throughput");
        raw.set("estimators", estimators);
      }

      List<SweepRun> runs = new ArrayList<>();
      ArrayNode rawRuns = raw.putArray("sweeps");
      List<String> failures = new ArrayList<>();
      for (int rep = 1; rep <= s.reps(); rep++) {
        for (int section : s.threads()) {
          List<Variant> order = rotate(Variant.of(section, s.contenders()), rep - 1);
          for (Variant v : order) {
            String label = v.label() + " sweep" + (section == 1 ? ", 1 thread" : ", " + section
                + " cores") + ", repetition " + rep + "/" + s.reps();
            progress(label + " ...");
            Child.Outcome r = runVariant(v, workload);
            if (!r.ok() && v.contender().equals("libtorch")) {
              // A JVM that finds libtorch not yet unpacked can crash in System.load; a second start works.
              progress("libtorch failed (" + r.failure() + "); retrying once");
              r = runVariant(v, workload);
            }
            if (!r.ok()) {
              failures.add(label + ": " + r.failure());
              progress("FAILED: " + r.failure());
              continue;
            }
            SweepRun run = SweepRun.of(v, rep, r.result(), fullSteps, fullPoints);
            runs.add(run);
            ObjectNode node = rawRuns.addObject();
            node.put("variant", v.label());
            node.put("section", section);
            node.put("rep", rep);
            node.put("jvmWallSeconds", r.wallSeconds());
            node.set("result", r.result());
            progress(String.format(java.util.Locale.ROOT,
                "  %.1f s with JVM start; step median %.2f ms; train %.1f s, forward %.2f s,"
                    + " estimation %.2f s, sweep wall %.1f s%s", r.wallSeconds(), run.stepMedianMs(),
                run.trainSeconds(), run.forwardSeconds(), run.estimationSeconds(), run.wallSeconds(),
                run.extrapolated() ? " (full sweep, extrapolated from " + run.stepsRun()
                    + "+ steps/width)" : ""));
          }
        }
      }
      if (!s.keepWorkload()) {
        Files.deleteIfExists(workload);
      }
      Report report = new Report(s, prepared, gemm, profile, estimators, runs, failures,
          (System.nanoTime() - started) / 1e9, startLoad);
      String text = report.render();
      System.out.println(text);
      Files.writeString(s.out().resolve("report.txt"), text);
      json.writeValue(s.out().resolve("results.json").toFile(), raw);
      System.out.println("report: " + s.out().resolve("report.txt") + "; raw results: "
          + s.out().resolve("results.json") + "; child logs: " + s.out().resolve("children.log"));
    }

    private Child.Outcome runVariant(Variant v, Path workload) throws IOException {
      if (v.contender().equals("ib")) {
        return child.run(Child.ND4J, v.threads(), concat(List.of("sweep", "--widths", s.widthList(),
            "--epochs", String.valueOf(s.epochs()), "--parallel", String.valueOf(v.workers())),
            s.dataArgs()), v.label() + " sweep");
      }
      Child.Program p = v.contender().equals("libtorch") ? Child.TORCH : Child.DL4J;
      List<String> args = List.of("sweep", "--workload", workload.toString(), "--threads",
          String.valueOf(v.threads()), "--epochs", String.valueOf(s.baselineEpochs()),
          "--width-budget", String.valueOf(s.widthBudget()));
      if (v.kind() == Variant.Kind.JVM_POOL) {
        return child.runPool(p, v.workers(), args, s.widths(), v.label() + " sweep");
      }
      return child.run(p, v.threads(), concat(args, List.of("--widths", s.widthList())),
          v.label() + " sweep");
    }

    private JsonNode measure(Child.Program p, int threads, List<String> args, String label)
        throws IOException {
      progress(label + " ...");
      // OPENBLAS_VERBOSE=2 makes OpenBLAS name the kernel set it picked ("Core: ...").
      Map<String, String> env = Map.of("OPENBLAS_VERBOSE", "2");
      Child.Outcome r = child.run(p, threads, env, args, label);
      if (!r.ok() && p == Child.TORCH) {
        progress("libtorch failed (" + r.failure() + "); retrying once");
        r = child.run(p, threads, env, args, label);
      }
      if (!r.ok()) {
        progress("FAILED: " + r.failure());
        return null;
      }
      progress(String.format(java.util.Locale.ROOT, "  %.1f s", r.wallSeconds()));
      if (r.result() instanceof ObjectNode node && !r.blasCores().isEmpty()) {
        node.put("openblasCore", String.join(", ", r.blasCores()));
      }
      return r.result();
    }

    private void progress(String line) {
      System.err.printf(java.util.Locale.ROOT, "[bench %6.1f s] %s%n",
          (System.nanoTime() - started) / 1e9, line);
    }
  }

  static <T> List<T> rotate(List<T> list, int by) {
    List<T> r = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      r.add(list.get((i + by) % list.size()));
    }
    return r;
  }

  static List<String> concat(List<String> a, List<String> b) {
    List<String> r = new ArrayList<>(a);
    r.addAll(b);
    return r;
  }
}
