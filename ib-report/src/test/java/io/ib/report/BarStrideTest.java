package io.ib.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which points of an information-plane trajectory carry error bars. */
class BarStrideTest {

  /** The bars drawn for n points: every stride-th point from the first, and the last. */
  private static int bars(int n) {
    int stride = InformationPlanePlot.barStride(n);
    int count = 0;
    for (int j = 0; j < n; j++) {
      if (j % stride == 0 || j == n - 1) {
        count++;
      }
    }
    return count;
  }

  @Test
  void shortTrajectoriesKeepEveryBarLongOnesAtMostTheLimit() {
    for (int n = 1; n <= 5000; n++) {
      int bars = bars(n);
      if (n <= InformationPlanePlot.MAX_BARS) {
        assertEquals(n, bars, "n = " + n);
      } else {
        assertTrue(bars <= InformationPlanePlot.MAX_BARS, "n = " + n + ": " + bars + " bars");
        // Thinning never leaves far fewer bars than allowed: the stride is the smallest that fits.
        assertTrue(bars >= InformationPlanePlot.MAX_BARS / 2, "n = " + n + ": " + bars + " bars");
      }
    }
  }
}
