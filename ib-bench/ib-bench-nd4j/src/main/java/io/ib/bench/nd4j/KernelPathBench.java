package io.ib.bench.nd4j;

import io.ib.info.InformationEstimate;
import io.ib.info.LayerSample;
import io.ib.info.kernel.KernelBound;
import io.ib.info.kernel.KernelEstimator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The kernel estimator's narrow-layer path against the distance blocks that computed every layer
 * before it (system property {@link KernelEstimator#NEAR_PAIRS_PROPERTY} = false), in the same JVM
 * on the same samples, pairs alternating: the Saxe et al. presets' setting (n = 4,096, upper bound,
 * s2 = 1e-3) on narrow tanh layers whose rows gather around the corners of the cube, as a trained
 * 12-bit network's do. Every pair of results is checked to agree within 1e-12 bits.
 */
final class KernelPathBench {
  private static final double NOISE_VARIANCE = 1e-3;
  private static final int N = 4096;

  private KernelPathBench() {}

  /** One report row per layer width. */
  static List<Object> run(int[] widths, int pairs) {
    KernelEstimator est = KernelEstimator.of(KernelBound.UPPER, NOISE_VARIANCE);
    List<Object> rows = new ArrayList<>();
    for (int d : widths) {
      LayerSample sample = layer(d);
      List<InformationEstimate> reference = blocks(est, sample);
      est.estimateAll(sample);
      double[] old = new double[pairs];
      double[] near = new double[pairs];
      double[] ratio = new double[pairs];
      double maxDiff = 0;
      for (int r = 0; r < pairs; r++) {
        long t0 = System.nanoTime();
        blocks(est, sample);
        long t1 = System.nanoTime();
        List<InformationEstimate> got = est.estimateAll(sample);
        long t2 = System.nanoTime();
        old[r] = (t1 - t0) / 1e9;
        near[r] = (t2 - t1) / 1e9;
        ratio[r] = old[r] / near[r];
        maxDiff = Math.max(maxDiff, Math.max(
            Math.abs(got.get(0).ixtBits() - reference.get(0).ixtBits()),
            Math.abs(got.get(0).ityBits() - reference.get(0).ityBits())));
      }
      if (!(maxDiff <= 1e-12)) {
        throw new IllegalStateException("the kernel's narrow-layer path moved a value by "
            + maxDiff + " bits at d = " + d);
      }
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("spec", est.spec().toString());
      row.put("n", N);
      row.put("d", d);
      row.put("pairs", pairs);
      row.put("blocksMs", KnnCacheBench.stats(old, 1e3));
      row.put("nearPairsMs", KnnCacheBench.stats(near, 1e3));
      row.put("ratio", KnnCacheBench.stats(ratio, 1));
      row.put("maxDiffBits", maxDiff);
      rows.add(row);
    }
    return rows;
  }

  private static List<InformationEstimate> blocks(KernelEstimator est, LayerSample sample) {
    String configured = System.getProperty(KernelEstimator.NEAR_PAIRS_PROPERTY);
    System.setProperty(KernelEstimator.NEAR_PAIRS_PROPERTY, "false");
    try {
      return est.estimateAll(sample);
    } finally {
      if (configured == null) {
        System.clearProperty(KernelEstimator.NEAR_PAIRS_PROPERTY);
      } else {
        System.setProperty(KernelEstimator.NEAR_PAIRS_PROPERTY, configured);
      }
    }
  }

  /**
   * n rows tanh(c + 0.6 z): c one of 16 random corners of [-1.5, 1.5]^d, z standard normal, two
   * classes, seeded.
   */
  private static LayerSample layer(int d) {
    SplittableRandom rng = new SplittableRandom(4096L + d);
    double[][] corner = new double[16][d];
    for (double[] c : corner) {
      for (int u = 0; u < d; u++) {
        c[u] = rng.nextBoolean() ? 1.5 : -1.5;
      }
    }
    float[][] values = new float[N][d];
    int[] labels = new int[N];
    for (int i = 0; i < N; i++) {
      int k = rng.nextInt(corner.length);
      labels[i] = k % 2;
      for (int u = 0; u < d; u++) {
        values[i][u] = (float) Math.tanh(corner[k][u] + 0.6 * rng.nextGaussian());
      }
    }
    return LayerSample.of("saxe-like", Nd4j.createFromArray(values), labels, 2);
  }
}
