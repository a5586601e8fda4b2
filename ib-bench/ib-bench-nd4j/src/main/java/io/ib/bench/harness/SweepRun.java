package io.ib.bench.harness;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/**
 * One variant's sweep in one repetition, reduced to full-sweep figures. A variant that ran fewer
 * steps than the sweep (a timed subset) is extrapolated per width: training time scales with the
 * number of steps, forward-pass time with the number of measurement points; the wall time is the sum
 * of the widths' extrapolated wall times, per worker for a pool of JVMs (whose wall time is that of
 * its busiest worker).
 *
 * @param variant which contender ran how
 * @param rep 1-based repetition
 * @param stepMedianMs median wall time of one training step over the run
 * @param trainSeconds training (optimisation steps, batch gathering included), summed over widths
 * @param forwardSeconds forward passes over the test set at the measured steps, summed over widths
 * @param estimationSeconds information estimators (ib only), summed over widths
 * @param wallSeconds the whole sweep from its start to its last result (after the warm-up)
 * @param extrapolated whether the figures were scaled up from a subset
 * @param stepsRun fewest steps actually run in a width
 * @param result the contender's raw result
 */
record SweepRun(Variant variant, int rep, double stepMedianMs, double trainSeconds,
    double forwardSeconds, double estimationSeconds, double wallSeconds, boolean extrapolated,
    int stepsRun, JsonNode result) {

  String contender() {
    return variant.contender();
  }

  int section() {
    return variant.section();
  }

  double totalSeconds() {
    return trainSeconds + forwardSeconds + estimationSeconds;
  }

  /** Training plus forward passes: the part every contender does. */
  double trainForwardSeconds() {
    return trainSeconds + forwardSeconds;
  }

  static SweepRun of(Variant variant, int rep, JsonNode r, int fullSteps, int fullPoints) {
    double train = 0;
    double forward = 0;
    double estimation = 0;
    double measuredBusy = 0;
    boolean extrapolated = false;
    int stepsRun = Integer.MAX_VALUE;
    Map<Integer, Double> wallPerWorker = new HashMap<>();
    for (JsonNode w : r.get("widths")) {
      int steps = w.get("steps").asInt();
      int points = w.get("points").asInt();
      stepsRun = Math.min(stepsRun, steps);
      double stepScale = fullSteps / (double) steps;
      double pointScale = fullPoints / (double) points;
      extrapolated |= steps != fullSteps || points != fullPoints;
      double t = w.get("trainSeconds").asDouble();
      double f = w.get("forwardSeconds").asDouble();
      double e = w.get("estimationSeconds").asDouble();
      train += t * stepScale;
      forward += f * pointScale;
      estimation += e * pointScale;
      measuredBusy += t + f + e;
      // A width's wall time: measured, plus what the steps and measurements not run would add.
      double wall = w.has("wallSeconds") ? w.get("wallSeconds").asDouble() : t + f + e;
      wall += t * (stepScale - 1) + (f + e) * (pointScale - 1);
      wallPerWorker.merge(w.has("worker") && w.get("worker").isInt() ? w.get("worker").asInt() : 0,
          wall, Double::sum);
    }
    double wall;
    if (!extrapolated) {
      wall = r.get("wallSeconds").asDouble();
    } else {
      wall = wallPerWorker.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
      if (!r.has("poolWorkers")) {
        // One JVM: add what the run spent outside the widths' own timing (model set-up).
        double outside = r.get("wallSeconds").asDouble() - measuredSum(r);
        wall += Math.max(0, outside);
      }
    }
    return new SweepRun(variant, rep, r.get("stepMedianMs").asDouble(), train, forward,
        estimation, wall, extrapolated, stepsRun == Integer.MAX_VALUE ? 0 : stepsRun, r);
  }

  /**
   * Busy seconds (training, forward passes, estimation; extrapolated like {@link #of}) per worker of
   * a pool or of ib's cell threads, keyed by the worker's name, in order of first appearance.
   */
  static Map<String, Double> busyPerWorker(JsonNode r, int fullSteps, int fullPoints) {
    Map<String, Double> busy = new java.util.LinkedHashMap<>();
    for (JsonNode w : r.get("widths")) {
      double stepScale = fullSteps / (double) w.get("steps").asInt();
      double pointScale = fullPoints / (double) w.get("points").asInt();
      double b = w.get("trainSeconds").asDouble() * stepScale
          + (w.get("forwardSeconds").asDouble() + w.get("estimationSeconds").asDouble()) * pointScale;
      busy.merge(w.has("worker") ? w.get("worker").asText() : "0", b, Double::sum);
    }
    return busy;
  }

  private static double measuredSum(JsonNode r) {
    double s = 0;
    for (JsonNode w : r.get("widths")) {
      s += w.has("wallSeconds") ? w.get("wallSeconds").asDouble()
          : w.get("trainSeconds").asDouble() + w.get("forwardSeconds").asDouble()
              + w.get("estimationSeconds").asDouble();
    }
    return s;
  }
}
