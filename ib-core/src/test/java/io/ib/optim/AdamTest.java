package io.ib.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Adam against PyTorch's update rule written out in scalar double arithmetic. */
class AdamTest {

  @Test
  void matchesPytorchFormulaIncludingEpsilonPlacement() {
    // A large epsilon and tiny gradients make the epsilon placement visible (it differs by a factor
    // sqrt(1 - beta2^t) between the paper's efficient form and PyTorch's).
    AdamSettings settings = new AdamSettings(0.05, 0.9, 0.999, 1e-3);
    double[] theta = {0.3, -1.2, 2.0, 0.0, 5.0};
    INDArray params = Nd4j.createFromArray(theta.clone());
    Adam adam = new Adam(settings, params);
    double[] m = new double[theta.length];
    double[] v = new double[theta.length];
    for (int t = 1; t <= 25; t++) {
      double[] g = new double[theta.length];
      for (int i = 0; i < g.length; i++) {
        g[i] = Math.sin(0.7 * t + i) * Math.pow(10, -i);
      }
      adam.update(params, Nd4j.createFromArray(g.clone()));
      for (int i = 0; i < theta.length; i++) {
        m[i] = 0.9 * m[i] + 0.1 * g[i];
        v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
        double mHat = m[i] / (1 - Math.pow(0.9, t));
        double vHat = v[i] / (1 - Math.pow(0.999, t));
        theta[i] -= 0.05 * mHat / (Math.sqrt(vHat) + 1e-3);
      }
      double[] actual = params.toDoubleVector();
      for (int i = 0; i < theta.length; i++) {
        assertEquals(theta[i], actual[i], 1e-12, "step " + t + ", parameter " + i);
      }
    }
    assertEquals(25, adam.stepCount());
  }

  /** The Java loop used for float parameters against the same scalar reference, in double. */
  @Test
  void floatPathMatchesTheReferenceToFloatPrecision() {
    AdamSettings settings = new AdamSettings(0.05, 0.9, 0.999, 1e-3);
    int n = 5;
    double[] theta = {0.3, -1.2, 2.0, 0.0, 5.0};
    float[] start = new float[n];
    for (int i = 0; i < n; i++) {
      start[i] = (float) theta[i];
    }
    INDArray params = Nd4j.createFromArray(start);
    Adam adam = new Adam(settings, params);
    double[] m = new double[n];
    double[] v = new double[n];
    for (int t = 1; t <= 25; t++) {
      float[] g = new float[n];
      for (int i = 0; i < n; i++) {
        g[i] = (float) (Math.sin(0.7 * t + i) * Math.pow(10, -i));
      }
      adam.update(params, Nd4j.createFromArray(g));
      for (int i = 0; i < n; i++) {
        m[i] = 0.9 * m[i] + 0.1 * g[i];
        v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
        theta[i] -= 0.05 * (m[i] / (1 - Math.pow(0.9, t)))
            / (Math.sqrt(v[i] / (1 - Math.pow(0.999, t))) + 1e-3);
      }
    }
    // 25 steps of float rounding (relative 6e-8 per operation) on updates of size <= lr = 0.05.
    float[] actual = params.toFloatVector();
    for (int i = 0; i < n; i++) {
      assertEquals(theta[i], actual[i], 1e-5, "parameter " + i);
    }
  }

  /**
   * Gradients that stop: their first moments decay through the subnormal floats, which the Java loop
   * flushes to zero (see Adam's class comment). The parameters must stay the same bits as the
   * unflushed loop. The test can fail: these parameters end near 1e-3 (half an ulp 6e-11), and m / sqrt(v)
   * decays like m, so flushing first moments above about 2^-39 would skip updates that move them (a
   * floor of 2^-36 fails here).
   */
  @Test
  void flushingMomentsNearZeroKeepsTheParametersBitForBit() {
    AdamSettings settings = AdamSettings.pytorchDefaults(1e-3);
    int n = 64;
    java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
    float[] p = new float[n];
    for (int i = 0; i < n; i++) {
      p[i] = (float) (rng.nextDouble() - 0.5);
    }
    INDArray params = Nd4j.createFromArray(p.clone());
    Adam adam = new Adam(settings, params);
    float[] m = new float[n];
    float[] v = new float[n];
    for (int t = 1; t <= 1200; t++) { // 0.9^t passes 2^-126 / 1e-4 near t = 770
      float[] g = new float[n];
      for (int i = 0; i < n; i++) {
        boolean stops = i % 2 == 0; // these get a gradient at step 1 only
        g[i] = stops && t > 1 ? 0f : (float) ((rng.nextDouble() - 0.5) * 1e-3);
      }
      adam.update(params, Nd4j.createFromArray(g));
      float stepSize = (float) (1e-3 / (1 - Math.pow(0.9, t)));
      float bc2Sqrt = (float) Math.sqrt(1 - Math.pow(0.999, t));
      for (int i = 0; i < n; i++) { // the loop of Adam, without the flush
        m[i] = 0.9f * m[i] + (float) (1 - 0.9) * g[i];
        v[i] = 0.999f * v[i] + (float) (1 - 0.999) * g[i] * g[i];
        p[i] -= stepSize * m[i] / ((float) Math.sqrt(v[i]) / bc2Sqrt + 1e-8f);
      }
    }
    org.junit.jupiter.api.Assertions.assertArrayEquals(p, params.toFloatVector());
    boolean subnormal = false;
    for (float mi : m) {
      subnormal |= mi != 0 && Math.abs(mi) < Float.MIN_NORMAL;
    }
    org.junit.jupiter.api.Assertions.assertTrue(subnormal, "the reference reached subnormal moments");
  }

  @Test
  void rejectsInvalidSettings() {
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> new AdamSettings(Double.NaN, 0.9, 0.999, 1e-8));
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> new AdamSettings(1e-3, 1.0, 0.999, 1e-8));
  }

  @Test
  void worksInFloat() {
    INDArray params = Nd4j.ones(DataType.FLOAT, 3);
    Adam adam = new Adam(AdamSettings.pytorchDefaults(1e-3), params);
    adam.update(params, Nd4j.ones(DataType.FLOAT, 3));
    // First step of Adam moves each parameter by lr * sign(g) (up to eps): 1 - 0.001.
    assertEquals(0.999, params.getDouble(0), 1e-6);
  }
}
