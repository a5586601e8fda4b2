package io.ib.data;

import java.io.IOException;
import java.io.Serializable;

/**
 * A small, serialisable description of where a dataset comes from (paths and reading options), from
 * which a process on another machine loads the same data: what a cell that runs as a Spark or
 * job-array task carries instead of the data itself. Implementations are value objects (records):
 * equal references load equal data, so a process may load it once for all its cells.
 */
public interface DatasetReference extends Serializable {
  /**
   * Loads the data.
   *
   * @throws IOException if it cannot be read
   */
  Dataset load() throws IOException;
}
