package io.ib.info.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ib.info.LayerSample;
import org.junit.jupiter.api.Test;

/**
 * Prints the time of the target case (n = 10,000, d = 100, one s2, both bounds with the I(T;Y)
 * terms). Nothing about time is asserted: it depends on the machine and its load. The full table
 * comes from {@link KernelTiming#main}.
 */
class KernelTimingTest {
  @Test
  void printsTheTimeOfTheTargetCase() {
    LayerSample sample = KernelTiming.reluLayer(10_000, 100, 2, 0.3);
    KernelEstimator estimator = KernelEstimator.of(KernelEstimator.DEFAULT_NOISE_VARIANCE);
    KernelTiming.bestMillis(KernelEstimator.of(0.1), KernelTiming.reluLayer(1000, 100, 1, 0.3), 2);
    double ms = KernelTiming.bestMillis(estimator, sample, 2);
    System.out.printf("kernel:s2=0.1 (both bounds and I(T;Y) terms), n = 10000, d = 100,"
        + " OMP_NUM_THREADS=%s: %.0f ms (best of 2)%n", System.getenv("OMP_NUM_THREADS"), ms);
    assertEquals(2, estimator.estimateAll(sample).size());
  }
}
