package io.ib.run;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.ServiceLoader;

/**
 * A flat folder where the cells of a sweep that run elsewhere (Spark tasks, job-array tasks) commit
 * their results (see {@link CellCommits}): a local directory, or through a {@link Provider} any
 * other store (ib-spark adds Hadoop's {@code hdfs://}, {@code s3a://}, ...).
 *
 * <p>The one promise the commit protocol needs: {@link #publish} makes a file appear whole or not
 * at all, to any reader. A storage with an atomic rename (a local directory, HDFS) writes a
 * temporary file and renames it ({@link RenamingCellStorage}, the one home of that protocol); an
 * object store uploads the object in one request. {@link CellStorages} opens one.
 */
public interface CellStorage {
  /** Where it is, for messages. */
  String describe();

  /** The names of the files it holds (no directories), in no particular order; empty if none. */
  List<String> list() throws IOException;

  /** A whole file, or null if it does not exist. */
  byte[] read(String name) throws IOException;

  /** Writes a file whole, replacing one of the same name: readers see the old bytes or the new. */
  void publish(String name, byte[] bytes) throws IOException;

  /** Deletes a file if it exists. */
  void delete(String name) throws IOException;

  /**
   * Removes the storage's folder itself if it holds nothing, so that a merged run leaves no empty
   * folder where its cells committed. Default: nothing, for stores without folders (object stores);
   * storages with folders (a local directory, HDFS) override it.
   */
  default void removeIfEmpty() throws IOException {}

  /**
   * Makes storages for a URI scheme other than {@code file}, found with {@link ServiceLoader} by
   * {@link CellStorages#open}.
   */
  interface Provider {
    /** True if it handles the URI (e.g. its scheme is {@code hdfs}). */
    boolean handles(URI uri);

    /** The storage at the URI (a folder, created on the first write if needed). */
    CellStorage open(URI uri) throws IOException;
  }
}
