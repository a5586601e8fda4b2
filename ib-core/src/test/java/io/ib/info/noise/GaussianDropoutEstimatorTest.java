package io.ib.info.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.info.InformationEstimate;
import io.ib.info.LayerSample;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Gaussian-dropout estimator against closed forms and numerical integration. The estimator's
 * target is the entropy of the mixture (1/n) sum_k N(s_k, alpha s_k^2) over the given centres, so
 * against its integral the tolerance is 4 Monte Carlo standard errors plus the quadrature's error
 * (Simpson's rule on a grid fine against the narrowest component, below 1e-6 bits).
 */
class GaussianDropoutEstimatorTest {
  private static final double LN2 = Math.log(2);
  private static final float[] CENTRES = {0.5f, 0.8f, 1.2f, -1.0f, 2.0f, -0.6f};
  private static final int[] LABELS = {0, 0, 1, 1, 0, 1};

  /** An estimate and its standard-error row. */
  private record Result(InformationEstimate value, InformationEstimate se) {}

  private static Result run(float[] centres, int[] labels, int classes, double alpha, int samples) {
    int n = labels.length;
    LayerSample sample = LayerSample.of("hidden2",
        Nd4j.create(centres, new long[] {n, centres.length / n}, DataType.FLOAT), labels, classes)
        .withNoise(FixedNoise.dropout(centres, alpha));
    List<InformationEstimate> all = GaussianDropoutEstimator.of(samples).estimateAll(sample);
    return new Result(all.get(0), all.get(1));
  }


  /** h of (1/|C|) sum_{k in C} N(s_k, alpha s_k^2) in bits (1-D), by Simpson's rule; label -1: all. */
  private static double mixtureEntropyBits(float[] centres, int[] labels, int label, double alpha) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    double narrowest = Double.POSITIVE_INFINITY;
    int count = 0;
    for (int i = 0; i < centres.length; i++) {
      if (label < 0 || labels[i] == label) {
        double sd = Math.sqrt(alpha) * Math.abs(centres[i]);
        lo = Math.min(lo, centres[i] - 14 * sd);
        hi = Math.max(hi, centres[i] + 14 * sd);
        narrowest = Math.min(narrowest, sd);
        count++;
      }
    }
    int steps = 2 * (int) Math.ceil((hi - lo) / (narrowest / 40) / 2);
    double h = (hi - lo) / steps;
    double sum = 0;
    for (int s = 0; s <= steps; s++) {
      double t = lo + s * h;
      double p = 0;
      for (int i = 0; i < centres.length; i++) {
        if (label < 0 || labels[i] == label) {
          double sd = Math.sqrt(alpha) * Math.abs(centres[i]);
          double z = (t - centres[i]) / sd;
          p += Math.exp(-0.5 * z * z) / (sd * Math.sqrt(2 * Math.PI));
        }
      }
      p /= count;
      double f = p > 0 ? -p * Math.log(p) : 0;
      sum += f * (s == 0 || s == steps ? 1 : s % 2 == 1 ? 4 : 2);
    }
    return sum * h / 3 / LN2;
  }

  @Test
  void oneUnitAgreesWithNumericalIntegration() {
    double alpha = 0.2;
    Result r = run(CENTRES, LABELS, 2, alpha, 20_000);
    double ht = mixtureEntropyBits(CENTRES, LABELS, -1, alpha);
    double hx = GaussianDropoutEstimator.conditionalEntropyBits(CENTRES, CENTRES.length, alpha);
    double hy = 0.5 * mixtureEntropyBits(CENTRES, LABELS, 0, alpha)
        + 0.5 * mixtureEntropyBits(CENTRES, LABELS, 1, alpha);
    assertEquals(ht, r.value().htBits(), 4 * r.se().htBits() + 1e-6, "h(T)");
    assertEquals(ht - hx, r.value().ixtBits(), 4 * r.se().ixtBits() + 1e-6, "I(X;T)");
    assertEquals(ht - hy, r.value().ityBits(), 4 * r.se().ityBits() + 1e-6, "I(T;Y)");
    assertTrue(r.se().ixtBits() > 0 && r.se().ixtBits() < 0.01, "se " + r.se().ixtBits());
  }

  /**
   * Centres far apart on the scale of their noise: the components do not overlap, so
   * h(T) = h(T|X) + log2 n with h(T|X) the closed form, and I(X;T) = log2 n.
   */
  @Test
  void separatedCentresGiveTheClosedFormConditionalEntropyPlusLogN() {
    float[] centres = {1, 3, 9, 27, -1, -3, -9, -27, // two units per input
        2, 5, -4, 40, 0.5f, -7, 11, -60};
    int[] labels = {0, 1, 0, 1, 0, 1, 0, 1};
    double alpha = 1e-4;
    Result r = run(centres, labels, 2, alpha, 200);
    double hx = GaussianDropoutEstimator.conditionalEntropyBits(centres, 8, alpha);
    assertEquals(hx + 3, r.value().htBits(), 4 * r.se().htBits() + 1e-9, "h(T)");
    assertEquals(3, r.value().ixtBits(), 1e-9, "I(X;T)");
    assertEquals(1, r.value().ityBits(), 1e-9, "I(T;Y) = H(Y)");
  }

  /** More dropout noise, less information: I(X;T) falls with alpha beyond the standard errors. */
  @Test
  void informationFallsAsAlphaGrows() {
    double previous = Double.POSITIVE_INFINITY;
    double previousSe = 0;
    for (double alpha : new double[] {0.02, 0.1, 0.5, 2.5}) {
      Result r = run(CENTRES, LABELS, 2, alpha, 4_000);
      assertTrue(r.value().ixtBits() + 4 * (r.se().ixtBits() + previousSe) < previous,
          "alpha " + alpha + ": " + r.value().ixtBits() + " after " + previous);
      previous = r.value().ixtBits();
      previousSe = r.se().ixtBits();
    }
  }

  /**
   * The standard error shrinks as 1/sqrt(M): from M to 16 M it falls by 4, within the spread of
   * the estimated standard errors themselves (relative error about 1/sqrt(2 n M), here < 3%).
   */
  @Test
  void standardErrorShrinksAsOneOverRootM() {
    double alpha = 0.3;
    Result small = run(CENTRES, LABELS, 2, alpha, 500);
    Result large = run(CENTRES, LABELS, 2, alpha, 8_000);
    assertEquals(4, small.se().ixtBits() / large.se().ixtBits(), 4 * 0.15, "I(X;T)");
    assertEquals(4, small.se().htBits() / large.se().htBits(), 4 * 0.15, "h(T)");
  }

  /** A ReLU unit at exactly 0 in every input: finite, and at most log2 n. */
  @Test
  void zeroActivationsStayFiniteAndBounded() {
    float[] centres = {0, 0.4f, 0, 1.1f, 0, -0.7f, 0, 2.5f};
    int[] labels = {0, 1, 0, 1};
    Result r = run(centres, labels, 2, 0.25, 500);
    assertTrue(Double.isFinite(r.value().ixtBits()) && r.value().ixtBits() <= 2 + 1e-9,
        "I(X;T) " + r.value().ixtBits());
    assertTrue(r.value().ixtBits() >= -4 * r.se().ixtBits());
  }

  @Test
  void aLayerWithoutGaussianDropoutIsRefused() {
    LayerSample plain = LayerSample.of("hidden1",
        Nd4j.create(CENTRES, new long[] {6, 1}, DataType.FLOAT), LABELS, 2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GaussianDropoutEstimator.of(2).estimateAll(plain));
    assertTrue(e.getMessage().contains("--gaussian-dropout"), e.getMessage());
    LayerSample additive = plain.withNoise(FixedNoise.of(CENTRES, 0.1));
    assertThrows(IllegalArgumentException.class,
        () -> GaussianDropoutEstimator.of(2).estimateAll(additive));
    LayerSample multiplicative = plain.withNoise(FixedNoise.dropout(CENTRES, 0.1));
    assertThrows(IllegalArgumentException.class,
        () -> SamplePropagationEstimator.of(1, 2).estimateAll(multiplicative));
  }
}
