package io.ib.cli;

import io.ib.SweepEngine;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import picocli.CommandLine.Option;

/** Where and on how many cores the cells run. */
final class EngineOptions {
  @Option(names = "--threads", paramLabel = "T",
      description = "Threads for ND4J's native operations and BLAS per cell (default: 1, the fastest"
          + " for these layer sizes on small machines, and reproducible).")
  int threads = 1;

  @Option(names = "--parallel", paramLabel = "P",
      description = "Cores to use (default: the number of processors divided by --threads). Each"
          + " cell runs on its own thread; when more cells are in progress than cores, they take"
          + " turns, so that the last cells finish together. Results do not depend on it.")
  Integer parallel;

  @Option(names = "--engine", paramLabel = "local|spark",
      description = "Where the cells run: this process's threads (local, the default), or Apache"
          + " Spark tasks (spark: an embedded local[*] Spark unless --master is given; ./ib builds"
          + " the Spark engine when it sees this option). The results are the same byte for byte.")
  String engine = "local";

  @Option(names = "--master", paramLabel = "URL",
      description = "With --engine spark: the Spark master: local[N], local[*] or spark://HOST:7077"
          + " (a standalone cluster; default: local[*], or spark-submit's master). YARN and"
          + " Kubernetes take ib's spark-submit jar (docs/spark.md). The run directory (or a"
          + " Hadoop URI as --out) must be reachable from every executor.")
  String master;

  @Option(names = "--spark-conf", paramLabel = "KEY=VALUE",
      description = "With --engine spark: a Spark setting, as spark-submit's --conf (e.g."
          + " spark.executor.memory=4g); repeat for several.")
  List<String> sparkConf;

  /** Checks the values; the engine is made by {@link #engine()}. */
  void check() {
    if (threads < 1) {
      throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
    }
    if (parallel != null && parallel < 1) {
      throw new IllegalArgumentException("--parallel must be at least 1, got " + parallel);
    }
    String name = engineName();
    if (!name.equals("local") && !name.equals("spark")) {
      throw new IllegalArgumentException("--engine must be local or spark, got '" + engine + "'");
    }
    if ((master != null || sparkConf != null) && !name.equals("spark")) {
      throw new IllegalArgumentException((master != null ? "--master names a Spark master"
          : "--spark-conf is a Spark setting") + ": add --engine spark");
    }
  }

  String engineName() {
    return engine.strip().toLowerCase(Locale.ROOT);
  }

  boolean spark() {
    return engineName().equals("spark");
  }

  /** The cores the sweep uses, given how many cells it has. */
  int cores(int cells) {
    return Math.min(cells, parallel != null ? parallel
        : Math.max(1, Runtime.getRuntime().availableProcessors() / threads));
  }

  /**
   * The Spark engine of ib-spark, found by name (ib-core does not depend on Spark), with the
   * options checked before anything runs or is written.
   *
   * @throws IllegalArgumentException if the options are invalid, or ib-spark is not on the class
   *     path
   */
  SweepEngine engine() {
    Map<String, String> options = new TreeMap<>();
    if (master != null) {
      options.put("master", master);
    }
    options.put("threads", String.valueOf(threads));
    for (String kv : sparkConf == null ? List.<String>of() : sparkConf) {
      int eq = kv.indexOf('=');
      if (eq <= 0 || !kv.startsWith("spark.")) {
        throw new IllegalArgumentException("--spark-conf takes spark.KEY=VALUE, got '" + kv + "'");
      }
      options.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    for (SweepEngine.Provider p : ServiceLoader.load(SweepEngine.Provider.class)) {
      if (p.name().equals("spark")) {
        return p.create(options);
      }
    }
    throw new IllegalArgumentException("--engine spark needs ib's Spark engine and Apache Spark on"
        + " the class path: run ib through ./ib, which builds them when it sees --engine spark, or"
        + " submit ib-cli's spark-submit jar (docs/spark.md)");
  }
}
