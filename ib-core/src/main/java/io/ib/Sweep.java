package io.ib;

import io.ib.data.Dataset;
import io.ib.data.DatasetReference;
import io.ib.run.CellCommits;
import io.ib.run.CellStorage;
import io.ib.run.RunDirectory;
import io.ib.provenance.Provenance;
import io.ib.sweep.Cell;
import io.ib.sweep.RunStore;
import io.ib.sweep.SweepConfig;
import io.ib.sweep.SweepListener;
import io.ib.sweep.SweepResult;
import io.ib.sweep.SweepRunner;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A configured sweep: set the data (required), an output directory and a listener (optional), then
 * {@link #run()}. Made by {@link InformationBottleneck#sweep} and {@link InformationBottleneck#resume}.
 *
 * <p>Each cell (bottleneck width x seed) trains a fresh network from its own seed on the training set
 * and is measured on the whole evaluation (test) set at the scheduled steps: loss, accuracy, and every
 * estimator on every hidden layer. With an output directory, each measurement is on disk before the
 * listener hears of it, and an interrupted sweep can be finished with
 * {@link InformationBottleneck#resume}.
 */
public final class Sweep {
  private final SweepConfig config;
  private final Path resumeDirectory;
  private Dataset data;
  private Path outputDirectory;
  private boolean overwrite;
  private boolean snapshots;
  private int parallelism = 1;
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
   * Writes {@code sweep.json} and {@code measurements.csv} (see {@link RunDirectory}) into this
   * directory: a new or empty one (created with its parents), or one holding an earlier ib run when
   * {@link #overwrite} is set. A directory that holds other files is refused: ib never touches files
   * it did not write.
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
   * Replaces an earlier ib run in the output directory (its files only; other files stay) instead of
   * refusing to start. Default: false.
   */
  public Sweep overwrite(boolean value) {
    this.overwrite = value;
    return this;
  }

  /**
   * Also saves the evaluation-set activations of every measured layer at every measurement point as
   * {@code .npy} files (see {@link io.ib.run.Snapshots}), for {@link InformationBottleneck#analyze}.
   * About n x (sum of measured layer widths) x 4 bytes per point: 11 MB for the default network's two
   * hidden layers at k = 5. Needs an output directory.
   */
  public Sweep saveSnapshots(boolean value) {
    this.snapshots = value;
    return this;
  }

  /**
   * Uses up to {@code cores} threads at once (with one ND4J/BLAS thread each, {@code cores} should
   * not exceed the processors). Results do not depend on it. An interruption loses at most the cells
   * in progress: up to {@code 3 x cores - 2} near the end of a sweep, {@code cores} before.
   */
  public Sweep parallelism(int cores) {
    if (cores < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, got " + cores);
    }
    this.parallelism = cores;
    return this;
  }

  /** Receives progress (from several threads in turn when cells run in parallel; calls never overlap). */
  public Sweep listener(SweepListener value) {
    this.listener = Objects.requireNonNull(value, "listener");
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
   * Where the engine's tasks commit their cells (a {@link io.ib.run.CellStorage} URI, e.g. on HDFS or
   * S3 when the executors cannot reach the output directory); default: the output directory's
   * {@code cells} folder. The sweep adopts the cells from there into its output directory.
   */
  public Sweep commitTo(URI location) {
    this.commitTo = Objects.requireNonNull(location, "location");
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
    Provenance provenance = Provenance.capture(commandLine);
    RunDirectory.create(outputDirectory, config, this.data, provenance, Instant.now(), snapshots,
        overwrite).close();
    return CellJob.forRun(outputDirectory, this.data, data);
  }

  /** The command line to record in the provenance (the CLI sets it). */
  public Sweep commandLine(List<String> value) {
    this.commandLine = List.copyOf(value);
    return this;
  }

  /**
   * Runs every cell (for a resumed sweep: every cell that had not finished).
   *
   * @throws IllegalStateException if no data was given
   * @throws IllegalArgumentException if the configuration does not fit the data or the machine (too
   *     many steps or measurement points, a network too large for the memory), or an estimator
   *     rejects a layer
   * @throws io.ib.train.DivergenceException if a cell's training diverges (the run directory records
   *     it as failed; fix the cause and start again)
   * @throws IOException if results cannot be written, the output directory is not usable (see
   *     {@link #writeTo}) or is in use, or a resumed run's files are damaged
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
    if (engine != null) {
      if (!writesFiles) {
        throw new IllegalArgumentException("the " + engine.name() + " engine commits cells into"
            + " the output directory: call writeTo(directory)");
      }
    }
    SweepRunner.check(config, data, writesFiles, parallelism);
    Provenance provenance = Provenance.capture(commandLine);
    Instant started = Instant.now();
    RunStore store;
    if (resumeDirectory != null) {
      store = RunDirectory.resume(resumeDirectory, data, provenance, started);
    } else if (outputDirectory != null) {
      store = RunDirectory.create(outputDirectory, config, data, provenance, started, snapshots,
          overwrite);
    } else {
      store = RunStore.none();
    }
    try (RunStore open = store) {
      if (open instanceof RunDirectory directory) {
        // Cells that tasks committed before (a job array, an interrupted engine run) count as done.
        directory.adoptCommittedCells(directory.cellStorage());
        if (engine != null) {
          runOnEngine(directory);
        }
      }
      return new SweepRunner(config, data, open, listener, parallelism).run();
    }
  }

  /** Runs the cells the run does not hold on the engine, then adopts what they committed. */
  private void runOnEngine(RunDirectory directory) throws IOException {
    List<Cell> remaining = new ArrayList<>(config.cells());
    directory.finishedCells().forEach(r -> remaining.remove(r.cell()));
    if (remaining.isEmpty()) {
      return;
    }
    URI cells = commitTo != null ? commitTo : directory.directory().orElseThrow().toAbsolutePath()
        .resolve(CellCommits.DIRECTORY).toUri();
    CellJob job = CellJob.of(config, data, reference, cells, directory.keepsSnapshots());
    // Cells a stopped earlier session committed there count as done (--resume skips them).
    if (commitTo != null) {
      directory.adoptCommittedCells(job.storage());
      remaining.clear();
      remaining.addAll(config.cells());
      directory.finishedCells().forEach(r -> remaining.remove(r.cell()));
      if (remaining.isEmpty()) {
        return;
      }
    }
    try (CommitWatch watch = new CommitWatch(job, remaining)) {
      engine.run(job, remaining);
      watch.close();
      directory.adoptCommittedCells(job.storage());
    } catch (IOException | RuntimeException | Error e) {
      try {
        directory.failed(Instant.now(), String.valueOf(e.getMessage()));
      } catch (IOException | RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /**
   * Tells the listener of cells the engine committed, polling the commit location every
   * {@value #POLL_MILLIS} ms from one daemon thread while the engine runs, and once more at the end.
   * Progress only: a failed poll is skipped.
   */
  private final class CommitWatch implements AutoCloseable {
    private static final long POLL_MILLIS = 2000;
    private final CellStorage storage;
    private final List<Cell> cells;
    private final Set<Cell> seen = new HashSet<>();
    private final ScheduledExecutorService timer;
    private boolean closed;

    CommitWatch(CellJob job, List<Cell> cells) throws IOException {
      this.storage = job.storage();
      this.cells = List.copyOf(cells);
      this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ib-commit-watch");
        t.setDaemon(true);
        return t;
      });
      timer.scheduleWithFixedDelay(this::poll, POLL_MILLIS, POLL_MILLIS,
          TimeUnit.MILLISECONDS);
    }

    private synchronized void poll() {
      try {
        // Names only: reading and checking every committed file each poll is the merge's work.
        for (Cell c : CellCommits.markedCells(storage)) {
          if (cells.contains(c) && seen.add(c)) {
            listener.cellCommitted(c, seen.size(), cells.size());
          }
        }
      } catch (IOException | RuntimeException e) {
        // progress only; the merge reads the same files and reports what is wrong
      }
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      timer.shutdownNow();
      try {
        timer.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      poll();
    }
  }
}
