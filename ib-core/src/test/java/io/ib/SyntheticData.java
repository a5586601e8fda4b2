package io.ib;

import io.ib.data.Dataset;
import io.ib.data.LabelledData;
import java.util.List;
import java.util.SplittableRandom;

/** Small Gaussian-blob classification data for fast sweep tests. */
public final class SyntheticData {
  private SyntheticData() {}

  /** n samples of {@code features} Gaussian coordinates around one random centre per class. */
  public static Dataset blobs(int train, int test, int features, int classes, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] centres = new double[classes][features];
    for (double[] c : centres) {
      for (int j = 0; j < features; j++) {
        c[j] = rng.nextGaussian() * 1.5;
      }
    }
    return new Dataset("blobs", split(train, centres, rng), split(test, centres, rng), List.of());
  }

  private static LabelledData split(int n, double[][] centres, SplittableRandom rng) {
    int d = centres[0].length;
    float[] x = new float[n * d];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = rng.nextInt(centres.length);
      for (int j = 0; j < d; j++) {
        x[i * d + j] = (float) (centres[y[i]][j] + rng.nextGaussian());
      }
    }
    return LabelledData.of(x, n, d, y, centres.length);
  }
}
