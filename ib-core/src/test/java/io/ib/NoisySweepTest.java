package io.ib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.data.Dataset;
import io.ib.info.InformationEstimate;
import io.ib.info.binning.FixedWidthBinning;
import io.ib.info.noise.SamplePropagationEstimator;
import io.ib.nn.Activation;
import io.ib.run.ConfigJson;
import io.ib.sweep.Cell;
import io.ib.sweep.CompressionSummary;
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

/** Sweeps of noisy networks: reproducible, resumable to the byte, noise 0 as no noise. */
class NoisySweepTest {
  private static final Dataset DATA = SyntheticData.blobs(400, 200, 12, 2, 3);
  private static final SamplePropagationEstimator SP = SamplePropagationEstimator.of(4, 2);

  private static SweepConfig noiseless() {
    return SweepConfig.notebook()
        .withWidths(List.of(2, 4))
        .withHiddenBeforeBottleneck(List.of(10, 6))
        .withSeeds(List.of(1L, 2L))
        .withActivation(Activation.TANH)
        .withEpochs(3)
        .withBatchSize(64)
        .withSchedule(new MeasurementSchedule(true, List.of(2), true))
        .withEstimators(List.of(new FixedWidthBinning(0.1)));
  }

  private static SweepConfig noisy() {
    return noiseless().withNoise(0.05).withEstimators(List.of(SP, new FixedWidthBinning(0.1)));
  }

  @Test
  void spWritesAStandardErrorBesideEveryValue(@TempDir Path dir) throws IOException {
    SweepResult result = InformationBottleneck.sweep(noisy()).on(DATA).writeTo(dir.resolve("a"))
        .run();
    int rows = 0;
    for (Measurement m : result.measurements()) {
      Map<String, InformationEstimate> bySpec = m.estimates().stream()
          .collect(Collectors.toMap(e -> e.layer() + " " + e.estimate().estimator(),
              LayerEstimate::estimate));
      for (LayerEstimate e : m.estimates()) {
        if (e.estimate().estimator().equals(SP.spec())) {
          InformationEstimate se = bySpec.get(e.layer() + " " + SP.standardErrorSpec());
          assertTrue(se.ixtBits() >= 0 && se.ityBits() >= 0 && se.htBits() > 0, se.toString());
          assertTrue(Double.isFinite(e.estimate().ixtBits()), e.toString());
          // Three hidden layers of at most 10 units, beta 0.05: far from the ceilings.
          assertTrue(e.estimate().ixtBits() <= e.estimate().log2nBits() + 4 * se.ixtBits());
          rows++;
        }
      }
    }
    assertEquals(4 * 5 * 3, rows, "4 cells x 5 points (0, 2, epochs 1-3) x 3 hidden layers");
    // The compression summary has the values' rows, not the errors'.
    List<String> summarised = CompressionSummary.of(result.cells(), 0.5).groups().stream()
        .map(g -> g.estimator().toString()).distinct().toList();
    assertEquals(List.of("binning:width=0.1", SP.spec().toString()), summarised.stream().sorted()
        .toList());
    String csv = Files.readString(dir.resolve("a/measurements.csv"));
    assertTrue(csv.contains("sp:draws=4,samples=2") && csv.contains("sp:draws=4,samples=2,stat=se"),
        "the value and standard-error rows are written");
  }

  /**
   * The noise of a step and of a measurement is keyed by the cell's seed and the step, so a run
   * interrupted and resumed writes the same bytes as one that was not, and so does a parallel one.
   */
  @Test
  void resumedAndParallelNoisyRunsEqualAnUninterruptedOneByteForByte(@TempDir Path dir)
      throws IOException {
    Path whole = dir.resolve("whole");
    InformationBottleneck.sweep(noisy()).on(DATA).writeTo(whole).parallelism(1).run();
    Path broken = dir.resolve("broken");
    assertThrows(IllegalStateException.class, () -> InformationBottleneck.sweep(noisy()).on(DATA)
        .writeTo(broken).parallelism(1).listener(crashAfterMeasurements(7)).run());
    InformationBottleneck.resume(broken).on(DATA).parallelism(2).run();
    assertArrayEquals(Files.readAllBytes(whole.resolve("measurements.csv")),
        Files.readAllBytes(broken.resolve("measurements.csv")));
  }

  private static SweepListener crashAfterMeasurements(int count) {
    return new SweepListener() {
      int seen;

      @Override
      public void measured(Measurement m) {
        if (++seen == count) {
          throw new IllegalStateException("simulated crash");
        }
      }
    };
  }

  /** Noise 0 is the noiseless network: the same configuration text and the same results. */
  @Test
  void noiseZeroChangesNothing(@TempDir Path dir) throws IOException {
    SweepConfig zero = noiseless().withNoise(0);
    assertEquals(ConfigJson.toJson(noiseless()), ConfigJson.toJson(zero));
    InformationBottleneck.sweep(noiseless()).on(DATA).writeTo(dir.resolve("a")).run();
    InformationBottleneck.sweep(zero).on(DATA).writeTo(dir.resolve("b")).run();
    assertArrayEquals(Files.readAllBytes(dir.resolve("a/measurements.csv")),
        Files.readAllBytes(dir.resolve("b/measurements.csv")));
    // And noise does change them: the binning of the noisy layers differs.
    SweepResult loud = InformationBottleneck.sweep(noiseless().withNoise(0.05)).on(DATA).run();
    SweepResult quiet = InformationBottleneck.sweep(noiseless()).on(DATA).run();
    assertNotEquals(quiet.measurements(), loud.measurements());
  }

  @Test
  void configurationRoundTripsItsNoise() {
    SweepConfig config = noisy();
    assertEquals(ConfigJson.toJson(config),
        ConfigJson.toJson(ConfigJson.fromJson(ConfigJson.toJson(config))));
    assertEquals(0.05, ConfigJson.fromJson(ConfigJson.toJson(config)).noise());
    assertTrue(ConfigJson.toJson(config).contains("\"noise\":0.05"), ConfigJson.toJson(config));
    assertEquals(SweepConfig.GOLDFELD_BETA, SweepConfig.goldfeld2019().noise());
  }

  @Test
  void misconfiguredNoiseIsRefusedInOneLine() {
    Function<Runnable, String> message = r -> assertThrows(IllegalArgumentException.class,
        r::run).getMessage();
    assertTrue(message.apply(() -> noiseless().withEstimators(List.of(SP))).contains("--noise"));
    assertTrue(message.apply(() -> noisy().withQuantizeBits(4)).contains("--quantize"));
    assertTrue(message.apply(() -> noisy().withOutputLayer(OutputLayer.SOFTMAX))
        .contains("--output-layer none"));
    assertTrue(message.apply(() -> noiseless().withNoise(-1)).contains("noise"));
    assertTrue(message.apply(() -> noiseless().withNoise(Double.NaN)).contains("noise"));
    assertEquals(new Cell(3, 1).noiseSeed(), new Cell(3, 1).noiseSeed());
    assertNotEquals(new Cell(3, 1).noiseSeed(), new Cell(3, 1).measurementNoiseSeed());
  }
}
