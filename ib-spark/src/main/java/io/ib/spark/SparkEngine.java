package io.ib.spark;

import io.ib.CellJob;
import io.ib.SweepEngine;
import io.ib.sweep.Cell;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.VoidFunction;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs each cell of a sweep as one Spark task: a job over the cells' indices, one partition per cell,
 * whose tasks call {@link CellJob#run(Cell)} on the executors. The task's closure holds the
 * {@link CellJob} (the configuration as JSON, a data reference with checksums, the commit location)
 * and the cell's index, nothing else; each executor loads the data once.
 *
 * <p>Spark retries a failed task (an executor lost, a JVM killed) up to {@code spark.task.maxFailures}
 * times; every attempt of a cell computes the same rows from the cell's own seeds, and the commit
 * protocol keeps one copy, so the sweep's result does not depend on partitioning, executors,
 * retries or order. Each task sets ND4J and BLAS to {@code spark.task.cpus} threads (one per core
 * the task holds; 1 by default).
 *
 * <p>The master: the {@code master} option, else {@code spark.master} (as spark-submit sets it),
 * else an embedded {@code local[*]}. On a local master, failed tasks are retried too
 * ({@code local[N,4]}).
 */
public final class SparkEngine implements SweepEngine {
  /** How often Spark tries a cell before the sweep fails (Spark's default for clusters). */
  static final int ATTEMPTS = 4;

  private final String master;
  private final Map<String, String> settings;

  /**
   * @param master a Spark master URL, or null for {@code spark.master} or {@code local[*]}
   * @param settings more Spark settings ({@code spark.*} keys), applied unless already set
   */
  public SparkEngine(String master, Map<String, String> settings) {
    this.master = master;
    this.settings = Map.copyOf(Objects.requireNonNull(settings, "settings"));
  }

  @Override
  public String name() {
    return "spark";
  }

  /**
   * Runs the cells on the application's SparkContext under spark-submit, or on one it starts and
   * stops.
   */
  @Override
  public void run(CellJob job, List<Cell> cells) throws IOException {
    SparkLogging.quiet();
    // Under spark-submit (which sets spark.master) the context is the application's: left running.
    boolean submitted = System.getProperty("spark.master") != null;
    SparkConf conf = new SparkConf().setAppName("ib sweep");
    String chosen = master != null ? master : conf.get("spark.master", "local[*]");
    conf.setMaster(withRetries(chosen));
    settings.forEach(conf::setIfMissing);
    int taskCpus = conf.getInt("spark.task.cpus", 1);
    conf.setExecutorEnv("OMP_NUM_THREADS", String.valueOf(taskCpus));
    List<Integer> indices = new ArrayList<>();
    for (Cell c : cells) {
      indices.add(job.cells().indexOf(c));
    }
    SparkContext sc = SparkContext.getOrCreate(conf);
    try {
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(sc);
      jsc.setJobDescription("ib sweep: " + cells.size() + " cells");
      jsc.parallelize(indices, Math.max(1, indices.size())).foreach(new CellTask(job));
    } catch (Exception e) { // SparkException, undeclared by the Scala API

      throw new IOException("the Spark job failed: " + firstLine(e.getMessage()), e);
    } finally {
      if (!submitted) {
        sc.stop();
      }
    }
  }

  /** {@code local} and {@code local[N]} with task retries ({@code local[N,4]}); others unchanged. */
  static String withRetries(String master) {
    if (master.equals("local")) {
      return "local[1," + ATTEMPTS + "]";
    }
    if (master.matches("local\\[(\\*|\\d+)\\]")) {
      return master.substring(0, master.length() - 1) + "," + ATTEMPTS + "]";
    }
    return master;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no reason given";
    }
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
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
