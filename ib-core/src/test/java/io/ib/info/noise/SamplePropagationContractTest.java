package io.ib.info.noise;

import io.ib.info.EstimatorContract;
import io.ib.info.LayerSample;
import io.ib.info.MutualInformationEstimator;

/** The estimator contract for sp, on samples of a first noisy layer whose centres are the activations. */
class SamplePropagationContractTest extends EstimatorContract {
  @Override
  protected MutualInformationEstimator estimator() {
    return SamplePropagationEstimator.of(3, 2);
  }

  @Override
  protected LayerSample adapt(LayerSample sample) {
    return sample.withNoise(FixedNoise.of(sample.activationsAsFloats(), 0.1));
  }
}
