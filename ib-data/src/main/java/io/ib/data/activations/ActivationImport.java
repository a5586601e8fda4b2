package io.ib.data.activations;

import io.ib.data.activations.DumpLayout.CellDump;
import io.ib.data.activations.DumpLayout.LayerLine;
import io.ib.data.npy.ArrayFiles;
import io.ib.data.npy.ArrayFormatException;
import io.ib.data.npy.SampleMatrix;
import io.ib.info.MutualInformationEstimator;
import io.ib.run.RecordedLayer;
import io.ib.run.RecordedNetwork;
import io.ib.run.RecordedPoint;
import io.ib.run.RecordedRunWriter;
import io.ib.run.Recording;
import io.ib.run.RecordingSettings;
import io.ib.sweep.ActivationMatrix;
import io.ib.sweep.Cell;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a directory of activations saved by another framework (layout: docs/import.md) into an ib
 * run directory ({@link RecordedRunWriter}, source {@code import}): a normal run that
 * {@code ib analyze}, {@code ib report} and {@link io.ib.run.SavedRun} read, its activations kept
 * as snapshots. What {@code ib import} does.
 *
 * <pre>{@code
 * ActivationImport.run(Path.of("dump"), Path.of("runs/convnet"),
 *     new ActivationImport.Options(List.of(new FixedWidthBinning(0.5)), 1, 1, List.of()));
 * }</pre>
 *
 * <p>The layout is checked whole before the run directory is created; the arrays are read one at a
 * time as they are recorded, and a damaged one (another sample shape than at the cell's first step,
 * another number of rows than labels, a NaN) stops the import with one line naming the file, the run
 * left behind marked failed with that line.
 */
public final class ActivationImport {
  /** The source recorded in the run's manifest. */
  public static final String SOURCE = "import";

  /**
   * What an import estimates.
   *
   * @param estimators the estimators to run at every point (range-based ones after the last cell)
   * @param width the width of a dump of one network (a dump of cells names them in its directories)
   * @param seed the seed of a dump of one network
   * @param commandLine recorded in the run's provenance (empty from code)
   * @param capacity what the widths count, e.g. {@code conv1 channels}, as the report names them
   */
  public record Options(List<MutualInformationEstimator> estimators, int width, long seed,
      List<String> commandLine, String capacity) {
    public Options {
      estimators = List.copyOf(estimators);
      commandLine = List.copyOf(commandLine);
      Objects.requireNonNull(capacity, "capacity");
    }

    /** Options whose capacity is not named ({@link Recording#DEFAULT_CAPACITY}). */
    public Options(List<MutualInformationEstimator> estimators, int width, long seed,
        List<String> commandLine) {
      this(estimators, width, seed, commandLine, Recording.DEFAULT_CAPACITY);
    }
  }

  private ActivationImport() {}

  /**
   * Imports a dump into a new run directory.
   *
   * @return the run directory
   * @throws IllegalArgumentException if the dump is damaged or inconsistent, naming the file on one
   *     line, or the output directory is not new or empty, or an estimator rejects a layer
   * @throws IOException if a file cannot be read or the run cannot be written
   */
  public static Path run(Path dump, Path out, Options options) throws IOException {
    Objects.requireNonNull(options, "options");
    List<CellDump> cells = DumpLayout.read(dump, options.width(), options.seed());
    int[] labels = labels(dump.resolve(DumpLayout.LABELS));
    Optional<ActivationMatrix> inputs = inputs(dump.resolve(DumpLayout.INPUTS), labels.length);
    RecordingSettings settings = new RecordingSettings(SOURCE, labels, inputs,
        options.estimators(), true, options.commandLine()).withCapacity(options.capacity());
    try (RecordedRunWriter run = RecordedRunWriter.create(out, settings)) {
      try {
        for (CellDump c : cells) {
          importCell(run, c, labels.length);
        }
        return run.finish();
      } catch (IllegalArgumentException | IOException e) {
        run.failed(e.getMessage());
        throw e;
      }
    }
  }

  private static void importCell(RecordedRunWriter run, CellDump c, int samples)
      throws IOException {
    Cell cell = new Cell(c.width(), c.seed());
    List<RecordedLayer> layers = null;
    for (DumpPoint p : c.points()) {
      List<ActivationMatrix> activations = new ArrayList<>();
      List<RecordedLayer> shapes = new ArrayList<>();
      for (LayerLine l : c.layers()) {
        Path file = c.file(p, l);
        SampleMatrix m = matrix(file);
        if (m.rows() != samples) {
          throw new IllegalArgumentException(file + ": " + m.rows() + " samples, but "
              + DumpLayout.LABELS + " has " + samples + " labels");
        }
        RecordedLayer layer = new RecordedLayer(l.name(), l.kind(), m.sampleShape(), l.output());
        if (layers != null && !layers.get(shapes.size()).shape().equals(m.sampleShape())) {
          throw new IllegalArgumentException(file + ": samples of shape " + m.sampleShape()
              + ", but " + layers.get(shapes.size()).shape() + " at step " + c.points().get(0).step()
              + " of this network");
        }
        shapes.add(layer);
        activations.add(new ActivationMatrix(m.values(), m.rows(), m.columns()));
      }
      if (layers == null) {
        layers = shapes;
        run.startCell(cell, new RecordedNetwork("imported from " + c.directory(), layers));
      }
      run.record(cell, new RecordedPoint(p.step(), p.epoch(), activations, p.trainLoss(),
          p.testLoss(), p.testAccuracy()));
    }
    run.finishCell(cell);
  }

  private static int[] labels(Path file) throws IOException {
    try {
      return ArrayFiles.readLabels(file);
    } catch (ArrayFormatException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static Optional<ActivationMatrix> inputs(Path file, int samples) throws IOException {
    if (!java.nio.file.Files.exists(file)) {
      return Optional.empty();
    }
    SampleMatrix x = matrix(file);
    if (x.rows() != samples) {
      throw new IllegalArgumentException(file + ": " + x.rows() + " samples, but "
          + DumpLayout.LABELS + " has " + samples + " labels");
    }
    return Optional.of(new ActivationMatrix(x.values(), x.rows(), x.columns()));
  }

  /** A damaged array is the user's to fix: one line naming it, as a usage error. */
  private static SampleMatrix matrix(Path file) throws IOException {
    try {
      return ArrayFiles.readMatrix(file);
    } catch (ArrayFormatException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }
}
