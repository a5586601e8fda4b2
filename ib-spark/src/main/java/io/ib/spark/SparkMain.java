package io.ib.spark;

import io.ib.cli.Main;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The main class of the spark-submit jar: the {@code ib} command line, whose {@code sweep} runs on the
 * Spark application's master unless {@code --engine} says otherwise.
 *
 * <pre>{@code
 * spark-submit --master spark://HOST:7077 ib-spark-VERSION-spark-submit.jar \
 *     sweep --data-dir /shared/mnist --out /shared/runs/k-sweep
 * }</pre>
 */
public final class SparkMain {
  private SparkMain() {}

  /** Runs {@code ib} with {@code args}, adding {@code --engine spark} to a sweep without one. */
  public static void main(String[] args) {
    System.exit(Main.run(withSparkEngine(args)));
  }

  static String[] withSparkEngine(String[] args) {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    boolean sweep = !all.isEmpty() && all.get(0).equals("sweep");
    boolean chosen = all.stream().anyMatch(a -> a.equals("--engine") || a.startsWith("--engine="));
    boolean jobArray = all.contains("--list-cells") || all.contains("--cell-index")
        || all.contains("--help") || all.contains("-h");
    if (sweep && !chosen && !jobArray) {
      all.addAll(List.of("--engine", "spark"));
    }
    return all.toArray(String[]::new);
  }
}
