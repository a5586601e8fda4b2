package io.ib.info.knn;

import io.ib.info.EstimatorContract;
import io.ib.info.LayerSample;
import io.ib.info.MutualInformationEstimator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The estimator contract for {@code knn:k=3,variant=1}.
 *
 * <p>The contract's structured sample has inputs drawn independently of the activations, so the true
 * I(X;T) is 0, and KSG, which is nearly unbiased there and not clamped, returns 0 plus noise of
 * either sign: the contract's check "I(X;T) &ge; 0" would then test the seed, not the estimator.
 * This class keeps the contract's activations and labels (with their repeated rows) and makes the
 * inputs depend on the activations: x = (t, u), the layer's units followed by uniform noise, so that
 * I(X;T) is clearly positive and below log2 n. The constant-layer check (exactly 0) runs on the
 * contract's own sample.
 */
class KnnContractTest extends EstimatorContract {
  @Override
  protected MutualInformationEstimator estimator() {
    return KnnEstimator.defaults();
  }

  @Override
  protected LayerSample structuredSample(int n, int d, int classes, long seed) {
    LayerSample base = super.structuredSample(n, d, classes, seed);
    float[] t = base.activationsAsFloats();
    float[] noise = LayerSample.rowMajorFloats(base.inputs());
    int p = base.inputs().columns();
    float[] x = new float[n * (d + p)];
    for (int i = 0; i < n; i++) {
      System.arraycopy(t, i * d, x, i * (d + p), d);
      System.arraycopy(noise, i * p, x, i * (d + p) + d, p);
    }
    return LayerSample.of("test", base.activations(), base.labels(), classes,
        Nd4j.create(x, new long[] {n, d + p}, 'c').castTo(DataType.FLOAT));
  }
}
