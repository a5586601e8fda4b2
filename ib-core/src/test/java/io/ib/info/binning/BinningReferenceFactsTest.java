package io.ib.info.binning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.info.Entropy;
import io.ib.info.InformationEstimate;
import io.ib.info.LayerSample;
import io.ib.info.MutualInformationEstimator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The reference facts of shared/docs/information-plane.md, for both binning variants. */
class BinningReferenceFactsTest {
  private static final int[] MNIST_TEST_COUNTS = {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009};

  /** 10,000 labels with the MNIST test-set class counts. */
  private static int[] mnistLikeLabels() {
    int[] labels = new int[10000];
    int i = 0;
    for (int c = 0; c < 10; c++) {
      for (int k = 0; k < MNIST_TEST_COUNTS[c]; k++) {
        labels[i++] = c;
      }
    }
    return labels;
  }

  private static List<MutualInformationEstimator> estimators() {
    return List.of(new FixedWidthBinning(0.5), new FixedRangeBinning(30, 0, 1000));
  }

  @Test
  void allDistinctSymbolsGiveLog2nAndHy() {
    int[] labels = mnistLikeLabels();
    int n = labels.length;
    double[] t = new double[n * 2];
    for (int i = 0; i < n; i++) {
      t[2 * i] = i; // every row in its own width-0.5 bin
      t[2 * i + 1] = (i % 100) * 0.5 * 1.01;
    }
    LayerSample s = LayerSample.of("t", Nd4j.create(t, new long[] {n, 2}, DataType.FLOAT), labels, 10);
    InformationEstimate e = new FixedWidthBinning(0.5).estimate(s);
    assertEquals(13.287712379549449, Entropy.log2(10000), 1e-12);
    assertEquals(Entropy.log2(n), e.ixtBits(), 0);
    assertEquals(3.31942, e.hyBits(), 5e-6);
    assertEquals(e.hyBits(), e.ityBits(), 1e-12);
  }

  @Test
  void oneBinGivesZero() {
    int[] labels = mnistLikeLabels();
    INDArray t = Nd4j.rand(DataType.FLOAT, labels.length, 5).muli(0.49); // all in [0, 0.49): one bin
    for (MutualInformationEstimator est : List.of(new FixedWidthBinning(0.5),
        new FixedRangeBinning(1, 0, 1), new FixedRangeBinning(4, 5, 9))) {
      InformationEstimate e = est.estimate(LayerSample.of("t", t, labels, 10));
      assertEquals(0, e.ixtBits(), 0, est.spec().toString());
      assertEquals(0, e.ityBits(), 1e-12, est.spec().toString());
    }
  }

  @Test
  void layerEqualToTheLabelGivesHyForBoth() {
    int[] labels = mnistLikeLabels();
    double[] t = new double[labels.length * 3];
    SplittableRandom rng = new SplittableRandom(5);
    for (int i = 0; i < labels.length; i++) {
      // Ten tight clusters aligned with the classes, jitter far below the bin width.
      for (int j = 0; j < 3; j++) {
        t[3 * i + j] = labels[i] * 100 + j * 10 + 0.1 + rng.nextDouble() * 0.01;
      }
    }
    LayerSample s = LayerSample.of("t", Nd4j.create(t, new long[] {labels.length, 3}, DataType.FLOAT),
        labels, 10);
    for (MutualInformationEstimator est : estimators()) {
      InformationEstimate e = est.estimate(s);
      assertEquals(e.hyBits(), e.ixtBits(), 1e-12, est.spec().toString());
      assertEquals(e.hyBits(), e.ityBits(), 1e-12, est.spec().toString());
    }
  }

  @Test
  void boundsHoldOnRandomLayers() {
    SplittableRandom rng = new SplittableRandom(9);
    for (int trial = 0; trial < 20; trial++) {
      int n = 50 + rng.nextInt(500);
      int d = 1 + rng.nextInt(6);
      int classes = 2 + rng.nextInt(9);
      int[] labels = new int[n];
      double[] t = new double[n * d];
      for (int i = 0; i < n; i++) {
        labels[i] = rng.nextInt(classes);
        for (int j = 0; j < d; j++) {
          t[i * d + j] = Math.max(0, rng.nextGaussian() * (1 + labels[i] % 3));
        }
      }
      LayerSample s = LayerSample.of("t", Nd4j.create(t, new long[] {n, d}, DataType.FLOAT), labels,
          classes);
      int bins = 1 + rng.nextInt(5);
      FixedRangeBinning ranged = new FixedRangeBinning(bins, 0, 3);
      for (MutualInformationEstimator est : List.of(new FixedWidthBinning(0.1 + rng.nextDouble()), ranged)) {
        InformationEstimate e = est.estimate(s);
        assertTrue(e.ityBits() >= -1e-12 && e.ityBits() <= e.hyBits() + 1e-12, e.toString());
        assertTrue(e.ixtBits() >= 0 && e.ixtBits() <= Entropy.log2(n) + 1e-12, e.toString());
        assertTrue(e.ityBits() <= e.ixtBits() + 1e-12, "I(T;Y) <= H(T): " + e);
      }
      // H(T) <= min(log2 n, d log2 B) for B bins per unit.
      double h = ranged.estimate(s).htBits();
      assertTrue(h <= Math.min(Entropy.log2(n), d * Entropy.log2(bins)) + 1e-12, "H(T) = " + h);
    }
  }
}
