package io.ib.info.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.info.LayerSample;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The pruned pass against the unpruned one. {@link PairPruning} bounds the change of every term by
 * e^-32 = 1.3e-14 nats (1.9e-14 bits; 3.8e-14 for I(T;Y), a difference of two terms); the kept
 * blocks are summed in another grouping, which moves a row sum S_i &le; n by a few ulps
 * (n 2^-53 relative at most for n terms): 1e-12 bits covers both with a margin of 25.
 *
 * <p>Both paths are run with blocks of at most 32 rows. The distance GEMM's rounding depends on the
 * block's size (BLAS takes another kernel for small products): without any pruning, chunks of 32
 * rows against the default 1024 moved I(X;T) by up to 3.4e-12 bits on 1-unit layers (n = 700,
 * s2 = 1e-3, 79 seeds), and the pruned pass, whose leaves are small, moved it by the same amount.
 * That shift is the block size's, which the memory budget already changes; pruning's own share is
 * what this test bounds.
 */
class KernelPruningTest {
  private static final double TOLERANCE_NATS = 1e-12 * Math.log(2);

  /** Tanh-like rows in [-1, 1], clustered around class corners, with exact ties. */
  private static LayerSample layer(long seed, int n, int d, int classes, double spread) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[][] values = new float[n][d];
    int[] labels = new int[n];
    double[][] centre = new double[32][d];
    for (double[] c : centre) {
      for (int u = 0; u < d; u++) {
        c[u] = rng.nextBoolean() ? 0.8 : -0.8;
      }
    }
    for (int i = 0; i < n; i++) {
      labels[i] = rng.nextInt(classes);
      double[] c = centre[rng.nextInt(centre.length)];
      for (int u = 0; u < d; u++) {
        values[i][u] = (float) Math.tanh(c[u] + spread * rng.nextGaussian());
      }
    }
    for (int i = 7; i < n; i += 13) {
      values[i] = values[i - 5].clone();
    }
    return LayerSample.of("t", Nd4j.createFromArray(values).castTo(DataType.FLOAT), labels,
        classes);
  }

  private static void assertClose(LayerSample s, double[] s2, boolean lowerNeeded, String what) {
    // Leaves of at most 32 rows against chunks of 32 rows: both paths' GEMMs are of the same
    // small size (see the class notes).
    long budget = 32L * 32 * PairwiseKernelSums.BYTES_PER_BLOCK_ELEMENT;
    PairwiseKernelSums.Terms[] exact = PairwiseKernelSums.compute(s, s2, budget, true, false);
    PairwiseKernelSums.Terms[] pruned = PairwiseKernelSums.compute(s, s2, budget, lowerNeeded);
    for (int m = 0; m < s2.length; m++) {
      String at = what + ", s2 = " + s2[m];
      assertEquals(exact[m].upperNats(), pruned[m].upperNats(), TOLERANCE_NATS, at);
      assertEquals(exact[m].upperGivenYNats(), pruned[m].upperGivenYNats(), TOLERANCE_NATS, at);
      if (lowerNeeded) {
        assertEquals(exact[m].lowerNats(), pruned[m].lowerNats(), TOLERANCE_NATS, at);
        assertEquals(exact[m].lowerGivenYNats(), pruned[m].lowerGivenYNats(), TOLERANCE_NATS, at);
      }
    }
  }

  @Test
  void prunedTermsAgreeWithUnprunedAcrossNoiseVariancesWidthsAndSizes() {
    int[] sizes = {1, 2, 5, 130, 700, 2100};
    int[] widths = {1, 2, 3, 10, 40};
    double[] spreads = {0.02, 0.3};
    long seed = 1;
    for (int n : sizes) {
      for (int d : widths) {
        for (double spread : spreads) {
          LayerSample s = layer(seed++, n, d, 1 + (int) (seed % 4), spread);
          String what = "n = " + n + ", d = " + d + ", spread = " + spread;
          for (double s2 : new double[] {1e-4, 1e-3, 1e-2, 0.1, 10}) {
            assertClose(s, new double[] {s2}, true, what);
            assertClose(s, new double[] {s2}, false, what);
          }
          assertClose(s, new double[] {1e-4, 1e-3, 0.05}, true, what);
        }
      }
    }
  }

  @Test
  void farClustersArePrunedAndLargeNoiseFallsBackToTheUnprunedLayout() {
    LayerSample s = layer(99, 2000, 4, 2, 0.01);
    int n = s.size();
    int[] order = new int[n];
    int[] counts = new int[2];
    int[] labels = s.labels();
    int next = 0;
    for (int y = 0; y < 2; y++) {
      for (int i = 0; i < n; i++) {
        if (labels[i] == y) {
          order[next++] = i;
          counts[y]++;
        }
      }
    }
    float[] values = s.finiteActivations();
    double[] mean = new double[4];
    PairPruning small = PairPruning.plan(values, n, 4, mean, order, counts, 1e-3, 8, 128,
        PairwiseKernelSums.MIN_SKIPPED_FRACTION);
    assertNotNull(small);
    for (int a = 0; a < small.bounds.length - 1; a++) {
      assertTrue(small.computes(a, a), "diagonal block " + a);
    }
    assertNull(PairPruning.plan(values, n, 4, mean, order, counts, 10, 8, 128,
        PairwiseKernelSums.MIN_SKIPPED_FRACTION));
  }

  @Test
  void withoutTheLowerBoundItsTermsAreNotReported() {
    LayerSample s = layer(5, 2000, 10, 2, 0.01);
    // Leaves of 32 rows (the budget's chunk size) hold single clusters: nearly all pairs skip.
    PairwiseKernelSums.Terms t = PairwiseKernelSums.compute(s, new double[] {1e-3},
        32L * 32 * PairwiseKernelSums.BYTES_PER_BLOCK_ELEMENT, false)[0];
    assertTrue(Double.isNaN(t.lowerNats()));
    assertTrue(t.upperNats() > 0);
  }
}
