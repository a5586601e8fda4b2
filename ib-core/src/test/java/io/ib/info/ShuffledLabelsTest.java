package io.ib.info;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.InformationBottleneck;
import io.ib.SyntheticData;
import io.ib.info.binning.FixedWidthBinning;
import io.ib.sweep.SweepConfig;
import io.ib.sweep.SweepResult;
import io.ib.train.MeasurementSchedule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class ShuffledLabelsTest extends EstimatorContract {
  @Override
  protected MutualInformationEstimator estimator() {
    return Estimators.parse("binning:width=0.5,labels=shuffled");
  }

  @Override
  @Disabled("a fixed permutation of label positions pairs other labels with other rows once the"
      + " rows are reordered: the floor is a random quantity, not invariant to sample order")
  void permutingSamplesAndRelabellingClassesChangesNothing() {}

  @Test
  void floorOfIndependentVariablesIsThePlugInBias() {
    // T has K = 8 equiprobable values and determines Y (C = 2): I(T;Y) = 1 bit. With Y permuted,
    // T and Y are independent and 2 n ln2 I is about chi-squared with (K-1)(C-1) = 7 degrees of
    // freedom: mean 7 / (2 n ln2), standard deviation sqrt(14) / (2 n ln2).
    int n = 20_000;
    float[] t = new float[n];
    int[] labels = new int[n];
    SplittableRandom rng = new SplittableRandom(3);
    for (int i = 0; i < n; i++) {
      int k = rng.nextInt(8);
      t[i] = k;
      labels[i] = k % 2;
    }
    LayerSample sample = LayerSample.of("hidden1", Nd4j.create(t, new long[] {n, 1},
        DataType.FLOAT), labels, 2);
    MutualInformationEstimator binning = new FixedWidthBinning(1);
    InformationEstimate plain = binning.estimate(sample);
    InformationEstimate floor = ShuffledLabels.of(binning).estimate(sample);
    assertEquals(1.0, plain.ityBits(), 1e-3);
    double scale = 2 * n * Math.log(2);
    assertTrue(floor.ityBits() < (7 + 5 * Math.sqrt(14)) / scale, "floor " + floor.ityBits());
    assertEquals(plain.ixtBits(), floor.ixtBits(), 0.0, "X and T are unchanged");
    assertEquals(plain.hyBits(), floor.hyBits(), 1e-12, "a permutation keeps H(Y)");
    assertEquals("binning:width=1,labels=shuffled", floor.estimator().toString());
  }

  @Test
  void specsNameTheBaselineOfEachMember() {
    MutualInformationEstimator e = Estimators.parse("binning:width=1,2,labels=shuffled");
    assertEquals(List.of("binning:width=1,labels=shuffled", "binning:width=2,labels=shuffled"),
        e.memberSpecs().stream().map(Object::toString).collect(Collectors.toList()));
    assertEquals("kernel:bound=upper,s2=0.001,labels=shuffled",
        Estimators.parse("kernel:bound=upper,s2=1e-3,labels=shuffled").spec().toString());
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> Estimators.parse("binning:labels=sorted"));
    assertTrue(bad.getMessage().contains("must be shuffled"), bad.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> ShuffledLabels.of(Estimators.parse("binning:labels=shuffled")));
    assertEquals(List.of("binning:width=4", "binning:width=4,labels=shuffled"),
        ShuffledLabels.withBaselines(List.of(new FixedWidthBinning(4))).stream()
            .map(m -> m.spec().toString()).collect(Collectors.toList()));
  }

  @Test
  void sweepsWriteTheFloorBesideTheValueAlsoForRangeBasedEstimators(@TempDir Path dir)
      throws IOException {
    SweepConfig config = SweepConfig.notebook().withWidths(List.of(3)).withHiddenBeforeBottleneck(
            List.of(8)).withEpochs(2).withBatchSize(64)
        .withSchedule(new MeasurementSchedule(true, List.of(), true))
        .withEstimators(ShuffledLabels.withBaselines(List.of(new FixedWidthBinning(0.5),
            Estimators.parse("binning:bins=10,range=global"))));
    SweepResult result = InformationBottleneck.sweep(config)
        .on(SyntheticData.blobs(400, 300, 6, 3, 1)).writeTo(dir.resolve("run")).run();
    List<String> specs = result.measurements().get(0).estimates().stream()
        .map(e -> e.estimate().estimator().toString()).distinct().sorted()
        .collect(Collectors.toList());
    assertEquals(List.of("binning:bins=10,range=global", "binning:bins=10,range=global,labels=shuffled",
        "binning:width=0.5", "binning:width=0.5,labels=shuffled"), specs);
    // The floor's I(X;T) is its estimator's (same activations); only I(T;Y) differs.
    for (var m : result.measurements()) {
      java.util.Map<String, Double> ixt = new java.util.HashMap<>();
      m.estimates().forEach(e -> ixt.put(e.layer() + " " + e.estimate().estimator()
          .without(ShuffledLabels.PARAMETER) + " " + (e.estimate().estimator()
          .get(ShuffledLabels.PARAMETER).isPresent()), e.estimate().ixtBits()));
      ixt.forEach((key, value) -> {
        if (key.endsWith(" true")) {
          assertEquals(ixt.get(key.replace(" true", " false")), value, 0.0, key);
        }
      });
    }
  }
}
