package io.ib.run;

import io.ib.info.MutualInformationEstimator;
import io.ib.sweep.ActivationMatrix;
import io.ib.sweep.Cell;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Writes an ib run directory from networks trained outside ib (imported activations, DL4J models
 * measured while they train): the same files as a sweep's run, so {@code ib analyze},
 * {@code ib report} and {@link SavedRun} read it like any other. A cell is one trained network:
 * its width is the capacity being varied (e.g. the channels of a convolution layer) and its seed
 * the replicate.
 *
 * <p>API agreed for issue 17; the implementation is being written (branch import).
 */
public final class RecordedRunWriter implements AutoCloseable {
  /**
   * What a recording keeps and estimates.
   *
   * @param source where the activations come from, in words: {@code import}, {@code dl4j}
   * @param labels the class of each evaluation sample
   * @param inputs the evaluation inputs (n x inputSize), if known; estimators that need X need them
   * @param estimators estimators run at every recorded point (range-based ones after the last cell,
   *     over the saved activations, which they then require)
   * @param keepSnapshots whether every recorded matrix is saved for {@code ib analyze}
   * @param commandLine the command that made the run, recorded in its provenance
   */
  public record Settings(String source, int[] labels, Optional<ActivationMatrix> inputs,
      List<MutualInformationEstimator> estimators, boolean keepSnapshots, List<String> commandLine) {
  }

  private RecordedRunWriter() {}

  /** Starts a new run directory (which must not exist, or be empty). */
  public static RecordedRunWriter create(Path directory, Settings settings) throws IOException {
    throw new UnsupportedOperationException("not yet written");
  }

  /** Starts one cell, trained as this network. */
  public void startCell(Cell cell, RecordedNetwork network) throws IOException {
    throw new UnsupportedOperationException("not yet written");
  }

  /** Records one measurement point of a started cell: estimates, rows, snapshots. */
  public void record(Cell cell, RecordedPoint point) throws IOException {
    throw new UnsupportedOperationException("not yet written");
  }

  /** Finishes a cell: its results are final. */
  public void finishCell(Cell cell) throws IOException {
    throw new UnsupportedOperationException("not yet written");
  }

  /** Completes the run (deferred estimators, status complete) and returns its directory. */
  public Path finish() throws IOException {
    throw new UnsupportedOperationException("not yet written");
  }

  /** Releases the run; a run not finished is left readable, marked as not complete. */
  @Override
  public void close() throws IOException {
    throw new UnsupportedOperationException("not yet written");
  }
}
