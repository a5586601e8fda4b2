package io.ib.cli;

import io.ib.run.RunManifest.CellRecord;
import io.ib.run.SavedRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Spark's overhead on a sweep: runs the same {@code ib sweep} with the local engine and with {@code
 * --engine spark} (embedded, {@code local[*]} unless {@code --master} is among the arguments) in
 * this JVM, after a warm-up, twice each in the order local, spark, spark, local (the faster run of
 * each counts), and prints the wall times, their ratio, the fixed cost of starting and stopping a
 * SparkContext, and the overhead per cell. Not a test (a benchmark, kept with ib-cli's Spark test
 * sources so that no library ships it): it prints figures, and checks nothing but that the two
 * engines wrote the same measurements. Build, then run from the repository root:
 *
 * <pre>{@code
 * mvn -B -Pspark -pl ib-cli -am package -DskipTests -Dmaven.javadoc.skip=true
 * java -Xmx3g -XX:+UseParallelGC -cp "ib-cli/target/test-classes:ib-cli/target/classes:$(cat \
 *     ib-cli/target/classpath.txt):$(cat ib-cli/target/classpath-spark.txt)" \
 *     io.ib.cli.SparkBenchmark --data-dir /path/to/mnist     # any ib sweep options
 * }</pre>
 *
 * <p>Per-cell overhead = (spark wall - context start/stop - local wall) x cores / cells: the extra
 * core time each cell costs (task launch and serialisation, a one-cell sweep's set-up in the task,
 * the commit and the merge).
 */
public final class SparkBenchmark {
  private SparkBenchmark() {}

  /** Runs the benchmark; {@code args} are {@code ib sweep} options (no --out, no --engine). */
  public static void main(String[] args) throws IOException {
    Path dir = Files.createTempDirectory("ib-spark-bench-");
    try {
      List<String> base = new ArrayList<>(List.of("sweep"));
      base.addAll(Arrays.asList(args));
      // Warm-up: ND4J's native start, the JIT, the data in the OS cache.
      run(base, dir.resolve("warm"), "--widths", "5", "--epochs", "1", "--measure-steps", "none");
      // A B B A: each engine once early and once late, the faster of its two runs counts.
      double local1 = run(base, dir.resolve("local"));
      double spark1 = run(base, dir.resolve("spark"), "--engine", "spark");
      double spark2 = run(base, dir.resolve("spark2"), "--engine", "spark");
      double local2 = run(base, dir.resolve("local2"));
      double local = Math.min(local1, local2);
      double spark = Math.min(spark1, spark2);
      double context = contextSeconds(base.contains("--master")
          ? base.get(base.indexOf("--master") + 1) : "local[*]");
      boolean same = Arrays.equals(Files.readAllBytes(dir.resolve("local/measurements.csv")),
          Files.readAllBytes(dir.resolve("spark/measurements.csv")));
      int cells = SavedRun.readManifest(dir.resolve("spark")).cells().size();
      int cores = Runtime.getRuntime().availableProcessors();
      double localCells = cellSeconds(dir.resolve(local1 <= local2 ? "local" : "local2"));
      double sparkCells = cellSeconds(dir.resolve(spark1 <= spark2 ? "spark" : "spark2"));
      System.out.printf(Locale.ROOT, "%nib sweep %s: %d cells on %d cores%n",
          String.join(" ", args), cells, cores);
      System.out.printf(Locale.ROOT, "local engine            %8.1f s  (runs: %.1f, %.1f)%n", local,
          local1, local2);
      System.out.printf(Locale.ROOT,
          "spark engine            %8.1f s  (runs: %.1f, %.1f; ratio %.2f)%n", spark, spark1,
          spark2, spark / local);
      System.out.printf(Locale.ROOT, "SparkContext start/stop %8.1f s%n", context);
      System.out.printf(Locale.ROOT, "overhead per cell       %8.2f s of a core%n",
          (spark - context - local) * cores / cells);
      System.out.printf(Locale.ROOT, "time inside the cells   %8.1f s local, %.1f s spark (summed"
          + " over cells: training, evaluation, estimators)%n", localCells, sparkCells);
      System.out.printf(Locale.ROOT,
          "core time outside cells %8.2f s per cell local, %.2f s spark%n",
          (local * cores - localCells) / cells, (spark * cores - sparkCells) / cells);
      System.out.println("measurements.csv identical: " + (same ? "yes" : "NO"));
    } finally {
      try (Stream<Path> all = Files.walk(dir)) {
        for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** The seconds a run's cells spent training, evaluating and estimating, summed. */
  private static double cellSeconds(Path run) throws IOException {
    double sum = 0;
    for (CellRecord c : SavedRun.readManifest(run).cells()) {
      sum += c.trainingSeconds() + c.evaluationSeconds();
      for (double e : c.estimatorSeconds().values()) {
        sum += e;
      }
    }
    return sum;
  }

  /** Wall seconds of one ib sweep (the report included). */
  private static double run(List<String> base, Path out, String... more) {
    List<String> all = new ArrayList<>(base);
    all.addAll(List.of(more));
    all.addAll(List.of("--out", out.toString()));
    // "--widths/--epochs" given twice: the later wins only for the warm-up's own options.
    List<String> merged = dedupe(all);
    long start = System.nanoTime();
    int status = Main.run(merged.toArray(String[]::new));
    double seconds = (System.nanoTime() - start) / 1e9;
    if (status != 0) {
      throw new IllegalStateException("ib " + String.join(" ", merged) + " exited " + status);
    }
    return seconds;
  }

  /** Keeps the last value of options given twice (the warm-up's own). */
  private static List<String> dedupe(List<String> args) {
    List<String> result = new ArrayList<>(args);
    for (String option : List.of("--widths", "--epochs", "--measure-steps", "--seeds")) {
      int first = result.indexOf(option);
      int last = result.lastIndexOf(option);
      if (first >= 0 && first != last) {
        result.remove(first + 1);
        result.remove(first);
      }
    }
    return result;
  }

  /** Seconds to start a SparkContext, run an empty job and stop it. */
  private static double contextSeconds(String master) {
    long start = System.nanoTime();
    SparkContext sc = SparkContext.getOrCreate(new SparkConf().setAppName("ib bench")
        .setMaster(master));
    try {
      JavaSparkContext.fromSparkContext(sc).parallelize(List.of(1, 2), 2).count();
    } finally {
      sc.stop();
    }
    return (System.nanoTime() - start) / 1e9;
  }
}
