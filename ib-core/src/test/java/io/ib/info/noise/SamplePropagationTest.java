package io.ib.info.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.info.InformationEstimate;
import io.ib.info.LayerSample;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The sample-propagation estimator against closed forms and numerical integration. Tolerances: 4
 * Monte Carlo standard errors for the plug-in (the mixture's own entropy), plus, against a
 * population value, the plug-in's sampling spread over the n inputs (stated per test).
 */
class SamplePropagationTest {
  private static final double LN2 = Math.log(2);

  /** An estimate and its standard-error row. */
  private record Result(InformationEstimate value, InformationEstimate se) {}

  private static Result run(float[] centres, int[] labels, int classes, double beta, int samples) {
    return run(centres, labels, classes, FixedNoise.of(centres, beta), 10, samples);
  }

  private static Result run(float[] centres, int[] labels, int classes,
      io.ib.info.NoisyLayer noise, int draws, int samples) {
    int n = labels.length;
    LayerSample sample = LayerSample.of("hidden1",
        Nd4j.create(centres, new long[] {n, centres.length / n}, DataType.FLOAT), labels, classes)
        .withNoise(noise);
    List<InformationEstimate> all = SamplePropagationEstimator.of(draws, samples)
        .estimateAll(sample);
    return new Result(all.get(0), all.get(1));
  }

  /** n draws of N(0, 1). */
  private static float[] gaussian(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) rng.nextGaussian();
    }
    return x;
  }

  /** The differential entropy of (1/|C|) sum_{c in C} N(c, beta^2) in bits, by Simpson's rule. */
  private static double mixtureEntropyBits(float[] centres, int[] labels, int label, double beta) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    int count = 0;
    for (int i = 0; i < centres.length; i++) {
      if (label < 0 || labels[i] == label) {
        lo = Math.min(lo, centres[i]);
        hi = Math.max(hi, centres[i]);
        count++;
      }
    }
    lo -= 12 * beta;
    hi += 12 * beta;
    int steps = 20_000; // even; the integrand is smooth on a scale of beta, h << beta
    double h = (hi - lo) / steps;
    double sum = 0;
    for (int s = 0; s <= steps; s++) {
      double t = lo + s * h;
      double p = 0;
      for (int i = 0; i < centres.length; i++) {
        if (label < 0 || labels[i] == label) {
          double z = (t - centres[i]) / beta;
          p += Math.exp(-0.5 * z * z);
        }
      }
      p /= count * beta * Math.sqrt(2 * Math.PI);
      double f = p > 0 ? -p * Math.log(p) : 0;
      sum += f * (s == 0 || s == steps ? 1 : s % 2 == 1 ? 4 : 2);
    }
    return sum * h / 3 / LN2;
  }

  @Test
  void oneDimensionalMixtureMatchesNumericalIntegration() {
    float[] centres = {-1.0f, -0.9f, -0.2f, 0.0f, 0.05f, 0.6f, 1.5f, 1.6f};
    int[] labels = {0, 0, 1, 0, 1, 1, 0, 1};
    double beta = 0.3;
    Result r = run(centres, labels, 2, beta, 20_000);
    double ht = mixtureEntropyBits(centres, labels, -1, beta);
    double htGivenY = 0.5 * mixtureEntropyBits(centres, labels, 0, beta)
        + 0.5 * mixtureEntropyBits(centres, labels, 1, beta);
    double hNoise = 0.5 * Math.log(2 * Math.PI * Math.E * beta * beta) / LN2;
    assertEquals(ht, r.value().htBits(), 4 * r.se().htBits(), "h(T)");
    assertEquals(ht - hNoise, r.value().ixtBits(), 4 * r.se().ixtBits(), "I(X;T)");
    assertEquals(ht - htGivenY, r.value().ityBits(), 4 * r.se().ityBits(), "I(T;Y)");
    assertTrue(r.se().htBits() > 0 && r.se().htBits() < 0.01, "SE " + r.se());
  }

  /**
   * T = a X + Z, X ~ N(0, 1), Z ~ N(0, beta^2): I(X;T) = 1/2 log2(1 + a^2 / beta^2). The plug-in on
   * n inputs is the entropy of the mixture at a x_i: its spread over the draw of the inputs is at
   * most sqrt(1/(2n)) nats (the variance of -ln p(T) for a Gaussian T is 1/2), so the tolerance is
   * 4 SE + 4 sqrt(1/(2n)) / ln 2 + 0.01 bits (the mixture's O(1/n) bias, here far below 0.01).
   */
  @Test
  void linearLayerOnGaussianInputsMatchesTheClosedForm() {
    int n = 2000;
    float[] x = gaussian(n, 11);
    int[] labels = new int[n];
    double a = 1.0;
    for (double beta : new double[] {0.5, 0.2}) {
      Result r = run(x, labels, 1, beta, 4);
      double truth = 0.5 * Math.log(1 + a * a / (beta * beta)) / LN2;
      double tolerance = 4 * r.se().ixtBits() + 4 * Math.sqrt(0.5 / n) / LN2 + 0.01;
      assertEquals(truth, r.value().ixtBits(), tolerance, "beta " + beta);
    }
  }

  @Test
  void informationDecreasesWithTheNoise() {
    float[] x = gaussian(1000, 5);
    int[] labels = new int[x.length];
    double previous = Double.POSITIVE_INFINITY;
    double previousSe = 0;
    for (double beta : new double[] {0.05, 0.1, 0.2, 0.4, 0.8}) {
      Result r = run(x, labels, 1, beta, 2);
      assertTrue(r.value().ixtBits() + 4 * Math.hypot(r.se().ixtBits(), previousSe) < previous,
          "beta " + beta + ": " + r.value().ixtBits() + " after " + previous);
      previous = r.value().ixtBits();
      previousSe = r.se().ixtBits();
    }
  }

  /** 16 times the samples, a quarter of the error; the SE's own relative error is below 5 % here. */
  @Test
  void standardErrorShrinksAsOneOverRootSamples() {
    float[] x = gaussian(500, 3);
    int[] labels = new int[x.length];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = x[i] > 0.3 ? 1 : 0;
    }
    Result few = run(x, labels, 2, 0.5, 8);
    Result many = run(x, labels, 2, 0.5, 128);
    assertEquals(4, few.se().htBits() / many.se().htBits(), 0.4);
    assertEquals(4, few.se().ityBits() / many.se().ityBits(), 0.4);
  }

  /**
   * Two noisy linear layers, T1 = X + Z1 and T2 = T1 + Z2: T2 given x is N(x, 2 beta^2), so
   * I(X;T2) = 1/2 log2(1 + 1 / (2 beta^2)). The centres of draw k are x_i + z1_ik; with D draws the
   * conditional mixture's entropy is low by O(1/D) (0.01 bits allowed for D = 200).
   */
  @Test
  void deeperLayerUsesThePropagatedMixture() {
    int n = 1000;
    float[] x = gaussian(n, 21);
    int[] labels = new int[n];
    double beta = 0.5;
    io.ib.info.NoisyLayer noise = FixedNoise.propagated(draw -> {
      SplittableRandom rng = new SplittableRandom(1000 + draw);
      float[] s = new float[n];
      for (int i = 0; i < n; i++) {
        s[i] = (float) (x[i] + beta * rng.nextGaussian());
      }
      return s;
    }, beta);
    Result r = run(noise.centres(0), labels, 1, noise, 200, 4);
    double truth = 0.5 * Math.log(1 + 1 / (2 * beta * beta)) / LN2;
    double tolerance = 4 * r.se().ixtBits() + 4 * Math.sqrt(0.5 / n) / LN2 + 0.02;
    assertEquals(truth, r.value().ixtBits(), tolerance);
  }

  /**
   * Inputs far apart (50 points 20 apart, two noisy linear layers, beta = 0.5): the conditionals of
   * T2 (N(x_i, 2 beta^2)) do not overlap, so I(X;T2) = log2 50 up to overlaps below 1e-50. A
   * marginal over one propagation per input would miss each conditional's spread and give about
   * log2 50 - 1/2 log2 2; the tolerance, 4 SE + 0.05 bits, tells the two apart.
   */
  @Test
  void deeperLayerOnSeparatedInputsKeepsLogN() {
    int n = 50;
    double beta = 0.5;
    io.ib.info.NoisyLayer noise = FixedNoise.propagated(draw -> {
      SplittableRandom rng = new SplittableRandom(77 + draw);
      float[] s = new float[n];
      for (int i = 0; i < n; i++) {
        s[i] = (float) (20.0 * i + beta * rng.nextGaussian());
      }
      return s;
    }, beta);
    Result r = run(noise.centres(0), new int[n], 1, noise, 20, 50);
    double logN = Math.log(n) / LN2;
    assertEquals(logN, r.value().ixtBits(), 4 * r.se().ixtBits() + 0.05);
  }

  @Test
  void aSampleWithoutNoiseIsRefusedInOneLine() {
    LayerSample plain = LayerSample.of("hidden2", Nd4j.rand(DataType.FLOAT, 10, 2), new int[10], 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SamplePropagationEstimator.of(10, 2).estimate(plain));
    assertTrue(e.getMessage().contains("hidden2") && e.getMessage().contains("--noise"),
        e.getMessage());
  }
}
