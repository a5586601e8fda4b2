package io.ib.sweep;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of a sweep.
 *
 * @param config what was run
 * @param cells one result per cell, in run order
 * @param outputDirectory where results were written, if anywhere
 * @param started start time
 * @param finished end time
 */
public record SweepResult(SweepConfig config, List<CellResult> cells, Optional<Path> outputDirectory,
    Instant started, Instant finished) {
  public SweepResult {
    cells = List.copyOf(cells);
  }

  /** The result of one cell. */
  public Optional<CellResult> cell(int width, long seed) {
    return cells.stream()
        .filter(c -> c.cell().width() == width && c.cell().seed() == seed)
        .findFirst();
  }

  /** Every measurement of every cell, in run order. */
  public List<Measurement> measurements() {
    return cells.stream().flatMap(c -> c.measurements().stream()).toList();
  }
}
