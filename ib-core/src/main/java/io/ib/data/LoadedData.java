package io.ib.data;

import java.io.IOException;
import java.util.Objects;

/**
 * The dataset this process loaded last, with the reference it came from: the cells that one process
 * runs as tasks (a Spark executor, or the driver itself on a local master) share it instead of each
 * loading the same files again. One entry only, so that a long-lived process does not keep every
 * dataset it ever used.
 */
public final class LoadedData {
  private static final Object LOCK = new Object();
  private static DatasetReference reference;
  private static Dataset data;

  private LoadedData() {}

  /** Records data this process has loaded already (the driver's), for tasks that run here. */
  public static void offer(DatasetReference from, Dataset loaded) {
    synchronized (LOCK) {
      reference = Objects.requireNonNull(from, "from");
      data = Objects.requireNonNull(loaded, "loaded");
    }
  }

  /**
   * The data of a reference: the one loaded last if it is equal, else loaded now (and kept).
   *
   * @throws IOException if it cannot be loaded
   */
  public static Dataset load(DatasetReference from) throws IOException {
    synchronized (LOCK) {
      if (!from.equals(reference)) {
        data = from.load();
        reference = from;
      }
      return data;
    }
  }
}
