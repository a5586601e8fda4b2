package io.ib.sweep;

import io.ib.info.EstimatorSpec;
import io.ib.info.InformationEstimate;
import io.ib.info.LayerSample;
import io.ib.info.MutualInformationEstimator;
import io.ib.info.RangeBasedEstimator;
import io.ib.nn.Quantization;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Estimators applied to saved activations, without retraining: what {@code ib analyze} does, and how
 * a sweep runs its range-based estimators after the last cell.
 *
 * <p>Each snapshot point (cell, step) becomes one {@link Measurement} whose losses and accuracy are
 * those of the run's measurement at that point. A {@link RangeBasedEstimator} first gets, per layer
 * name ({@code hidden1}, {@code hidden2}, {@code output}), the minimum and maximum over every
 * snapshot of that layer in the run.
 */
public final class SnapshotAnalysis {
  /**
   * What an analysis produced.
   *
   * @param measurements one per snapshot point, in snapshot order, holding only the new estimates
   * @param ranges per range-based estimator, the per-layer range it used
   */
  public record Result(List<Measurement> measurements,
      Map<EstimatorSpec, Map<Layer, ValueRange>> ranges) {
    public Result {
      measurements = List.copyOf(measurements);
      ranges = Map.copyOf(ranges);
    }
  }

  private SnapshotAnalysis() {}

  /**
   * Runs the estimators over every snapshot.
   *
   * @param cells the run's results, for the losses and accuracy of each point
   * @param quantization the run's quantization (its samples declare their levels, see
   *     {@link LayerSample#onLevels}), {@link Quantization#NONE} for an unquantized run
   * @throws IOException if a snapshot cannot be read, or a snapshot point has no measurement
   * @throws IllegalArgumentException if an estimator rejects a layer (the message names both)
   */
  public static Result run(SnapshotSource source, List<MutualInformationEstimator> estimators,
      List<CellResult> cells, Quantization quantization) throws IOException {
    return run(source, estimators, cells, quantization, 0);
  }

  /**
   * Runs the estimators over every snapshot, the labels taken as {@code classes} classes (a recorded
   * run's count, which a subsample may not show). The count only sizes the estimators' per-class
   * tables: H(Y) and every estimate count the labels observed, so they do not depend on it.
   *
   * @param classes the number of classes, or 0 for the largest saved label + 1
   * @throws IOException as {@link #run(SnapshotSource, List, List, Quantization)}, and if a saved
   *     label is not below {@code classes}
   */
  public static Result run(SnapshotSource source, List<MutualInformationEstimator> estimators,
      List<CellResult> cells, Quantization quantization, int classes) throws IOException {
    List<SnapshotEntry> entries = source.entries();
    Map<CellStep, Measurement> context = new HashMap<>();
    for (CellResult c : cells) {
      for (Measurement m : c.measurements()) {
        context.put(new CellStep(m.cell(), m.step()), m);
      }
    }
    Map<CellStep, List<SnapshotEntry>> points = new LinkedHashMap<>();
    for (SnapshotEntry e : entries) {
      CellStep point = new CellStep(e.cell(), e.step());
      if (!context.containsKey(point)) {
        throw new IOException("the snapshot of " + e.cell() + ", step " + e.step() + ", layer "
            + e.layer() + " belongs to no measurement of the run");
      }
      points.computeIfAbsent(point, k -> new ArrayList<>()).add(e);
    }
    int[] labels = source.labels();
    INDArray inputs = null; // none saved: estimators that need them say so
    if (source.hasInputs()) {
      ActivationMatrix x = source.inputs();
      if (x.rows() != labels.length) {
        throw new IOException("the saved inputs have " + x.rows() + " rows but there are "
            + labels.length + " labels");
      }
      inputs = Nd4j.create(x.values(), new long[] {x.rows(), x.columns()}, DataType.FLOAT);
    }
    int observed = java.util.Arrays.stream(labels).max().orElse(0) + 1;
    if (classes > 0 && observed > classes) {
      throw new IOException("the saved labels go up to " + (observed - 1) + ", but the run has "
          + classes + " classes");
    }
    int numClasses = classes > 0 ? classes : observed;
    Map<Layer, ValueRange> ranges = new TreeMap<>();
    if (estimators.stream().anyMatch(e -> e instanceof RangeBasedEstimator)) {
      for (SnapshotEntry e : entries) {
        float[] values = source.read(e).values();
        ranges.merge(e.layer(), ValueRange.of(values), (a, b) -> a.including(values));
      }
    }

    List<Measurement> result = new ArrayList<>();
    for (Map.Entry<CellStep, List<SnapshotEntry>> point : points.entrySet()) {
      List<LayerEstimate> estimates = new ArrayList<>();
      for (SnapshotEntry e : point.getValue()) {
        ActivationMatrix t = source.read(e);
        if (t.rows() != labels.length) {
          throw new IOException("the snapshot of " + e.cell() + ", step " + e.step() + ", layer "
              + e.layer() + " has " + t.rows() + " rows, not one per label (" + labels.length + ")");
        }
        LayerSample sample = LayerSample.of(e.layer().toString(), Nd4j.create(t.values(),
            new long[] {t.rows(), t.columns()}, DataType.FLOAT), labels, numClasses, inputs)
            .onLevels(MeasurementStep.levelsOf(e.layer(), quantization));
        for (MutualInformationEstimator estimator : estimators) {
          MutualInformationEstimator resolved = estimator instanceof RangeBasedEstimator rb
              ? rb.withRange(ranges.get(e.layer()).min(), ranges.get(e.layer()).max()) : estimator;
          for (InformationEstimate ie : MeasurementStep.estimate(resolved, sample, e.cell(),
              e.step())) {
            estimates.add(new LayerEstimate(e.layer(), t.columns(), ie));
          }
        }
      }
      Measurement m = context.get(point.getKey());
      result.add(new Measurement(m.cell(), m.step(), m.epoch(), m.trainLoss(), m.testLoss(),
          m.testAccuracy(), estimates));
    }
    Map<EstimatorSpec, Map<Layer, ValueRange>> used = new LinkedHashMap<>();
    for (MutualInformationEstimator e : estimators) {
      if (e instanceof RangeBasedEstimator) {
        used.put(e.spec(), Map.copyOf(ranges));
      }
    }
    return new Result(result, used);
  }

  /**
   * Applies estimators to one layer at one measurement point as a sweep does: their estimates in
   * the estimators' order, each estimator's time added to {@code nanos}. For activations measured
   * elsewhere (see {@code io.ib.run.RecordedRunWriter}).
   *
   * @throws IllegalArgumentException if an estimator rejects the layer (the message names both)
   */
  public static List<LayerEstimate> estimateLayer(List<MutualInformationEstimator> estimators,
      Layer layer, LayerSample sample, Cell cell, int step, Map<EstimatorSpec, Long> nanos) {
    List<LayerEstimate> estimates = new ArrayList<>();
    for (MutualInformationEstimator estimator : estimators) {
      long t0 = System.nanoTime();
      for (InformationEstimate ie : MeasurementStep.estimate(estimator, sample, cell, step)) {
        estimates.add(new LayerEstimate(layer, sample.width(), ie));
      }
      nanos.merge(estimator.spec(), System.nanoTime() - t0, Long::sum);
    }
    return estimates;
  }
}
