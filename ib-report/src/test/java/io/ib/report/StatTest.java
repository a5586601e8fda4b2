package io.ib.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatTest {
  @Test
  void meanAndSampleSdMatchATwoPassReference() {
    double[] v = {13.1, 12.25, 12.9, 11.0, 12.6};
    double mean = 0;
    for (double x : v) {
      mean += x / v.length;
    }
    double ss = 0;
    for (double x : v) {
      ss += (x - mean) * (x - mean);
    }
    double sd = Math.sqrt(ss / (v.length - 1));
    Stat s = Stat.of(Arrays.stream(v).boxed().toList());
    assertEquals(mean, s.mean(), 1e-12);
    assertEquals(sd, s.sd(), 1e-12);
    assertEquals(5, s.count());
  }

  @Test
  void twoValuesHaveSdOfHalfTheirDistanceTimesRootTwo() {
    Stat s = Stat.of(List.of(1.0, 2.0));
    assertEquals(1.5, s.mean(), 0);
    assertEquals(Math.sqrt(0.5), s.sd(), 1e-15);
    assertEquals("1.500 \u00b1 0.707", s.format(3));
  }

  @Test
  void nanIsLeftOutAndOneValueHasNoSpread() {
    Stat s = Stat.of(List.of(Double.NaN, 3.0));
    assertEquals(1, s.count());
    assertEquals(3.0, s.mean(), 0);
    assertEquals(0.0, s.sd(), 0);
    assertEquals("3.00", s.format(2));
    Stat none = Stat.of(List.of(Double.NaN));
    assertEquals(0, none.count());
    assertTrue(Double.isNaN(none.mean()));
    assertEquals("\u2013", none.format(2));
  }

  @Test
  void infinitiesAreLeftOutAndCounted() {
    Stat s = Stat.of(List.of(1.0, Double.POSITIVE_INFINITY, 3.0, Double.NaN, Double.NEGATIVE_INFINITY));
    assertEquals(2, s.count());
    assertEquals(3, s.leftOut());
    assertEquals(2.0, s.mean(), 0);
    assertEquals(Math.sqrt(2), s.sd(), 1e-15);
  }

  @Test
  void hugeValuesHaveAFiniteMeanAndSpread() {
    // Two values a, b: mean (a + b) / 2, sample sd |a - b| / sqrt(2); a^2 and a + b overflow here.
    double a = 1.2e308;
    double b = 1.6e308;
    Stat s = Stat.of(List.of(a, b));
    assertEquals(a / 2 + b / 2, s.mean(), 1e-15 * b);
    assertEquals((b - a) / Math.sqrt(2), s.sd(), 1e-15 * b);
    assertEquals(0, s.leftOut());
  }
}
