package io.ib;

import io.ib.data.Dataset;
import io.ib.data.DatasetReference;
import io.ib.info.MutualInformationEstimator;
import io.ib.provenance.Provenance;
import io.ib.run.CellJob;
import io.ib.run.RunWriter;
import io.ib.sweep.Cell;
import io.ib.sweep.SweepConfig;
import io.ib.sweep.SweepListener;
import io.ib.sweep.SweepResult;
import io.ib.sweep.SweepRunner;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A configured sweep: set the data (required), an output directory and a listener (optional), then
 * {@link #run()}. Made by {@link InformationBottleneck#sweep} and {@link InformationBottleneck#resume}.
 *
 * <p>Each cell (bottleneck width x seed) trains a fresh network from its own seed on the training set
 * and is measured on the whole evaluation (test) set at the scheduled steps: loss, accuracy, and every
 * estimator on every hidden layer. With an output directory, each measurement is on disk before the
 * listener hears of it, and an interrupted sweep can be finished with
 * {@link InformationBottleneck#resume}.
 *
 * <p>By default a sweep uses every core: one cell per core at a time, each with one ND4J/BLAS
 * thread (the fastest for these layer sizes, see {@link #threadsPerCell}). Results depend on
 * neither setting.
 */
public final class Sweep {
  private SweepConfig config;
  private final Path resumeDirectory;
  private Dataset data;
  private Path outputDirectory;
  private boolean overwrite;
  private boolean snapshots;
  private int threadsPerCell = 1;
  private Integer parallelism;
  private SweepListener listener = new SweepListener() {};
  private List<String> commandLine = List.of();
  private SweepEngine engine;
  private DatasetReference reference;
  private URI commitTo;

  Sweep(SweepConfig config, Path resumeDirectory) {
    this.config = Objects.requireNonNull(config, "config");
    this.resumeDirectory = resumeDirectory;
  }

  /** The configuration this sweep runs (for a resumed sweep: the stored one). */
  public SweepConfig config() {
    return config;
  }

  /** The data to train on (its train part) and to measure on (its test part). */
  public Sweep on(Dataset dataset) {
    this.data = Objects.requireNonNull(dataset, "dataset");
    return this;
  }

  /**
   * Writes {@code sweep.json} and {@code measurements.csv} (see {@link io.ib.run.RunFiles}) into
   * this directory: a new or empty one (created with its parents), or one holding an earlier ib run
   * and nothing else when {@link #overwrite} is set. A directory that holds other files is refused:
   * ib never touches files it did not write.
   */
  public Sweep writeTo(Path directory) {
    if (resumeDirectory != null) {
      throw new IllegalStateException("a resumed sweep writes to " + resumeDirectory);
    }
    Objects.requireNonNull(directory, "directory");
    if (directory.toString().isBlank()) {
      throw new IllegalArgumentException("the output directory is empty: give a directory name");
    }
    this.outputDirectory = directory;
    return this;
  }

  /**
   * Replaces an earlier ib run in the output directory instead of refusing to start; a directory that
   * also holds other files is still refused. Default: false.
   */
  public Sweep overwrite(boolean value) {
    this.overwrite = value;
    return this;
  }

  /**
   * Also saves the evaluation-set activations of every measured layer at every measurement point as
   * {@code .npy} files (see {@link io.ib.run.SavedRun#snapshots}), for
   * {@link InformationBottleneck#analyze}. About n x (sum of measured layer widths) x 4 bytes per
   * point: 11 MB for the default network's two hidden layers at k = 5. Needs an output directory.
   */
  public Sweep saveSnapshots(boolean value) {
    this.snapshots = value;
    return this;
  }

  /**
   * Runs up to {@code cores} cells at once, each on its own thread (default: the processors divided
   * by {@link #threadsPerCell}). Results do not depend on it. An interruption loses at most the cells
   * in progress: up to {@code 3 x cores - 2} near the end of a sweep, {@code cores} before.
   */
  public Sweep parallelism(int cores) {
    if (cores < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, got " + cores);
    }
    this.parallelism = cores;
    return this;
  }

  /**
   * ND4J and BLAS threads per cell while the sweep runs (default 1: on small machines more threads
   * per cell were 2 to 40 times slower for these layer sizes, and one thread keeps reductions in a
   * fixed order). The sweep sets ND4J's thread counts to it and restores them when it ends.
   */
  public Sweep threadsPerCell(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads per cell must be at least 1, got " + threads);
    }
    this.threadsPerCell = threads;
    return this;
  }

  /** Receives progress (from several threads in turn when cells run in parallel; calls never overlap). */
  public Sweep listener(SweepListener value) {
    this.listener = Objects.requireNonNull(value, "listener");
    return this;
  }

  /**
   * Supplies estimators that the stored configuration of a resumed run names but that no provider on
   * the class path makes, such as your own passed in code when the run started
   * ({@code withEstimators(new MyEstimator())}): each replaces the stand-in with its spec.
   *
   * @throws IllegalArgumentException if the configuration has no estimator with an estimator's spec
   */
  public Sweep using(MutualInformationEstimator... estimators) {
    List<MutualInformationEstimator> list = new ArrayList<>(config.estimators());
    for (MutualInformationEstimator e : estimators) {
      int i = list.stream().map(MutualInformationEstimator::spec).toList().indexOf(e.spec());
      if (i < 0) {
        throw new IllegalArgumentException("the sweep has no estimator " + e.spec() + " (it has "
            + list.stream().map(x -> x.spec().toString()).toList() + ")");
      }
      list.set(i, e);
    }
    config = config.withEstimators(list);
    return this;
  }

  /**
   * Runs the cells on an engine (e.g. ib-spark's) instead of this process's threads: each cell is a
   * task that loads the data from {@code data}, trains, and commits its rows; the sweep then merges
   * them into its output directory, which ends byte for byte as a local run's (but for run times and
   * the command line). Needs an output directory whose {@code cells} folder every task can reach (or
   * {@link #commitTo}). Activations the run keeps, or that estimators running after the last cell
   * need, are committed by the tasks with their cells and merged into the output directory.
   *
   * @param data how the engine's processes load the same data as {@link #on}
   */
  public Sweep engine(SweepEngine engine, DatasetReference data) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.reference = Objects.requireNonNull(data, "data");
    return this;
  }

  /**
   * Where the engine's tasks commit their cells (a {@link io.ib.run.CellStorage} URI, e.g. on HDFS
   * or S3 when the executors cannot reach the output directory); default: the output directory's
   * {@code cells} folder. The sweep adopts the cells from there into its output directory.
   */
  public Sweep commitTo(URI location) {
    this.commitTo = Objects.requireNonNull(location, "location");
    return this;
  }

  /** The command line to record in the provenance (the CLI sets it). */
  public Sweep commandLine(List<String> value) {
    this.commandLine = List.copyOf(value);
    return this;
  }

  /**
   * Starts the run without running any cell, for job arrays: writes the output directory's
   * {@code sweep.json} (status running) and returns the job whose cells the array's tasks run
   * ({@link CellJob#run}, by index into {@link CellJob#cells()}). Resume the directory afterwards
   * ({@link InformationBottleneck#resume}) to merge the committed cells, run any that are missing and
   * complete the run.
   *
   * @param data how the tasks load the same data as {@link #on}
   * @throws IOException as {@link #run()}
   */
  public CellJob prepare(DatasetReference data) throws IOException {
    if (this.data == null) {
      throw new IllegalStateException("no data: call on(dataset) before prepare()");
    }
    if (outputDirectory == null) {
      throw new IllegalArgumentException("a job array needs an output directory: call"
          + " writeTo(directory)");
    }
    SweepRunner.check(config, this.data, true, 1);
    RunWriter.create(outputDirectory, config, this.data, Provenance.capture(commandLine),
        Instant.now(), snapshots, overwrite).close();
    return CellJob.forRun(outputDirectory, this.data, data);
  }

  /**
   * Runs every cell (for a resumed sweep: every cell that had not finished).
   *
   * @throws IllegalStateException if no data was given
   * @throws IllegalArgumentException if the configuration does not fit the data or the machine (too
   *     many steps or measurement points, a network too large for the memory), an estimator is not
   *     available ({@link #using}) or rejects a layer, or the output directory cannot take a new run
   * @throws io.ib.train.DivergenceException if a cell's training diverges (the run directory records
   *     it as failed; fix the cause and start again)
   * @throws IOException if results cannot be written, the output directory is in use, or a resumed
   *     run's files are damaged
   */
  public SweepResult run() throws IOException {
    if (data == null) {
      throw new IllegalStateException("no data: call on(dataset) before run()");
    }
    if (snapshots && outputDirectory == null) {
      throw new IllegalArgumentException("activation snapshots need an output directory: call"
          + " writeTo(directory)");
    }
    boolean writesFiles = outputDirectory != null || resumeDirectory != null;
    if (engine != null && !writesFiles) {
      throw new IllegalArgumentException("the " + engine.name() + " engine commits cells into"
          + " the output directory: call writeTo(directory)");
    }
    int cores = parallelism != null ? parallelism
        : Math.max(1, Runtime.getRuntime().availableProcessors() / threadsPerCell);
    SweepRunner.check(config, data, writesFiles, cores);
    int ndThreads = Nd4j.getEnvironment().maxThreads();
    int blasThreads = Nd4j.factory().blas().getMaxThreads();
    Nd4j.getEnvironment().setMaxThreads(threadsPerCell);
    Nd4j.factory().blas().setMaxThreads(threadsPerCell);
    try {
      if (!writesFiles) {
        return SweepRunner.inMemory(config, data, listener, cores).run();
      }
      Instant started = Instant.now();
      try (RunWriter writer = resumeDirectory != null
          ? RunWriter.resume(resumeDirectory, data, commandLine, started)
          : RunWriter.create(outputDirectory, config, data, Provenance.capture(commandLine),
              started, snapshots, overwrite)) {
        // Cells that tasks committed before (a job array, an interrupted engine run) count as done.
        writer.adoptCommittedCells(writer.cellStorage());
        if (engine != null) {
          new EngineRun(engine, listener).run(writer, config, data, reference, commitTo);
        }
        return new SweepRunner(config, data, writer, listener, cores).run();
      }
    } finally {
      Nd4j.getEnvironment().setMaxThreads(ndThreads);
      Nd4j.factory().blas().setMaxThreads(blasThreads);
    }
  }

  /** The cells of this sweep, in run order. */
  public List<Cell> cells() {
    return config.cells();
  }
}
