package io.ib.run;

import io.ib.data.Dataset;
import io.ib.data.DatasetReference;
import io.ib.data.LoadedData;
import io.ib.run.RunManifest.DataRecord;
import io.ib.sweep.Cell;
import io.ib.sweep.CellResult;
import io.ib.sweep.SweepConfig;
import io.ib.sweep.SweepListener;
import io.ib.sweep.SweepRunner;
import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The cells of a sweep as independent tasks, for engines that run them outside the driver's process
 * (a Spark executor, a job-array task): a small serialisable description of the sweep (its
 * configuration as JSON, a {@link DatasetReference} with the dataset's checksums, and where cells
 * commit) that {@link #run(Cell)} turns into one committed cell (see {@link CellCommits}). Nothing
 * heavy travels with it: each process loads the data once from the reference ({@link LoadedData})
 * and checks it against the checksums the run recorded.
 *
 * <p>A cell's results depend on the cell alone (its seeds derive from its width and seed), never on
 * which process, attempt or order ran it; running a cell twice commits the same rows twice, and the
 * merge ({@link RunWriter#adoptCommittedCells}) adopts them once.
 */
public final class CellJob implements Serializable {
  private static final long serialVersionUID = 2L;

  private final String configJson;
  private final String datasetJson;
  private final DatasetReference data;
  private final String commitTo;
  private final boolean snapshots;
  private transient SweepConfig config;

  private CellJob(String configJson, String datasetJson, DatasetReference data, String commitTo,
      boolean snapshots) {
    this.configJson = configJson;
    this.datasetJson = datasetJson;
    this.data = data;
    this.commitTo = commitTo;
    this.snapshots = snapshots;
  }

  /**
   * The job of a sweep.
   *
   * @param dataset the data as loaded here, whose checksums every task checks its own copy against
   * @param reference how other processes load the same data
   * @param commitTo the {@link CellStorage} where cells commit (a {@code file:} URI of a folder
   *     every task can reach, or a URI a {@link CellStorage.Provider} handles)
   * @param keepSnapshots whether the run keeps its activations; cells also commit them when the
   *     sweep has estimators that run over every cell's activations after the last cell (the merge
   *     runs those)
   */
  public static CellJob of(SweepConfig config, Dataset dataset, DatasetReference reference,
      URI commitTo, boolean keepSnapshots) {
    Objects.requireNonNull(reference, "reference");
    LoadedData.offer(reference, dataset); // tasks in this process use the data loaded here
    return new CellJob(ConfigJson.toJson(config), ManifestJson.datasetText(DataRecord.of(dataset)),
        reference, commitTo.toString(),
        keepSnapshots || !config.deferredEstimators().isEmpty());
  }

  /**
   * The job of the run in a run directory (its stored configuration), committing into the run's
   * {@code cells} folder: what a job-array task runs.
   *
   * @throws IOException if the directory holds no run, one recorded outside ib, or the data is not
   *     the run's
   */
  public static CellJob forRun(Path runDirectory, Dataset dataset, DatasetReference reference)
      throws IOException {
    RunManifest m = SavedRun.readManifest(runDirectory);
    RunWriter.requireTrainedByIb(runDirectory, m);
    RunWriter.requireSameData(runDirectory, dataset);
    return of(m.config(), dataset, reference, CellCommits.locationOf(runDirectory),
        m.keepsSnapshots());
  }

  /** The sweep's configuration. */
  public SweepConfig config() {
    if (config == null) {
      config = ConfigJson.fromJson(configJson);
    }
    return config;
  }

  /** Every cell of the sweep, in run order (the index of a job-array task is a position here). */
  public List<Cell> cells() {
    return config().cells();
  }

  /** Where cells commit. */
  public URI commitTo() {
    return URI.create(commitTo);
  }

  /** The storage where cells commit. */
  public CellStorage storage() throws IOException {
    return CellStorages.open(commitTo());
  }

  /**
   * The cells whose completion marker the storage lists, from the names alone (nothing is read or
   * checked): a cheap view for progress while tasks run; the merge checks each.
   */
  public List<Cell> markedCells() throws IOException {
    return CellCommits.markedCells(storage());
  }

  /**
   * Trains and measures one cell in this process and commits it. Use one ND4J/BLAS thread per core
   * the task holds ({@code Nd4j.getEnvironment().setMaxThreads}); the results do not depend on it.
   *
   * @throws IllegalArgumentException if the cell is not one of the sweep's, or the sweep uses an
   *     estimator that is not on this process's class path
   * @throws IOException if the data cannot be loaded or is not the run's, or the commit fails
   * @throws io.ib.train.DivergenceException if its training diverges
   */
  public CellResult run(Cell cell) throws IOException {
    if (!cells().contains(cell)) {
      throw new IllegalArgumentException(cell + " is not a cell of this sweep");
    }
    SweepConfig all = config();
    SweepRunner.requireAvailableEstimators(all);
    Dataset dataset = LoadedData.load(data);
    String here = ManifestJson.datasetText(DataRecord.of(dataset));
    if (!here.equals(datasetJson)) {
      throw new IOException("the data this process loaded from " + data + " differs from the"
          + " sweep's: " + here + " (the sweep has " + datasetJson + ")");
    }
    // The estimators that compare every cell on one range run at the merge, over the activations
    // the cells commit.
    SweepConfig one = all.withWidths(List.of(cell.width())).withSeeds(List.of(cell.seed()))
        .withEstimators(all.onlineEstimators());
    CellOutbox outbox = new CellOutbox(storage(), cell, snapshots);
    return new SweepRunner(one, dataset, outbox, new SweepListener() {}, 1).run().cells().get(0);
  }
}
