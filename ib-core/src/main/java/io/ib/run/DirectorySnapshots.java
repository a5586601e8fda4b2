package io.ib.run;

import io.ib.sweep.ActivationMatrix;
import io.ib.sweep.SnapshotEntry;
import io.ib.sweep.SnapshotSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The activations saved in a run directory's {@code snapshots/}, read through its index; each file
 * is checked against the checksum the run recorded of it as it is read.
 */
final class DirectorySnapshots implements SnapshotSource {
  private final Path directory;
  private final Map<SnapshotEntry, SnapshotIndex.Entry> files = new HashMap<>();

  DirectorySnapshots(Path directory) {
    this.directory = directory;
  }

  @Override
  public synchronized List<SnapshotEntry> entries() throws IOException {
    List<SnapshotEntry> result = new ArrayList<>();
    for (SnapshotIndex.Entry e : Snapshots.read(directory)) {
      SnapshotEntry entry = e.toSweepEntry();
      files.put(entry, e);
      result.add(entry);
    }
    return result;
  }

  @Override
  public ActivationMatrix read(SnapshotEntry entry) throws IOException {
    SnapshotIndex.Entry e;
    synchronized (this) {
      e = files.get(entry);
    }
    if (e == null) {
      throw new IllegalArgumentException("not an entry of this run's snapshots: " + entry);
    }
    Npy.FloatMatrix m = Snapshots.array(directory, e);
    if (m.columns() != e.layerWidth()) {
      throw new DamagedFileException(Snapshots.path(directory, e), "it has " + m.columns()
          + " columns, the index says " + e.layerWidth());
    }
    return new ActivationMatrix(m.values(), m.rows(), m.columns());
  }

  @Override
  public int[] labels() throws IOException {
    return Snapshots.labels(directory);
  }

  @Override
  public boolean hasInputs() {
    return Snapshots.haveInputs(directory);
  }

  @Override
  public ActivationMatrix inputs() throws IOException {
    Npy.FloatMatrix m = Snapshots.inputs(directory);
    return new ActivationMatrix(m.values(), m.rows(), m.columns());
  }
}
