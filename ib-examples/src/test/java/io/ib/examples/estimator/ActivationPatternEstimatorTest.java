package io.ib.examples.estimator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.info.Entropy;
import io.ib.info.EstimatorContract;
import io.ib.info.Estimators;
import io.ib.info.InformationEstimate;
import io.ib.info.LayerSample;
import io.ib.info.MutualInformationEstimator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** The example estimator passes the same contract as the built-in ones and is found by name. */
class ActivationPatternEstimatorTest extends EstimatorContract {
  @Override
  protected MutualInformationEstimator estimator() {
    return new ActivationPatternEstimator(0.3);
  }

  @Test
  void registeredThroughServiceLoader() {
    assertTrue(Estimators.parse("activation-pattern") instanceof ActivationPatternEstimator);
    assertEquals("activation-pattern:threshold=0.5",
        Estimators.parse("activation-pattern:threshold=0.5").spec().toString());
    assertTrue(Estimators.providers().stream()
        .anyMatch(p -> p.usage().startsWith("activation-pattern[:threshold=0]")));
  }

  @Test
  void patternsAreCountedExactly() {
    // Four samples, two units: patterns 10, 10, 01, 11 -> H = 1.5 bits; classes 0, 0, 1, 1: the
    // pattern determines the class, so I(T;Y) = H(Y) = 1 bit.
    float[][] t = {{2f, 0f}, {5f, -1f}, {0f, 3f}, {1f, 1f}};
    InformationEstimate e = new ActivationPatternEstimator(0)
        .estimate(LayerSample.of("t", Nd4j.createFromArray(t), new int[] {0, 0, 1, 1}, 2));
    assertEquals(1.5, e.ixtBits(), 1e-12);
    assertEquals(1.0, e.ityBits(), 1e-12);
    assertEquals(Entropy.log2(4), e.log2nBits(), 0);
  }
}
