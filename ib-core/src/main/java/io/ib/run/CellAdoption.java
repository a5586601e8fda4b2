package io.ib.run;

import io.ib.run.RunManifest.CellRecord;
import io.ib.sweep.Cell;
import io.ib.sweep.SnapshotEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The merge of cells committed elsewhere (see {@link CellCommits}) into a run directory: every
 * committed cell is checked first (a damaged one is refused, naming its file, before anything
 * changes); the activations of the cells the run does not hold yet are saved as a cell running here
 * saves them; then their rows are appended to {@code measurements.csv} and their records to the
 * manifest in one step (see {@link Journal}), exactly as if they had run here; then the committed
 * files are deleted. A stop at any moment leaves the run as before or with every adopted cell, and a
 * committed cell is adopted once only.
 */
final class CellAdoption {
  private CellAdoption() {}

  /** What an adoption did: the cells adopted, and the manifest with them. */
  record Adopted(List<Cell> cells, RunManifest manifest) {}

  /** Closes the run's open writers before the files they append to are replaced. */
  interface Closer {
    void close() throws IOException;
  }

  /**
   * Adopts the committed cells of {@code storage} that {@code manifest} does not hold.
   *
   * @param snapshots the run's open snapshot writer, or null if it saves no activations
   * @param closeWriters closes the run's writers (called only when there is something to adopt)
   */
  static Adopted adopt(Path directory, RunManifest manifest, CellStorage storage,
      Snapshots snapshots, Closer closeWriters) throws IOException {
    Map<Cell, CellCommits.Committed> committed = CellCommits.read(storage, manifest.config());
    Set<Cell> have = new HashSet<>(manifest.finishedCells());
    List<Cell> adopted = new ArrayList<>();
    for (CellCommits.Committed c : committed.values()) {
      if (!have.contains(c.cell())) {
        adopted.add(c.cell());
      }
    }
    RunManifest result = manifest;
    if (!adopted.isEmpty()) {
      // Activations first, as a cell running here saves them: a stop before the step below leaves
      // snapshots of cells the run does not hold, which resuming deletes.
      if (snapshots != null) {
        for (Cell cell : adopted) {
          for (CellCommits.SnapshotFile f : committed.get(cell).snapshots()) {
            // The bytes the task wrote, checked against its marker's checksum, which the index
            // records in turn; parsed only to check that they hold an array of the layer.
            byte[] npy = CellCommits.readSnapshot(storage, f);
            Npy.FloatMatrix m = Npy.parseFloats(npy, Path.of(storage.describe(), f.name()));
            snapshots.write(new SnapshotEntry(cell, f.step(), f.epoch(), f.layer(), m.columns()),
                npy, f.sha256());
          }
        }
      }
      closeWriters.close();
      Path csvFile = directory.resolve(RunFiles.MEASUREMENTS);
      StringBuilder text = new StringBuilder(Files.readString(csvFile, StandardCharsets.UTF_8));
      List<CellRecord> records = new ArrayList<>();
      for (Cell cell : adopted) {
        text.append(new String(committed.get(cell).rows(), StandardCharsets.UTF_8));
        records.add(committed.get(cell).record());
      }
      result = manifest.withCells(records);
      Map<String, byte[]> files = Journal.files();
      files.put(RunFiles.MEASUREMENTS, text.toString().getBytes(StandardCharsets.UTF_8));
      files.put(RunFiles.MANIFEST, ManifestJson.bytes(result));
      Journal.commit(directory, files);
    }
    CellCommits.clear(storage, committed.keySet()); // and temporary files of killed attempts
    return new Adopted(adopted, result);
  }
}
