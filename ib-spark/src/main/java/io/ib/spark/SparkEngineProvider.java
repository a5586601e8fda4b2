package io.ib.spark;

import io.ib.SweepEngine;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code spark} engine for {@code ib sweep --engine spark}. Options: {@code master} (a Spark
 * master URL; default {@code spark.master}, else {@code local[*]}), {@code threads} (ND4J/BLAS
 * threads per task: {@code spark.task.cpus}; default 1), and any {@code spark.*} setting.
 */
public final class SparkEngineProvider implements SweepEngine.Provider {
  @Override
  public String name() {
    return "spark";
  }

  @Override
  public SweepEngine create(Map<String, String> options) {
    Map<String, String> settings = new HashMap<>();
    String master = null;
    for (Map.Entry<String, String> o : options.entrySet()) {
      switch (o.getKey()) {
        case "master" -> master = o.getValue();
        case "threads" -> settings.put("spark.task.cpus", o.getValue());
        default -> {
          if (!o.getKey().startsWith("spark.")) {
            throw new IllegalArgumentException("unknown option '" + o.getKey() + "' of the spark"
                + " engine: expected master, threads or a spark.* setting");
          }
          settings.put(o.getKey(), o.getValue());
        }
      }
    }
    return new SparkEngine(master, settings);
  }
}
