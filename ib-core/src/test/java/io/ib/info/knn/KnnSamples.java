package io.ib.info.knn;

import io.ib.info.LayerSample;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Builds layer samples from Java arrays for the knn tests. */
final class KnnSamples {
  private KnnSamples() {}

  static LayerSample of(float[][] x, float[][] t, int[] labels, int classes) {
    return LayerSample.of("t", matrix(t), labels, classes, matrix(x));
  }

  static org.nd4j.linalg.api.ndarray.INDArray matrix(float[][] a) {
    int n = a.length;
    int d = a[0].length;
    float[] flat = new float[n * d];
    for (int i = 0; i < n; i++) {
      System.arraycopy(a[i], 0, flat, i * d, d);
    }
    return Nd4j.create(flat, new long[] {n, d}, 'c').castTo(DataType.FLOAT);
  }

  static int[] zeros(int n) {
    return new int[n];
  }
}
