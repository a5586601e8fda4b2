package io.ib;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ib.data.Dataset;
import io.ib.info.ArrayEstimates;
import io.ib.info.Estimators;
import io.ib.info.InformationEstimate;
import io.ib.info.MutualInformationEstimator;
import io.ib.run.SavedRun;
import io.ib.sweep.ActivationMatrix;
import io.ib.sweep.LayerEstimate;
import io.ib.sweep.Measurement;
import io.ib.sweep.SnapshotEntry;
import io.ib.sweep.SnapshotSource;
import io.ib.sweep.SweepConfig;
import io.ib.sweep.SweepResult;
import io.ib.train.MeasurementSchedule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link ArrayEstimates} on the arrays a sweep saved gives exactly the numbers the sweep computed
 * from the same arrays while it trained, for every estimator family, every layer and every point.
 */
public class ArrayEstimatesInASweepTest {
  /** The estimators of {@link #sweep}, one of each family. */
  public static final List<String> SPECS = List.of("binning:width=0.5", "kernel:s2=0.1", "knn:k=3",
      "per-unit:bins=10", "digitize", "binning:bins=8,edges=quantile");

  /**
   * A small sweep of every estimator family, with its snapshots, into {@code run} (also used by
   * ib-cli's test of {@code ib estimate}): width 3, seed 1, measured at steps 0 and 2 and the end.
   */
  public static SweepResult sweep(Path run) throws IOException {
    Dataset data = SyntheticData.blobs(300, 120, 6, 3, 11);
    List<MutualInformationEstimator> estimators = new ArrayList<>();
    SPECS.forEach(s -> estimators.add(Estimators.parse(s)));
    SweepConfig config = SweepConfig.notebook().withWidths(List.of(3)).withSeeds(List.of(1L))
        .withHiddenBeforeBottleneck(List.of(8)).withEpochs(1).withBatchSize(50)
        .withSchedule(new MeasurementSchedule(true, List.of(2), true)).withMeasureOutputLayer(true)
        .withEstimators(estimators);
    return InformationBottleneck.sweep(config).on(data).writeTo(run).saveSnapshots(true).run();
  }

  static INDArray matrix(ActivationMatrix m) {
    return Nd4j.create(m.values(), new long[] {m.rows(), m.columns()}, DataType.FLOAT);
  }

  @Test
  void theSavedArraysGiveTheSweepsNumbers(@TempDir Path dir) throws IOException {
    Path run = dir.resolve("run");
    SweepResult result = sweep(run);
    SnapshotSource saved = SavedRun.read(run).snapshots();
    int[] labels = saved.labels();
    INDArray inputs = matrix(saved.inputs());
    List<SnapshotEntry> entries = saved.entries();
    int compared = 0;
    for (Measurement m : result.measurements()) {
      for (SnapshotEntry e : entries) {
        if (e.step() != m.step()) {
          continue;
        }
        ArrayEstimates arrays = ArrayEstimates.of(matrix(saved.read(e))).withInputs(inputs)
            .withLabels(labels);
        List<InformationEstimate> inSweep = m.estimates().stream()
            .filter(le -> le.layer().equals(e.layer())).map(LayerEstimate::estimate).toList();
        List<InformationEstimate> again = new ArrayList<>();
        SPECS.forEach(s -> again.addAll(arrays.estimate(s)));
        assertEquals(inSweep, again, "step " + m.step() + ", layer " + e.layer());
        compared += again.size();
      }
    }
    // 3 points (step 0, step 2, the end) x 3 layers x 7 estimates (kernel gives two)
    assertEquals(3 * 3 * 7, compared);
  }
}
