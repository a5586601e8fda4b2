package io.ib.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The main class of ib-cli's spark-submit jar ({@code mvn -Pspark,spark-submit -pl ib-cli -am
 * package}): the {@code ib} command line, whose {@code sweep} and {@code resume} run their cells on
 * the Spark application's master unless {@code --engine} says otherwise.
 *
 * <pre>{@code
 * spark-submit --master spark://HOST:7077 ib-cli-VERSION-spark-submit.jar \
 *     sweep --data-dir /shared/mnist --out hdfs://NAMENODE:8020/ib/k-sweep
 * }</pre>
 *
 * <p>Spark's INFO lines (about a hundred per sweep) would bury the progress: the Spark engine, made
 * before the data loads, keeps Spark's, Hadoop's and ND4J's loggers to warnings and errors under
 * Spark's default Log4j profile (a log4j2.properties of the user's is left alone). It needs no
 * Spark class itself: the engine is found by name.
 */
public final class SparkSubmitMain {
  private SparkSubmitMain() {}

  /** Runs {@code ib} with {@code args}, with {@code --engine spark} for a sweep or resume. */
  public static void main(String[] args) {
    System.exit(Main.run(withSparkEngine(args)));
  }

  /**
   * The arguments with {@code --engine spark} right after {@code sweep} or {@code resume}, unless
   * {@code --engine} is among them; other commands unchanged.
   */
  static String[] withSparkEngine(String[] args) {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    boolean runsCells = !all.isEmpty()
        && (all.get(0).equals("sweep") || all.get(0).equals("resume"));
    boolean chosen = all.stream().anyMatch(a -> a.equals("--engine") || a.startsWith("--engine="));
    if (runsCells && !chosen) {
      all.addAll(1, List.of("--engine", "spark"));
    }
    return all.toArray(String[]::new);
  }
}
