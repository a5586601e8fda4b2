package io.ib.spark;

import io.ib.SweepEngine;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code spark} engine for {@code ib sweep --engine spark}. Options: {@code master} (a Spark
 * master URL: {@code local}, {@code local[N]}, {@code local[*]} or {@code spark://HOST:PORT};
 * default {@code spark.master}, else {@code local[*]}), {@code threads} (ND4J/BLAS threads per
 * task: {@code spark.task.cpus}; default 1), and any {@code spark.*} setting.
 *
 * <p>{@link #create} starts the engine's SparkContext ({@link SparkEngine#start()}), so that a
 * master that is not valid or does not answer, and a setting Spark refuses, are reported before a
 * sweep writes anything; close the engine if it never runs.
 */
public final class SparkEngineProvider implements SweepEngine.Provider {
  @Override
  public String name() {
    return "spark";
  }

  /**
   * @throws IllegalArgumentException if an option is unknown or not valid, no master answers, or
   *     Spark refuses a setting (one line, naming it)
   */
  @Override
  public SparkEngine create(Map<String, String> options) {
    Map<String, String> settings = new HashMap<>();
    String master = null;
    for (Map.Entry<String, String> o : options.entrySet()) {
      switch (o.getKey()) {
        case "master" -> master = o.getValue();
        case "threads" -> {
          String threads = o.getValue().strip();
          if (!threads.matches("\\d{1,4}") || Integer.parseInt(threads) < 1) {
            throw new IllegalArgumentException("the spark engine's threads must be a whole number"
                + " from 1, got '" + o.getValue() + "'");
          }
          settings.put("spark.task.cpus", threads);
        }
        default -> {
          if (!o.getKey().startsWith("spark.")) {
            throw new IllegalArgumentException("unknown option '" + o.getKey() + "' of the spark"
                + " engine: expected master, threads or a spark.* setting");
          }
          settings.put(o.getKey(), o.getValue());
        }
      }
    }
    return new SparkEngine(master, settings).start();
  }
}
