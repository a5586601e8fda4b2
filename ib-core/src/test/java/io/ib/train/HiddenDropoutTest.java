package io.ib.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ib.nn.Activation;
import io.ib.nn.MlpArchitecture;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Dropout factors: E[M] = 1 keeps the expected activation, E[f M] = f; the factors' mean over many
 * draws is within 5 standard errors of 1 (SE = sqrt(Var M / N), Var M = p/(1-p) for Bernoulli,
 * alpha for Gaussian), and their variance within 5 of its own standard errors of Var M.
 */
class HiddenDropoutTest {
  private static final MlpArchitecture ARCH = new MlpArchitecture(3, List.of(5, 40), 2,
      Activation.RELU);

  @Test
  void factorsKeepTheExpectedActivationWithTheirVariance() {
    for (HiddenDropout.Kind kind : HiddenDropout.Kind.values()) {
      double rate = 0.3;
      double variance = kind == HiddenDropout.Kind.BERNOULLI ? rate / (1 - rate) : rate;
      HiddenDropout dropout = new HiddenDropout(kind, rate, 11);
      double sum = 0;
      double sumSq = 0;
      double sumFourth = 0;
      long count = 0;
      for (int key = 1; key <= 200; key++) {
        float[][] factors = dropout.draw(key, 64, ARCH);
        assertNull(factors[0], "only the last hidden layer has dropout");
        for (float m : factors[1]) {
          double c = m - 1.0;
          sum += m;
          sumSq += c * c;
          sumFourth += c * c * c * c;
          count++;
        }
      }
      double mean = sum / count;
      assertEquals(1, mean, 5 * Math.sqrt(variance / count), kind + ": mean");
      double var = sumSq / count;
      double varSe = Math.sqrt((sumFourth / count - var * var) / count);
      assertEquals(variance, var, 5 * varSe, kind + ": variance");
    }
  }

  @Test
  void drawsAreKeyedNotStreamed() {
    HiddenDropout dropout = new HiddenDropout(HiddenDropout.Kind.GAUSSIAN, 0.5, 3);
    float[] first = dropout.draw(7, 8, ARCH)[1];
    dropout.draw(8, 8, ARCH);
    assertArrayEquals(first, dropout.draw(7, 8, ARCH)[1]);
  }

  @Test
  void ratesOutsideTheirRangeAreRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> new HiddenDropout(HiddenDropout.Kind.BERNOULLI, 1, 1));
    assertThrows(IllegalArgumentException.class,
        () -> new HiddenDropout(HiddenDropout.Kind.BERNOULLI, -0.1, 1));
    assertThrows(IllegalArgumentException.class,
        () -> new HiddenDropout(HiddenDropout.Kind.GAUSSIAN, Double.NaN, 1));
  }
}
