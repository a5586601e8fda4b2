package io.ib.sweep;

import io.ib.info.InformationEstimate;
import io.ib.info.LayerSample;
import io.ib.info.MutualInformationEstimator;
import io.ib.info.RangeBasedEstimator;
import io.ib.io.MeasurementRow;
import io.ib.io.MeasurementsCsv;
import io.ib.io.Npy;
import io.ib.io.RunDirectory;
import io.ib.io.Snapshots;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Estimators applied to the activation snapshots of a run directory, without retraining: what
 * {@code ib analyze} does, and how a sweep runs its range-based estimators after the last cell.
 *
 * <p>Each snapshot point (width, seed, step) becomes one {@link Measurement} whose losses and accuracy
 * are copied from the run's existing rows for that point. A {@link RangeBasedEstimator} first gets,
 * per layer name ({@code hidden1}, {@code hidden2}, {@code output}), the minimum and maximum over every
 * snapshot of that layer in the run.
 */
public final class SnapshotAnalysis {
  /** Receives each new measurement, in snapshot order. */
  public interface Sink {
    void accept(Measurement measurement) throws IOException;
  }

  private SnapshotAnalysis() {}

  /**
   * Runs the estimators over every snapshot.
   *
   * @return per range-based estimator (spec text), the per-layer ranges it used
   * @throws IOException if the snapshots cannot be read
   */
  public static Map<String, Map<String, double[]>> run(Path runDirectory,
      List<MutualInformationEstimator> estimators, Sink sink) throws IOException {
    List<Snapshots.Entry> entries = Snapshots.read(runDirectory);
    int[] labels = Snapshots.labels(runDirectory);
    Npy.FloatMatrix x = Snapshots.inputs(runDirectory);
    INDArray inputs = Nd4j.create(x.values(), new long[] {x.rows(), x.columns()}, DataType.FLOAT);
    int numClasses = java.util.Arrays.stream(labels).max().orElse(0) + 1;

    Map<String, double[]> ranges = new HashMap<>();
    boolean needRanges = estimators.stream().anyMatch(e -> e instanceof RangeBasedEstimator);
    if (needRanges) {
      for (Snapshots.Entry e : entries) {
        float[] v = Npy.readFloats(e.file()).values();
        double[] r = ranges.computeIfAbsent(e.layer(),
            k -> new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY});
        for (float f : v) {
          r[0] = Math.min(r[0], f);
          r[1] = Math.max(r[1], f);
        }
      }
    }
    Map<String, MeasurementRow> context = new HashMap<>();
    Path csv = runDirectory.resolve(RunDirectory.MEASUREMENTS);
    for (MeasurementRow row : MeasurementsCsv.read(csv)) {
      context.putIfAbsent(key(row.width(), row.seed(), row.step()), row);
    }

    Map<String, List<Snapshots.Entry>> points = new LinkedHashMap<>();
    for (Snapshots.Entry e : entries) {
      points.computeIfAbsent(key(e.width(), e.seed(), e.step()), k -> new ArrayList<>()).add(e);
    }
    for (List<Snapshots.Entry> point : points.values()) {
      Snapshots.Entry first = point.get(0);
      List<LayerEstimate> estimates = new ArrayList<>();
      for (Snapshots.Entry e : point) {
        Npy.FloatMatrix t = Npy.readFloats(e.file());
        LayerSample sample = LayerSample.of(e.layer(), Nd4j.create(t.values(),
            new long[] {t.rows(), t.columns()}, DataType.FLOAT), labels, numClasses, inputs);
        for (MutualInformationEstimator estimator : estimators) {
          MutualInformationEstimator resolved = estimator instanceof RangeBasedEstimator rb
              ? rb.withRange(ranges.get(e.layer())[0], ranges.get(e.layer())[1]) : estimator;
          for (InformationEstimate ie : resolved.estimateAll(sample)) {
            estimates.add(new LayerEstimate(e.layer(), e.layerWidth(), ie));
          }
        }
      }
      MeasurementRow c = context.get(key(first.width(), first.seed(), first.step()));
      if (c == null) {
        throw new IOException(runDirectory + ": snapshot of width " + first.width() + ", seed "
            + first.seed() + ", step " + first.step() + " has no row in " + RunDirectory.MEASUREMENTS);
      }
      sink.accept(new Measurement(new Cell(first.width(), first.seed()), first.step(), first.epoch(),
          c.trainLoss(), c.testLoss(), c.testAccuracy(), estimates));
    }
    Map<String, Map<String, double[]>> used = new LinkedHashMap<>();
    for (MutualInformationEstimator e : estimators) {
      if (e instanceof RangeBasedEstimator) {
        used.put(e.spec().toString(), ranges);
      }
    }
    return used;
  }

  private static String key(int width, long seed, int step) {
    return width + "," + seed + "," + step;
  }
}
