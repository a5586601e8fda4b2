package io.ib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.data.Dataset;
import io.ib.info.InformationEstimate;
import io.ib.info.binning.FixedWidthBinning;
import io.ib.info.noise.GaussianDropoutEstimator;
import io.ib.info.noise.SamplePropagationEstimator;
import io.ib.nn.Activation;
import io.ib.run.ConfigJson;
import io.ib.sweep.Dropout;
import io.ib.sweep.LayerEstimate;
import io.ib.sweep.Measurement;
import io.ib.sweep.OutputLayer;
import io.ib.sweep.SweepConfig;
import io.ib.sweep.SweepListener;
import io.ib.sweep.SweepResult;
import io.ib.train.MeasurementSchedule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sweeps with dropout: estimated, reproducible, resumable to the byte, rate 0 as none. */
class DropoutSweepTest {
  private static final Dataset DATA = SyntheticData.blobs(400, 200, 12, 2, 3);
  private static final GaussianDropoutEstimator GD = GaussianDropoutEstimator.of(2);

  private static SweepConfig plain() {
    return SweepConfig.notebook()
        .withWidths(List.of(2, 4))
        .withHiddenBeforeBottleneck(List.of(10))
        .withSeeds(List.of(1L, 2L))
        .withActivation(Activation.TANH)
        .withEpochs(3)
        .withBatchSize(64)
        .withSchedule(new MeasurementSchedule(true, List.of(2), true))
        .withEstimators(List.of(new FixedWidthBinning(0.1)));
  }

  private static SweepConfig gaussian() {
    return plain().withDropout(Dropout.gaussian(0.25))
        .withEstimators(List.of(GD, new FixedWidthBinning(0.1)));
  }

  /** The estimator measures the last hidden layer, the one with dropout, with standard errors. */
  @Test
  void gaussianDropoutIsEstimatedOnItsLayerWithStandardErrors(@TempDir Path dir)
      throws IOException {
    SweepResult result = InformationBottleneck.sweep(gaussian()).on(DATA).writeTo(dir).run();
    int rows = 0;
    for (Measurement m : result.measurements()) {
      Map<String, InformationEstimate> bySpec = m.estimates().stream()
          .collect(Collectors.toMap(e -> e.layer() + " " + e.estimate().estimator(),
              LayerEstimate::estimate));
      for (LayerEstimate e : m.estimates()) {
        if (e.estimate().estimator().equals(GD.spec())) {
          assertEquals("hidden2", e.layer().toString());
          InformationEstimate se = bySpec.get(e.layer() + " " + GD.standardErrorSpec());
          assertTrue(se.ixtBits() >= 0 && se.htBits() > 0, se.toString());
          assertTrue(e.estimate().ixtBits() <= e.estimate().log2nBits() + 4 * se.ixtBits());
          rows++;
        }
      }
    }
    assertEquals(4 * 5, rows, "4 cells x 5 points x the one layer with dropout");
    String csv = Files.readString(dir.resolve("measurements.csv"));
    assertTrue(csv.contains("gaussian-dropout:samples=2,stat=se"), "standard-error rows written");
  }

  /** Factors keyed by cell seed and step: resumed and parallel runs write the same bytes. */
  @Test
  void resumedAndParallelDropoutRunsEqualAnUninterruptedOneByteForByte(@TempDir Path dir)
      throws IOException {
    for (SweepConfig config : List.of(gaussian(), plain().withDropout(Dropout.bernoulli(0.2)))) {
      Path whole = dir.resolve("whole" + config.dropout().id());
      InformationBottleneck.sweep(config).on(DATA).writeTo(whole).parallelism(1).run();
      Path other = dir.resolve("parallel" + config.dropout().id());
      InformationBottleneck.sweep(config).on(DATA).writeTo(other).parallelism(2).run();
      assertArrayEquals(Files.readAllBytes(whole.resolve("measurements.csv")),
          Files.readAllBytes(other.resolve("measurements.csv")));
    }
  }

