package io.ib.bench.common;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sweep as the baselines run it: for every width, a fresh network from the workload's initial
 * parameters, trained for the workload's epochs on its mini-batch order, with a forward pass over the
 * test set at each measured step. Per-step and per-measurement wall times are recorded the same way
 * for every contender that uses this loop; ib runs its own library sweep and reports the same fields.
 *
 * <p>Two ways to run it (see {@link #main}):
 * <ul>
 *   <li>the whole sweep in this JVM, widths one after another ({@link #run});
 *   <li>as one worker of a pool of JVMs ({@code --serve}, {@link #serve}): after the warm-up the
 *       worker prints {@link #READY_LINE} and then trains the widths the harness sends on standard
 *       input ({@code width K}), one at a time, printing {@link #WIDTH_PREFIX} and the width's result
 *       after each, until {@code end}. The harness hands each free worker the next width in order.
 * </ul>
 *
 * <p>Slow contenders run a timed subset: at most {@code epochs} epochs per width, and (with a
 * {@code widthBudgetSeconds} &gt; 0) no more steps once a width's training time exceeds the budget;
 * the harness extrapolates from the steps and measurements actually run.
 */
public final class ContenderLoop {
  /** A network being trained. */
  public interface Model extends AutoCloseable {
    /**
     * One optimisation step on the rows {@code order[from .. from + rows)} of the training set,
     * including gathering that mini-batch.
     *
     * @return the mini-batch loss before the update (nats)
     */
    double step(int[] order, int from, int rows);

    /** Forward pass over the whole test set: {test loss (nats), test accuracy}. */
    double[] evaluate();

    @Override
    void close();
  }

  /** Makes networks. */
  public interface Factory {
    /**
     * A network of bottleneck width {@code width} initialised with {@code layers} = W0, b0, W1, b1, W2,
     * b2 (weights fanIn x fanOut, row-major).
     */
    Model create(int width, float[][] layers);
  }

  /** Printed by a pool worker once it is warmed up and waits for widths. */
  public static final String READY_LINE = "IB-BENCH-READY";

  /** Prefix of the line a pool worker prints after each width, followed by the width's JSON. */
  public static final String WIDTH_PREFIX = "IB-BENCH-WIDTH ";

  /** Warm-up steps (and one test forward pass) on a throwaway network before timing. */
  public static final int WARMUP_STEPS = 20;

  private ContenderLoop() {}

  /**
   * The entry point the baselines share: {@code sweep --workload FILE [--epochs E]
   * [--width-budget S] [--widths LIST] [--serve]}. Prints the result line ({@link Json#emitResult})
   * with {@code header} (contender name, thread settings) first.
   */
  public static void main(Map<String, String> o, Workload w, Factory factory,
      Map<String, Object> header) throws IOException {
    int epochs = Integer.parseInt(o.getOrDefault("epochs", String.valueOf(w.epochs())));
    double budget = Double.parseDouble(o.getOrDefault("width-budget", "0"));
    Map<String, Object> result = new LinkedHashMap<>(header);
    if (o.containsKey("serve")) {
      result.putAll(serve(w, factory, epochs, budget, new BufferedReader(
          new InputStreamReader(System.in, StandardCharsets.UTF_8))));
    } else {
      int[] widths = o.containsKey("widths") ? intList(o.get("widths")) : w.widths();
      result.putAll(run(w, factory, widths, epochs, budget));
    }
    Json.emitResult(result);
  }

  /** Runs the whole sweep (all epochs, no budget) and returns the result map. */
  public static Map<String, Object> run(Workload w, Factory factory, int[] widths) {
    return run(w, factory, widths, w.epochs(), 0);
  }

  /**
   * Runs the first {@code epochs} epochs of every width, widths one after another, and returns the
   * result map (see {@link #widthResult} for the per-width fields); the measured steps beyond the
   * last step run are skipped.
   *
   * @param widthBudgetSeconds stop a width after the step that takes its training time past this
   *     (0: no budget)
   */
  public static Map<String, Object> run(Workload w, Factory factory, int[] widths, int epochs,
      double widthBudgetSeconds) {
    checkEpochs(w, epochs);
    warmUp(w, factory);
    List<Object> perWidth = new ArrayList<>();
    List<Double> allSteps = new ArrayList<>();
    long wall0 = System.nanoTime();
    for (int width : widths) {
      perWidth.add(runWidth(w, factory, width, epochs, widthBudgetSeconds, allSteps));
    }
    double wall = (System.nanoTime() - wall0) / 1e9;
    return summary(perWidth, allSteps, wall, false);
  }

  /**
   * Pool worker: warm up, print {@link #READY_LINE}, then train each width named on {@code in}
   * ({@code width K}) until {@code end} or end of input, printing each width's result.
   */
  public static Map<String, Object> serve(Workload w, Factory factory, int epochs,
      double widthBudgetSeconds, BufferedReader in) throws IOException {
    checkEpochs(w, epochs);
    warmUp(w, factory);
    System.out.println(READY_LINE);
    System.out.flush();
    List<Object> perWidth = new ArrayList<>();
    List<Double> allSteps = new ArrayList<>();
    long wall0 = 0;
    String line;
    while ((line = in.readLine()) != null) {
      line = line.trim();
      if (line.equals("end")) {
        break;
      }
      if (!line.startsWith("width ")) {
        throw new IllegalArgumentException("expected 'width K' or 'end', got '" + line + "'");
      }
      if (wall0 == 0) {
        wall0 = System.nanoTime();
      }
      Map<String, Object> r = runWidth(w, factory, Integer.parseInt(line.substring(6).trim()),
          epochs, widthBudgetSeconds, allSteps);
      perWidth.add(r);
      System.out.println(WIDTH_PREFIX + Json.write(r));
      System.out.flush();
    }
    double wall = wall0 == 0 ? 0 : (System.nanoTime() - wall0) / 1e9;
    return summary(perWidth, allSteps, wall, true);
  }

  private static void checkEpochs(Workload w, int epochs) {
    if (epochs < 1 || epochs > w.epochs()) {
      throw new IllegalArgumentException("epochs must be in 1.." + w.epochs() + ", got " + epochs);
    }
  }

  private static Map<String, Object> summary(List<Object> perWidth, List<Double> allSteps,
      double wall, boolean withSteps) {
    double[] steps = allSteps.stream().mapToDouble(Double::doubleValue).toArray();
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("widths", perWidth);
    r.putAll(stepStats(steps));
    r.put("wallSeconds", wall);
    if (withSteps) {
      // A pool's step statistics are computed over all its workers' steps by the harness.
      double[] ms = new double[steps.length];
      for (int i = 0; i < ms.length; i++) {
        ms[i] = Math.round(steps[i] * 1e6) / 1e3;
      }
      r.put("stepsMs", ms);
    }
    return r;
  }

  /** Median, mean, p90, p99 and max of step durations given in seconds, as milliseconds. */
  public static Map<String, Object> stepStats(double[] seconds) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("stepMedianMs", Stats.median(seconds) * 1e3);
    r.put("stepMeanMs", Stats.mean(seconds) * 1e3);
    r.put("stepP90Ms", Stats.quantile(seconds, 0.9) * 1e3);
    r.put("stepP99Ms", Stats.quantile(seconds, 0.99) * 1e3);
    r.put("stepMaxMs", Stats.max(seconds) * 1e3);
    return r;
  }

  /** Warm-up: JIT, first GEMM calls, allocator pools. */
  public static void warmUp(Workload w, Factory factory) {
    int width = w.widths()[0];
    int[] perm = w.permutation(1);
    try (Model m = factory.create(width, w.layers(width))) {
      for (int i = 0; i < WARMUP_STEPS; i++) {
        m.step(perm, i * w.batchSize(), w.batchSize());
      }
      m.evaluate();
    }
  }

  private static Map<String, Object> runWidth(Workload w, Factory factory, int width, int epochs,
      double budgetSeconds, List<Double> allSteps) {
    int[] measured = w.measuredSteps();
    long budgetNanos = budgetSeconds > 0 ? (long) (budgetSeconds * 1e9) : Long.MAX_VALUE;
    int next = 0;
    long trainNanos = 0;
    long forwardNanos = 0;
    List<Double> testLoss = new ArrayList<>();
    List<Double> testAccuracy = new ArrayList<>();
    int steps = 0;
    long wall0 = System.nanoTime();
    try (Model m = factory.create(width, w.layers(width))) {
      if (next < measured.length && measured[next] == 0) {
        long t0 = System.nanoTime();
        double[] e = m.evaluate();
        forwardNanos += System.nanoTime() - t0;
        testLoss.add(e[0]);
        testAccuracy.add(e[1]);
        next++;
      }
      training:
      for (int epoch = 1; epoch <= epochs; epoch++) {
        int[] perm = w.permutation(epoch);
        for (int from = 0; from < perm.length; from += w.batchSize()) {
          if (trainNanos > budgetNanos) {
            break training;
          }
          int rows = Math.min(w.batchSize(), perm.length - from);
          long t0 = System.nanoTime();
          double loss = m.step(perm, from, rows);
          long dt = System.nanoTime() - t0;
          if (!Double.isFinite(loss)) {
            throw new IllegalStateException("width " + width + ": loss " + loss + " at step " + steps);
          }
          trainNanos += dt;
          allSteps.add(dt / 1e9);
          steps++;
          if (next < measured.length && measured[next] == steps) {
            long e0 = System.nanoTime();
            double[] e = m.evaluate();
            forwardNanos += System.nanoTime() - e0;
            testLoss.add(e[0]);
            testAccuracy.add(e[1]);
            next++;
          }
        }
      }
    }
    Map<String, Object> r = widthResult(width, steps, trainNanos / 1e9, testLoss.size(),
        forwardNanos / 1e9, 0.0, testLoss, testAccuracy);
    r.put("wallSeconds", (System.nanoTime() - wall0) / 1e9);
    return r;
  }

  /**
   * The per-width result every contender reports.
   *
   * @param estimationSeconds time in information estimators (ib only; 0 for the baselines)
   */
  public static Map<String, Object> widthResult(int width, int steps, double trainSeconds, int points,
      double forwardSeconds, double estimationSeconds, List<Double> testLoss,
      List<Double> testAccuracy) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("width", width);
    r.put("steps", steps);
    r.put("trainSeconds", trainSeconds);
    r.put("points", points);
    r.put("forwardSeconds", forwardSeconds);
    r.put("estimationSeconds", estimationSeconds);
    r.put("testLoss", testLoss);
    r.put("testAccuracy", testAccuracy);
    return r;
  }

  /** The thread-related environment, for the report. */
  public static Map<String, Object> threadEnvironment() {
    Map<String, Object> env = new LinkedHashMap<>();
    for (String k : List.of("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")) {
      env.put(k, String.valueOf(System.getenv(k)));
    }
    env.put("availableProcessors", Runtime.getRuntime().availableProcessors());
    return env;
  }

  /** Parses {@code --key value} pairs. */
  public static Map<String, String> options(String[] args, int from) {
    Map<String, String> o = new LinkedHashMap<>();
    for (int i = from; i < args.length; i++) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --option, got '" + args[i] + "'");
      }
      String key = args[i].substring(2);
      String value = i + 1 < args.length && !args[i + 1].startsWith("--") ? args[++i] : "true";
      o.put(key, value);
    }
    return o;
  }

  /** Parses a comma-separated list of integers. */
  public static int[] intList(String text) {
    return java.util.Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty())
        .mapToInt(Integer::parseInt).toArray();
  }
}
