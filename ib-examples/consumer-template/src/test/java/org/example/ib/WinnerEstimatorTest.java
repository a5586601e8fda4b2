package org.example.ib;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ib.info.EstimatorContract;
import io.ib.info.InformationEstimate;
import io.ib.info.LayerSample;
import io.ib.info.MutualInformationEstimator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** The estimator passes ib's estimator contract, and its closed forms. */
class WinnerEstimatorTest extends EstimatorContract {
  @Override
  protected MutualInformationEstimator estimator() {
    return new WinnerEstimator();
  }

  @Test
  void winnersThatDetermineTheClassGiveItsWholeEntropy() {
    // Winners 0, 0, 1, 1 for classes 0, 0, 1, 1: H(W) = 1 bit, and W determines Y: I(W;Y) = 1 bit.
    float[][] t = {{2f, 0f}, {5f, -1f}, {0f, 3f}, {1f, 4f}};
    InformationEstimate e = new WinnerEstimator()
        .estimate(LayerSample.of("t", Nd4j.createFromArray(t), new int[] {0, 0, 1, 1}, 2));
    assertEquals(1.0, e.ixtBits(), 1e-12);
    assertEquals(1.0, e.ityBits(), 1e-12);
  }

  @Test
  void winnersIndependentOfTheClassCarryNoInformationAboutIt() {
    // Winners 0, 1, 0, 1 for classes 0, 0, 1, 1: independent, I(W;Y) = 0.
    float[][] t = {{2f, 0f}, {0f, 3f}, {5f, -1f}, {1f, 4f}};
    InformationEstimate e = new WinnerEstimator()
        .estimate(LayerSample.of("t", Nd4j.createFromArray(t), new int[] {0, 0, 1, 1}, 2));
    assertEquals(1.0, e.ixtBits(), 1e-12);
    assertEquals(0.0, e.ityBits(), 1e-12);
  }
}
