package io.ib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.data.Dataset;
import io.ib.info.binning.QuantizedCounting;
import io.ib.nn.Activation;
import io.ib.nn.Quantization;
import io.ib.run.ConfigJson;
import io.ib.sweep.Layer;
import io.ib.sweep.Measurement;
import io.ib.sweep.OutputLayer;
import io.ib.sweep.SweepConfig;
import io.ib.sweep.SweepResult;
import io.ib.train.MeasurementSchedule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Quantized networks trained by a sweep: each layer is a deterministic function of the one below it,
 * so the exact counts must obey the data-processing inequality to the last bit,
 * I(X;T_1) &ge; I(X;T_2) &ge; ... and I(T_1;Y) &ge; I(T_2;Y) &ge; ..., the softmax output last, at every
 * measurement of every cell.
 */
class QuantizedSweepTest {
  private static final Dataset DATA = SyntheticData.blobs(600, 300, 12, 3, 7);
  // Plug-in entropies of a partition and of a coarser one, summed in floating point.
  private static final double ROUNDING = 1e-12;

  @ParameterizedTest
  @CsvSource({"TANH, 4", "TANH, 8", "RELU, 8", "RELU, 3"})
  void exactInformationObeysTheDataProcessingInequality(Activation activation, int bits,
      @TempDir Path dir) throws IOException {
    SweepConfig config = SweepConfig.notebook()
        .withWidths(List.of(3, 8))
        .withHiddenBeforeBottleneck(List.of(24, 12))
        .withSeeds(List.of(1L, 2L))
        .withActivation(activation)
        .withQuantizeBits(bits)
        .withEpochs(6)
        .withBatchSize(32)
        .withLearningRate(3e-3)
        .withSchedule(new MeasurementSchedule(true, List.of(5), true))
        .withOutputLayer(OutputLayer.SOFTMAX)
        .withEstimators(List.of(new QuantizedCounting()));
    SweepResult result = InformationBottleneck.sweep(config).on(DATA).writeTo(dir.resolve("run"))
        .run();
    int checked = 0;
    for (Measurement m : result.measurements()) {
      // hidden1, hidden2, hidden3 (the bottleneck), softmax: in network order.
      Map<Layer, double[]> byLayer = new TreeMap<>();
      m.estimates().forEach(e -> byLayer.put(e.layer(),
          new double[] {e.estimate().ixtBits(), e.estimate().ityBits()}));
      List<Layer> order = List.of(Layer.hidden(1), Layer.hidden(2), Layer.hidden(3), Layer.SOFTMAX);
      assertEquals(order, byLayer.keySet().stream().sorted().collect(Collectors.toList()));
      for (int l = 1; l < order.size(); l++) {
        double[] below = byLayer.get(order.get(l - 1));
        double[] above = byLayer.get(order.get(l));
        String where = m.cell() + ", step " + m.step() + ", " + order.get(l);
        assertTrue(above[0] <= below[0] + ROUNDING, "I(X;T) rises at " + where);
        assertTrue(above[1] <= below[1] + ROUNDING, "I(T;Y) rises at " + where);
        checked++;
      }
    }
    assertEquals(4 * 8 * 3, checked, "4 cells x 8 points (0, 5, epochs 1-6) x 3 layer pairs");
    // The network learned something, so the check is not on trivial layers.
    double accuracy = result.measurements().stream()
        .mapToDouble(Measurement::testAccuracy).max().orElseThrow();
    assertTrue(accuracy > 0.6, "best accuracy " + accuracy);
    assertEquals(ConfigJson.toJson(config),
        ConfigJson.toJson(ConfigJson.fromJson(ConfigJson.toJson(config))));
  }

  @org.junit.jupiter.api.Test
  void theQuantizedEstimatorNeedsAQuantizedNetworkAndNoLogits() {
    SweepConfig plain = SweepConfig.notebook();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> plain.withEstimators(List.of(new QuantizedCounting())));
    assertTrue(e.getMessage().contains("--quantize BITS"), e.getMessage());
    SweepConfig quantized = plain.withQuantizeBits(8).withEstimators(List.of(new QuantizedCounting()));
    assertEquals(new Quantization(8, 0, 6), quantized.quantization());
    e = assertThrows(IllegalArgumentException.class,
        () -> quantized.withOutputLayer(OutputLayer.BOTH));
    assertTrue(e.getMessage().contains("--output-layer softmax"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> plain.withActivation(Activation.LINEAR).withQuantizeBits(4));
    assertTrue(e.getMessage().contains("--quantize-range"), e.getMessage());
  }
}
