package io.ib.bench.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FlopsTest {
  @Test
  void countsEveryProductOfOneTinySweepByHand() {
    // d=3, h=2, k=1, c=2; 4 training samples, 1 epoch; 5 test samples, 2 measurements.
    Flops f = Flops.of(new int[] {1}, 1, 4, 5, 2, 3, 2, 2);
    double fwdMacsPerSample = 3 * 2 + 2 * 1 + 1 * 2; // 10
    double inMacsPerSample = 2 * 1 + 1 * 2; // 4: no gradient with respect to the inputs
    assertEquals(2 * fwdMacsPerSample * 4, f.trainForward());
    assertEquals(2 * fwdMacsPerSample * 4, f.trainWeightGrad());
    assertEquals(2 * inMacsPerSample * 4, f.trainInputGrad());
    assertEquals(2 * fwdMacsPerSample * 5 * 2, f.test());
    // At 1 FLOP/s everywhere, the time is the FLOP count.
    assertEquals(f.train() + f.test(), f.seconds(1, 1, 1));
  }

  @Test
  void rotatesTheContenderOrder() {
    assertEquals(java.util.List.of("b", "c", "a"), Bench.rotate(java.util.List.of("a", "b", "c"), 1));
  }
}
