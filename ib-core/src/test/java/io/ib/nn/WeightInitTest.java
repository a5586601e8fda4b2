package io.ib.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The truncated-normal initialisations against the truncated normal's moments: a standard normal
 * truncated at +-2 has mean 0 and standard deviation sqrt(1 - 4 phi(2) / (2 Phi(2) - 1)) = 0.87962.
 */
class WeightInitTest {
  private static final double TRUNCATED_SD = 0.8796256610342398;

  @Test
  void truncatedNormalUsesFanInAndCutsAtTwoStandardDeviations() {
    MlpArchitecture arch = new MlpArchitecture(400, List.of(300), 200, Activation.TANH);
    Mlp model = Mlp.initialize(arch, WeightInit.TRUNCATED_NORMAL, 3, DataType.FLOAT);
    check(model.weight(0).toFloatMatrix(), 1 / Math.sqrt(400));
    check(model.weight(1).toFloatMatrix(), 1 / Math.sqrt(300));
    assertEquals(0, model.bias(0).sumNumber().doubleValue(), 0);
    assertEquals(0, model.bias(1).sumNumber().doubleValue(), 0);
  }

  @Test
  void saxeUsesFanOutForHiddenLayersAndGlorotForTheOutput() {
    MlpArchitecture arch = new MlpArchitecture(400, List.of(300), 200, Activation.RELU);
    Mlp model = Mlp.initialize(arch, WeightInit.SAXE, 4, DataType.FLOAT);
    check(model.weight(0).toFloatMatrix(), 1 / Math.sqrt(300));
    float[][] out = model.weight(1).toFloatMatrix();
    double bound = Math.sqrt(6.0 / (300 + 200));
    double sumSquares = 0;
    for (float[] row : out) {
      for (float w : row) {
        assertTrue(Math.abs(w) <= bound, "inside the Glorot bound: " + w);
        sumSquares += w * (double) w;
      }
    }
    // uniform on [-b, b]: variance b^2 / 3; 60,000 draws
    double sd = Math.sqrt(sumSquares / (300 * 200));
    assertEquals(bound / Math.sqrt(3), sd, 0.01 * bound);
    assertEquals("saxe", WeightInit.SAXE.id());
    assertEquals(WeightInit.TRUNCATED_NORMAL, WeightInit.parse("truncated-normal"));
  }

  private static void check(float[][] w, double sd) {
    int n = 0;
    double sum = 0;
    double sumSquares = 0;
    for (float[] row : w) {
      for (float v : row) {
        assertTrue(Math.abs(v) <= 2 * sd * (1 + 1e-6), "truncated at 2 sd: " + v);
        sum += v;
        sumSquares += v * (double) v;
        n++;
      }
    }
    double mean = sum / n;
    double expectedSd = TRUNCATED_SD * sd;
    // 5 standard errors: of the mean sd / sqrt(n), of the sd about sd / sqrt(2 n)
    assertEquals(0, mean, 5 * expectedSd / Math.sqrt(n));
    assertEquals(expectedSd, Math.sqrt(sumSquares / n - mean * mean), 5 * expectedSd / Math.sqrt(2.0 * n));
  }
}