  /** A run interrupted and resumed writes the same bytes as one that was not. */
  @Test
  void aResumedGaussianDropoutRunEqualsAnUninterruptedOneByteForByte(@TempDir Path dir)
      throws IOException {
    Path whole = dir.resolve("whole");
    InformationBottleneck.sweep(gaussian()).on(DATA).writeTo(whole).parallelism(1).run();
    Path broken = dir.resolve("broken");
    assertThrows(IllegalStateException.class, () -> InformationBottleneck.sweep(gaussian())
        .on(DATA).writeTo(broken).parallelism(1).listener(new SweepListener() {
          int seen;

          @Override
          public void measured(Measurement m) {
            if (++seen == 7) {
              throw new IllegalStateException("simulated crash");
            }
          }
        }).run());
    InformationBottleneck.resume(broken).on(DATA).parallelism(2).run();
    assertArrayEquals(Files.readAllBytes(whole.resolve("measurements.csv")),
        Files.readAllBytes(broken.resolve("measurements.csv")));
  }

  /** Dropout 0 is no dropout: the same configuration text and results; dropout changes them. */
  @Test
  void dropoutZeroChangesNothing(@TempDir Path dir) throws IOException {
    SweepConfig zero = plain().withDropout(Dropout.bernoulli(0));
    assertEquals(ConfigJson.toJson(plain()), ConfigJson.toJson(zero));
    InformationBottleneck.sweep(plain()).on(DATA).writeTo(dir.resolve("a")).run();
    InformationBottleneck.sweep(zero).on(DATA).writeTo(dir.resolve("b")).run();
    assertArrayEquals(Files.readAllBytes(dir.resolve("a/measurements.csv")),
        Files.readAllBytes(dir.resolve("b/measurements.csv")));
    SweepResult dropped = InformationBottleneck.sweep(plain().withDropout(Dropout.bernoulli(0.3)))
        .on(DATA).run();
    assertNotEquals(InformationBottleneck.sweep(plain()).on(DATA).run().measurements(),
        dropped.measurements());
  }

  @Test
  void configurationRoundTripsItsDropout() {
    for (SweepConfig config : List.of(gaussian(), plain().withDropout(Dropout.bernoulli(0.2)))) {
      String json = ConfigJson.toJson(config);
      assertEquals(json, ConfigJson.toJson(ConfigJson.fromJson(json)));
      assertEquals(config.dropout(), ConfigJson.fromJson(json).dropout());
    }
    assertTrue(ConfigJson.toJson(gaussian()).contains("\"dropout\":{\"kind\":\"gaussian\""),
        ConfigJson.toJson(gaussian()));
  }

  @Test
  void misconfiguredDropoutIsRefusedInOneLine() {
    Function<Runnable, String> message = r -> assertThrows(IllegalArgumentException.class,
        r::run).getMessage();
    assertTrue(message.apply(() -> plain().withEstimators(List.of(GD)))
        .contains("--gaussian-dropout"));
    assertTrue(message.apply(() -> plain().withDropout(Dropout.bernoulli(0.2))
        .withEstimators(List.of(GD))).contains("--gaussian-dropout"));
    assertTrue(message.apply(() -> gaussian().withQuantizeBits(4)).contains("--quantize"));
    assertTrue(message.apply(() -> gaussian().withNoise(0.1)).contains("--noise"));
    assertTrue(message.apply(() -> gaussian().withOutputLayer(OutputLayer.SOFTMAX))
        .contains("--output-layer none"));
    assertTrue(message.apply(() -> Dropout.bernoulli(1)).contains("[0, 1)"));
    assertTrue(message.apply(() -> Dropout.gaussian(0)).contains("alpha > 0"));
    assertTrue(message.apply(() -> gaussian().withEstimators(
        List.of(SamplePropagationEstimator.of(2, 2)))).contains("--noise"));
  }
}
