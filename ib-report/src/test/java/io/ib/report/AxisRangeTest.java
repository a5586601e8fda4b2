package io.ib.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AxisRangeTest {
  @Test
  void fromZeroStartsAtZeroOrTheNegativeMinimumAndPadsTheFreeEnds() {
    AxisRange positive = AxisRange.fromZero(new AxisRange.Extent().add(2).add(5));
    assertEquals(0, positive.min(), 0);
    assertEquals(5 + AxisRange.PAD * 5, positive.max(), 1e-12);
    AxisRange both = AxisRange.fromZero(new AxisRange.Extent().add(-1).add(3));
    assertEquals(-1 - AxisRange.PAD * 4, both.min(), 1e-12);
    assertEquals(3 + AxisRange.PAD * 4, both.max(), 1e-12);
    AxisRange empty = AxisRange.fromZero(new AxisRange.Extent().add(Double.NaN));
    assertEquals(new AxisRange(0, 1), empty);
    assertEquals(0, AxisRange.fromZero(new AxisRange.Extent().add(0)).min(), 0);
    assertTrue(AxisRange.fromZero(new AxisRange.Extent().add(0)).max() > 0);
  }

  @Test
  void extentsIgnoreValuesThatAreNotFiniteAndKeepHugeOnes() {
    AxisRange.Extent e = new AxisRange.Extent().add(Double.POSITIVE_INFINITY).add(Double.NaN).add(1e21)
        .add(4, Double.NaN);
    AxisRange r = AxisRange.fromZero(e);
    assertEquals(0, r.min(), 0);
    assertEquals(1e21 * (1 + AxisRange.PAD), r.max(), 1e6);
  }

  @Test
  void aroundWidensNarrowDataToTheMinimumSpanInsideItsBounds() {
    // Accuracies 0.970 to 0.977: padded, then widened about the centre to 0.05.
    AxisRange r = AxisRange.around(new AxisRange.Extent().add(0.970).add(0.977), 0.05, 0, 1);
    assertEquals(0.05, r.max() - r.min(), 1e-12);
    assertEquals((0.970 + 0.977) / 2, (r.min() + r.max()) / 2, 1e-12);
    // Near the ceiling the range is moved down, not cut: [0.95, 1].
    AxisRange top = AxisRange.around(new AxisRange.Extent().add(0.99).add(0.995), 0.05, 0, 1);
    assertEquals(1, top.max(), 0);
    assertEquals(0.95, top.min(), 1e-12);
    // Data wider than the minimum keep their own span plus padding, clipped to the bounds.
    AxisRange wide = AxisRange.around(new AxisRange.Extent().add(0.2).add(0.9), 0.05, 0, 1);
    assertEquals(0.2 - AxisRange.PAD * 0.7, wide.min(), 1e-12);
    assertEquals(0.9 + AxisRange.PAD * 0.7, wide.max(), 1e-12);
    assertEquals(new AxisRange(0, 1), AxisRange.around(new AxisRange.Extent(), 0.05, 0, 1));
  }

  @Test
  void ofMakesEveryRangeFiniteAndWideEnoughForItsMagnitude() {
    assertEquals(new AxisRange(0, 1), AxisRange.of(Double.NaN, 3));
    AxisRange infinite = AxisRange.of(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    assertEquals(-AxisRange.LIMIT, infinite.min(), 0);
    assertEquals(AxisRange.LIMIT, infinite.max(), 0);
    AxisRange point = AxisRange.of(1e21, 1e21);
    assertEquals(AxisRange.RELATIVE_WIDTH * 1e21, point.max() - point.min(), 1e6);
    assertEquals(1e21, (point.min() + point.max()) / 2, 1e6);
    assertEquals(AxisRange.MIN_WIDTH, AxisRange.of(0, 0).max() - AxisRange.of(0, 0).min(), 0);
    assertThrows(IllegalArgumentException.class, () -> new AxisRange(1, 1));
    assertThrows(IllegalArgumentException.class, () -> new AxisRange(0, Double.NaN));
  }

  @Test
  void tickLabelsAreShortAndTellTicksAFiftiethApart() {
    for (AxisRange r : new AxisRange[] {AxisRange.of(1e21, 1.001e21), AxisRange.of(0, 1.3e22),
        AxisRange.of(0.95, 1), AxisRange.of(-3.5, 0), AxisRange.of(0, 1e-10), AxisRange.of(0, 1e300)}) {
      Set<String> labels = new HashSet<>();
      for (int k = 0; k <= 50; k++) {
        String label = r.label(r.min() + k * (r.max() - r.min()) / 50);
        assertTrue(label.length() <= 14, r + ": " + label);
        labels.add(label);
      }
      assertEquals(51, labels.size(), r + ": " + labels);
    }
    AxisRange r = AxisRange.of(0, 1.3e22);
    assertEquals("1.3e22", r.label(1.3e22));
    assertEquals("0", r.label(0.0));
    assertEquals("-5e21", r.label(-5e21));
    assertEquals("0.25", AxisRange.of(0, 1).label(0.25));
    assertEquals(" ", AxisRange.of(0, 1).label(Double.NaN));
  }
}
