package io.ib.info;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The contract every {@link MutualInformationEstimator} must meet, as inherited tests. Extend it for
 * your own estimator (ib-core's test jar ships it) and implement {@link #estimator()}.
 *
 * <p>Samples are built with inputs, so estimators that need X can run. Checked: bits within the
 * ceilings, determinism, no modification of the sample, invariance under permuting samples and
 * relabelling classes, zero information for a constant layer, a clear error for NaN activations,
 * and member specs that name the estimates before they are computed.
 */
public abstract class EstimatorContract {
  /** Tolerance for quantities that should agree up to floating-point rounding. */
  protected static final double TOL = 1e-9;

  /** The estimator under test. */
  protected abstract MutualInformationEstimator estimator();

  /** Scale of the test activations; override if the estimator's resolution needs another one. */
  protected double activationScale() {
    return 1.0;
  }

  /**
   * Every sample the contract makes passes through here before the estimator sees it; override for
   * an estimator that needs something of its samples (the default returns the sample). The
   * {@code quantized} estimator's test puts the activations on a quantization's levels.
   */
  protected LayerSample adapt(LayerSample sample) {
    return sample;
  }

  /** n x d activations with structure: class-dependent means plus noise, some repeated rows. */
  protected LayerSample structuredSample(int n, int d, int classes, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int[] labels = new int[n];
    double[] t = new double[n * d];
    double[] x = new double[n * 8];
    for (int i = 0; i < n; i++) {
      labels[i] = rng.nextInt(classes);
      for (int j = 0; j < d; j++) {
        double mean = ((labels[i] * 7 + j * 3) % 5) * 0.8;
        t[i * d + j] = activationScale() * Math.max(0, mean + rng.nextGaussian() * 0.6);
      }
      for (int j = 0; j < 8; j++) {
        x[i * 8 + j] = rng.nextDouble();
      }
    }
    // A few exact duplicates, as saturated layers produce.
    for (int i = 1; i < n; i += 17) {
      System.arraycopy(t, (i - 1) * d, t, i * d, d);
    }
    return adapt(LayerSample.of("test", Nd4j.create(t, new long[] {n, d}, DataType.FLOAT), labels,
        classes, Nd4j.create(x, new long[] {n, 8}, DataType.FLOAT)));
  }

  @Test
  void resultsAreInBitsWithinTheCeilings() {
    LayerSample sample = structuredSample(400, 4, 3, 1);
    List<InformationEstimate> all = estimator().estimateAll(sample);
    assertTrue(!all.isEmpty(), "estimateAll returns at least one estimate");
    // estimate() is the first of estimateAll(); a single estimator names itself.
    assertEquals(all.get(0), estimator().estimate(sample));
    if (all.size() == 1) {
      assertEquals(estimator().spec(), all.get(0).estimator());
    }
    for (InformationEstimate e : all) {
      assertEquals(estimator().spec().name(), e.estimator().name());
      assertEquals(400, e.n());
      assertEquals(Entropy.log2(400), e.log2nBits(), TOL);
      assertEquals(sample.labelEntropyBits(), e.hyBits(), TOL);
      assertTrue(e.ixtBits() >= -TOL && e.ixtBits() <= e.log2nBits() + TOL, e.toString());
      assertTrue(e.ityBits() >= -TOL && e.ityBits() <= e.hyBits() + TOL, e.toString());
    }
    assertEquals(all.size(), all.stream().map(InformationEstimate::estimator).distinct().count(),
        "members have distinct specs");
  }

  /**
   * {@link MutualInformationEstimator#memberSpecs} names the estimates of {@code estimateAll}, in
   * order, before they are computed; for a range-based estimator also once its range is fixed.
   */
  @Test
  void memberSpecsNameTheEstimatesInOrder() {
    LayerSample sample = structuredSample(150, 3, 3, 5);
    MutualInformationEstimator estimator = estimator();
    assertEquals(estimator.memberSpecs(), specs(estimator.estimateAll(sample)));
    if (estimator instanceof RangeBasedEstimator ranged) {
      MutualInformationEstimator resolved = ranged.withRange(0, 4 * activationScale());
      assertEquals(estimator.memberSpecs(), resolved.memberSpecs(), "the range is not in the spec");
      assertEquals(resolved.memberSpecs(), specs(resolved.estimateAll(sample)));
    }
  }

  private static List<EstimatorSpec> specs(List<InformationEstimate> estimates) {
    return estimates.stream().map(InformationEstimate::estimator).toList();
  }

  @Test
  void sameSampleGivesSameResultAndIsNotModified() {
    LayerSample sample = structuredSample(300, 5, 4, 2);
    INDArray before = sample.activations().dup();
    InformationEstimate a = estimator().estimate(sample);
    InformationEstimate b = estimator().estimate(sample);
    assertEquals(a, b);
    assertEquals(before, sample.activations());
  }

  @Test
  void permutingSamplesAndRelabellingClassesChangesNothing() {
    LayerSample sample = structuredSample(300, 3, 4, 3);
    int n = sample.size();
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = (i * 7 + 3) % n; // 7 is coprime with 300: a permutation
    }
    int[] labels = sample.labels();
    int[] newLabels = new int[n];
    for (int i = 0; i < n; i++) {
      newLabels[i] = (labels[perm[i]] + 1) % sample.numClasses();
    }
    LayerSample permuted = adapt(LayerSample.of("test", sample.activations().getRows(perm),
        newLabels, sample.numClasses(), sample.inputs().getRows(perm)));
    InformationEstimate a = estimator().estimate(sample);
    InformationEstimate b = estimator().estimate(permuted);
    assertEquals(a.ixtBits(), b.ixtBits(), TOL);
    assertEquals(a.ityBits(), b.ityBits(), TOL);
  }

  @Test
  void constantLayerCarriesNoInformation() {
    int n = 200;
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 3;
    }
    INDArray t = Nd4j.zeros(DataType.FLOAT, n, 4).addi(0.3 * activationScale());
    INDArray x = Nd4j.rand(DataType.FLOAT, n, 8);
    InformationEstimate e = estimator().estimate(adapt(LayerSample.of("test", t, labels, 3, x)));
    assertEquals(0, e.ixtBits(), TOL);
    assertEquals(0, e.ityBits(), TOL);
  }

  @Test
  void nanActivationsAreRejectedWithAMessage() {
    LayerSample good = structuredSample(50, 3, 2, 4);
    INDArray t = good.activations().dup();
    t.putScalar(17, 2, Float.NaN);
    LayerSample bad = adapt(LayerSample.of("hidden9", t, good.labels(), 2, good.inputs()));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> estimator().estimate(bad));
    assertTrue(e.getMessage().contains("hidden9"), e.getMessage());
  }

  @Test
  void specSurvivesItsTextForm() {
    EstimatorSpec spec = estimator().spec();
    assertEquals(spec, EstimatorSpec.parse(spec.toString()));
    boolean registered = Estimators.providers().stream().anyMatch(p -> p.name().equals(spec.name()));
    if (registered) {
      assertEquals(spec, Estimators.create(spec).spec());
      assertArrayEquals(new Object[] {spec.toString()},
          new Object[] {Estimators.parse(spec.toString()).spec().toString()});
    }
  }
}
