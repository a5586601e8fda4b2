package io.ib.spark;

import io.ib.SweepEngine;
import io.ib.run.CellJob;
import io.ib.sweep.Cell;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.VoidFunction;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs each cell of a sweep as one Spark task: a job over the cells' indices, one partition per
 * cell, whose tasks call {@link CellJob#run(Cell)} on the executors. The task's closure holds the
 * {@link CellJob} (the configuration as JSON, a data reference with checksums, the commit location)
 * and the cell's index, nothing else; each executor loads the data once.
 *
 * <p>Spark retries a failed task (an executor lost, a JVM killed) up to
 * {@code spark.task.maxFailures} times; every attempt of a cell computes the same rows from the
 * cell's own seeds, and the commit protocol keeps one copy, so the sweep's result does not depend
 * on partitioning, executors, retries or order. Each task sets ND4J and BLAS to
 * {@code spark.task.cpus} threads (one per core the task holds; 1 by default).
 *
 * <p>The master: the {@code master} argument (checked: {@code local}, {@code local[N]},
 * {@code local[*]} or {@code spark://HOST:PORT}), else {@code spark.master} (as spark-submit sets
 * it, any master Spark knows), else an embedded {@code local[*]}. On a local master, failed tasks
 * are retried too ({@code local[N,4]}). On a standalone cluster whose master is on a loopback
 * address, the driver advertises {@code 127.0.0.1} unless {@code spark.driver.host} is set.
 *
 * <p>{@link #start()} starts the SparkContext, which checks every setting (the provider does it
 * when it makes the engine, before a sweep writes anything); {@link #run} starts it if needed and
 * stops it when the cells are done, unless it is the application's (under spark-submit).
 */
public final class SparkEngine implements SweepEngine {
  private static final Pattern MISSING_CLASS = Pattern.compile(
      "(?:ClassNotFoundException|NoClassDefFoundError)(?::\\s*|\\s+)"
      + "(?:Could not initialize class\\s+)?([\\w.$/-]+)");

  /** Keys whose values are secrets: those of Spark's spark.redaction.regex by default. */
  private static final Pattern SECRET = Pattern.compile("(?i)secret|password|token|access[.]?key");

  private static final String DRIVER_HOST = "spark.driver.host";

  private final SparkConf conf;
  private final Map<String, String> settings;
  private final boolean submitted;
  private SparkContext context;

  /**
   * An engine; Spark starts with {@link #start()} or the first {@link #run}.
   *
   * @param master a Spark master URL, or null for {@code spark.master} or {@code local[*]}
   * @param settings more Spark settings ({@code spark.*} keys), applied unless already set (by
   *     spark-submit)
   * @throws IllegalArgumentException if the master is not one ib's driver can use
   */
  public SparkEngine(String master, Map<String, String> settings) {
    this.settings = new TreeMap<>(Objects.requireNonNull(settings, "settings"));
    // Under spark-submit (which sets spark.master) the context is the application's: left running.
    this.submitted = System.getProperty("spark.master") != null;
    String chosen = master != null ? SparkMasters.check(master)
        : System.getProperty("spark.master", "local[*]");
    // When the host name resolves to a loopback address, Spark advertises one of the machine's
    // other addresses (with two warnings, as soon as its configuration is read): executors of a
    // cluster on loopback then cannot always reach the driver, and an embedded Spark needs no
    // address but loopback. There the driver advertises 127.0.0.1, unless the user chose.
    boolean loopbackDriver = !this.settings.containsKey(DRIVER_HOST)
        && System.getProperty(DRIVER_HOST) == null && System.getenv("SPARK_LOCAL_IP") == null
        && System.getenv("SPARK_LOCAL_HOSTNAME") == null
        && (chosen.startsWith("local") || SparkMasters.loopbackCluster(chosen));
    requireLocalJars(System.getProperty("spark.jars",
        this.settings.getOrDefault("spark.jars", "")));
    SparkLogging.quiet(loopbackDriver); // slf4j-simple: before Spark's first logger is made
    this.conf = new SparkConf().setAppName("ib sweep");
    // Under spark-submit Spark loads its Log4j profile again when it next logs (it reset logging
    // before the application's main): done now, silently, so that the levels set next hold.
    conf.initializeLogIfNecessary(false, true);
    SparkLogging.quiet(loopbackDriver); // Log4j 2: on Spark's profile
    conf.setMaster(SparkMasters.withRetries(chosen));
    this.settings.forEach(conf::setIfMissing);
    if (loopbackDriver) {
      conf.set(DRIVER_HOST, "127.0.0.1");
    }
    conf.setExecutorEnv("OMP_NUM_THREADS", String.valueOf(conf.getInt("spark.task.cpus", 1)));
  }

  @Override
  public String name() {
    return "spark";
  }

  /** A setting as Spark will start with it, or null: for tests. */
  String setting(String key) {
    return conf.get(key, null);
  }

  /** "Spark (MASTER)", for messages. */
  @Override
  public String toString() {
    return "Spark (" + master() + ")";
  }

  /** The master the engine runs on (with the task attempts of a local master). */
  public String master() {
    return conf.get("spark.master");
  }

  /**
   * Starts the SparkContext (under spark-submit: the application's), unless it runs already: the
   * master answers (a standalone master is tried first, for {@value SparkMasters#CONNECT_MILLIS}
   * ms) and Spark accepts every setting.
   *
   * @return this engine
   * @throws IllegalArgumentException if no master answers, or Spark refuses a setting (the message
   *     gives Spark's reason and the settings given)
   */
  public synchronized SparkEngine start() {
    if (context != null && !context.isStopped()) {
      return this;
    }
    SparkMasters.requireAnswer(master());
    try {
      context = SparkLogging.starting(() -> SparkContext.getOrCreate(conf));
    } catch (Exception e) { // SparkException and others, undeclared by the Scala API
      throw new IllegalArgumentException("Spark did not start on " + master()
          + (settings.isEmpty() ? "" : " with " + describe(settings)) + ": "
          + firstLine(rootMessage(e)), e);
    }
    return this;
  }

  /**
   * Runs the cells on the application's SparkContext under spark-submit, or on one it starts (if
   * {@link #start()} did not) and stops.
   *
   * @throws IllegalArgumentException as {@link #start()}
   * @throws IOException if a cell failed for good, the executors cannot load ib's classes, or the
   *     application was stopped (one line each)
   */
  @Override
  public void run(CellJob job, List<Cell> cells) throws IOException {
    List<Integer> indices = new ArrayList<>();
    for (Cell c : cells) {
      indices.add(job.cells().indexOf(c));
    }
    SparkContext sc;
    synchronized (this) {
      start();
      sc = context;
    }
    try {
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(sc);
      jsc.setJobDescription("ib sweep: " + cells.size() + " cells");
      jsc.parallelize(indices, Math.max(1, indices.size())).foreach(new CellTask(job));
    } catch (Exception e) { // SparkException, undeclared by the Scala API
      throw failure(e, sc);
    } finally {
      if (!submitted) {
        close();
      }
    }
  }

  /** Stops the SparkContext this engine started (never the application's under spark-submit). */
  @Override
  public synchronized void close() {
    if (context != null && !submitted) {
      context.stop();
    }
    context = null;
  }

  /**
   * Checks the local files of {@code spark.jars} (a path, or a {@code file:} URI), which Spark
   * would only log as not added before the executors fail to load ib's classes.
   */
  private static void requireLocalJars(String jars) {
    for (String jar : jars.split(",")) {
      String j = jar.strip();
      if (j.isEmpty() || j.matches("[A-Za-z][A-Za-z0-9+.-]+:.*") && !j.startsWith("file:")) {
        continue; // none, or on a file system the executors fetch from (hdfs:, https:, local:)
      }
      Path path = j.startsWith("file:") ? Path.of(URI.create(j)) : Path.of(j);
      if (!Files.isRegularFile(path)) {
        throw new IllegalArgumentException("spark.jars names " + j + ", which is not a file here"
            + " (the driver sends the jars in spark.jars to the executors)");
      }
    }
  }

  /** The one-line reason of a failed job. */
  private IOException failure(Exception e, SparkContext sc) {
    String text = fullText(e);
    Matcher missing = MISSING_CLASS.matcher(text);
    if (missing.find()) {
      String name = missing.group(1).replace('/', '.');
      if (name.startsWith("io.ib.")) {
        return new IOException("the executors cannot load ib's classes (" + name + " is not on"
            + " their class path): give them ib's spark-submit jar with the setting"
            + " spark.jars=PATH (built by mvn -Pspark,spark-submit -pl ib-cli -am package; see"
            + " docs/spark.md), or spark.executor.extraClassPath where every machine has ib's"
            + " class path", e);
      }
      return new IOException("the executors cannot load " + name + ": add the jar that holds it"
          + " to the setting spark.jars (an estimator plug-in's jar, for its estimators)", e);
    }
    if (sc.isStopped()) {
      return new IOException("the Spark application on " + master() + " was stopped while the"
          + " cells ran (" + firstLine(rootMessage(e)) + "): see the master's log", e);
    }
    return new IOException("the Spark job failed: " + firstLine(e.getMessage()), e);
  }

  /** The settings as KEY=VALUE, with secrets' values hidden (Spark's default redaction rule). */
  static String describe(Map<String, String> settings) {
    StringBuilder sb = new StringBuilder();
    settings.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=')
        .append(SECRET.matcher(k).find() ? "*****" : v));
    return sb.toString();
  }

  /** The messages and class names of an exception and its causes, in one text. */
  private static String fullText(Throwable e) {
    StringBuilder sb = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      sb.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
    }
    return sb.toString();
  }

  /** The message of the deepest cause that has one: Spark wraps its reasons. */
  private static String rootMessage(Throwable e) {
    String message = e.getMessage();
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        message = t.getMessage();
      }
    }
    return message;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no reason given";
    }
    int end = message.indexOf('\n');
    return (end < 0 ? message : message.substring(0, end)).strip();
  }

  /** The task: one cell, by index; serialised with the job only. */
  static final class CellTask implements VoidFunction<Integer> {
    private static final long serialVersionUID = 1L;
    private final CellJob job;

    CellTask(CellJob job) {
      this.job = job;
    }

    @Override
    public void call(Integer index) throws IOException {
      TaskContext task = TaskContext.get();
      int threads = task != null ? Math.max(1, task.cpus()) : 1;
      Nd4j.getEnvironment().setMaxThreads(threads);
      Nd4j.factory().blas().setMaxThreads(threads);
      job.run(job.cells().get(index));
    }
  }
}
