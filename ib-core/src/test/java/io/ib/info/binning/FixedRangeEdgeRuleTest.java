package io.ib.info.binning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.info.Estimators;
import io.ib.info.InformationEstimate;
import io.ib.info.LayerSample;
import io.ib.info.MutualInformationEstimator;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fixed-range rule bin(a) = floor((a - lo) / (hi - lo) * B), clamped to [0, B - 1], evaluated
 * exactly, for {@code range=LO:HI}, {@code range=global} and {@code range=point}: values exactly on
 * an edge, and agreement with a scalar loop in exact arithmetic written here.
 */
class FixedRangeEdgeRuleTest {
  /** An 8-bit softmax level. */
  private static final float H = 0.917647123336792f;

  /** The rule for one value, in BigDecimal: exact for the binary values of a, lo and hi. */
  private static int reference(float a, int bins, double lo, double hi) {
    BigDecimal low = new BigDecimal(lo);
    BigDecimal index = new BigDecimal(a).subtract(low).multiply(BigDecimal.valueOf(bins))
        .divide(new BigDecimal(hi).subtract(low), 0, RoundingMode.FLOOR);
    return index.max(BigDecimal.ZERO).min(BigDecimal.valueOf(bins - 1)).intValueExact();
  }

  /** True if a is exactly the edge e_j = lo + j (hi - lo) / B, i.e. a B = lo (B - j) + hi j. */
  private static boolean onEdge(float a, int j, int bins, double lo, double hi) {
    BigDecimal edgeTimesBins = new BigDecimal(lo).multiply(BigDecimal.valueOf(bins - j))
        .add(new BigDecimal(hi).multiply(BigDecimal.valueOf(j)));
    return new BigDecimal(a).multiply(BigDecimal.valueOf(bins)).compareTo(edgeTimesBins) == 0;
  }

  private static LayerSample column(float[] values, int[] labels, int classes) {
    return LayerSample.of("t", Nd4j.create(values, new long[] {values.length, 1}, DataType.FLOAT),
        labels, classes);
  }

  private static int[] bins(BinningEstimator estimator, float[] values) {
    int[] out = new int[values.length];
    estimator.bin(values, out, column(values, new int[values.length], 1));
    return out;
  }

  @Test
  void aValueOnTheMiddleEdgeOfThePointRangeGoesToTheUpperBin() {
    float half = H / 2; // exact: halving a float
    float[] values = {0, half, Math.nextUp(half), H};
    int[] labels = {0, 0, 1, 1};
    // Over [0, H] with 30 bins, edge 15 is 15 H / 30 = H / 2: half lies on it, so it is in bin 15.
    assertTrue(onEdge(half, 15, 30, 0, H));
    int[] expected = {0, 15, 15, 29};
    assertArrayEquals(expected, bins(new PointRangeBinning(30), values));
    assertArrayEquals(expected, bins(new GlobalRangeBinning(30), values));
    assertArrayEquals(expected, bins(new FixedRangeBinning(30, 0, H), values));
    // Symbols 0, 15, 15, 29: H(T) = 2 (1/4) log2 4 + (1/2) log2 2 = 1.5 bits; within each class two
    // different symbols, H(T|Y) = 1 bit, so I(T;Y) = 0.5 bits.
    LayerSample sample = column(values, labels, 2);
    List<MutualInformationEstimator> estimators = List.of(
        Estimators.parse("binning:bins=30,range=point"),
        Estimators.parse("binning:bins=30,range=global"),
        new GlobalRangeBinning(30).withRange(0, H),
        Estimators.parse("binning:bins=30,range=0:" + (double) H));
    for (MutualInformationEstimator estimator : estimators) {
      InformationEstimate e = estimator.estimate(sample);
      assertEquals(1.5, e.htBits(), 1e-12, estimator.spec().toString());
      assertEquals(1.5, e.ixtBits(), 1e-12, estimator.spec().toString());
      assertEquals(0.5, e.ityBits(), 1e-12, estimator.spec().toString());
    }
  }

  /** Ranges (lo, hi, B); in the first five every edge is a float. */
  private static final double[][] RANGES = {
      {0, 49, 49}, {-1.5, -1.5 + 30 * 0.09375, 30}, {-3.25, 5.5, 7}, {0, 255, 255}, {0, 1, 256},
      {-1, 1, 30}, {0, 6, 255}, {0, H, 30}, {0, 1, 10}, {0.1, 0.7, 3}, {-1, 1, 7}, {0, 1000, 30}};

  @Test
  void everyValueOnAnEdgeStartsItsBinAndTheFloatBelowEndsThePreviousOne() {
    for (int r = 0; r < RANGES.length; r++) {
      double lo = RANGES[r][0];
      double hi = RANGES[r][1];
      int b = (int) RANGES[r][2];
      List<Float> values = new ArrayList<>();
      List<Integer> expected = new ArrayList<>();
      int edges = 0;
      for (int j = 0; j <= b; j++) {
        // The float nearest the edge, or one of its neighbours, if any of them is on it.
        float near = (float) (lo + j * (hi - lo) / b);
        for (float a : new float[] {Math.nextDown(near), near, Math.nextUp(near)}) {
          if (onEdge(a, j, b, lo, hi)) {
            edges++;
            values.add(a);
            expected.add(Math.min(j, b - 1)); // hi itself is clamped into the last bin
            values.add(Math.nextDown(a));
            expected.add(Math.max(0, j - 1)); // below lo is clamped into bin 0
            values.add(Math.nextUp(a));
            expected.add(Math.min(j, b - 1));
          }
        }
      }
      if (r < 5) {
        assertEquals(b + 1, edges, "every edge of range " + r + " is a float");
      }
      if (edges == 0) {
        continue; // 0.1:0.7 (decimal ends, no edge is a float): for the exact loop below
      }
      float[] v = new float[values.size()];
      int[] want = new int[v.length];
      for (int i = 0; i < v.length; i++) {
        v[i] = values.get(i);
        want[i] = expected.get(i);
      }
      String what = "range " + lo + ":" + hi + ", " + b + " bins";
      assertArrayEquals(want, bins(new FixedRangeBinning(b, lo, hi), v), what);
      if ((float) lo == lo && (float) hi == hi && edges == b + 1) {
        // The same values without the one below lo and the one above hi: their own range is
        // [lo, hi], which range=point and range=global take from them.
        float[] inside = new float[v.length - 2];
        int[] wantInside = new int[inside.length];
        for (int i = 0, o = 0; i < v.length; i++) {
          if (v[i] >= lo && v[i] <= hi) {
            inside[o] = v[i];
            wantInside[o++] = want[i];
          }
        }
        assertArrayEquals(wantInside, bins(new PointRangeBinning(b), inside), what + ", point");
        assertArrayEquals(wantInside, bins(new GlobalRangeBinning(b), inside), what + ", global");
      }
    }
  }

  @Test
  void binsAgreeWithAnExactScalarLoop() {
    SplittableRandom rng = new SplittableRandom(17);
    for (int trial = 0; trial < 60; trial++) {
      double lo;
      double hi;
      int b;
      if (trial < RANGES.length) {
        lo = RANGES[trial][0];
        hi = RANGES[trial][1];
        b = (int) RANGES[trial][2];
      } else {
        lo = rng.nextDouble(-10, 10);
        hi = lo + Math.scalb(rng.nextDouble(0.5, 1), rng.nextInt(-10, 10));
        if (trial % 3 == 0) { // float ends, as range=point and range=global have them
          lo = (float) lo;
          hi = Math.max((float) hi, Math.nextUp((float) lo));
        }
        int[] counts = {1, 2, 3, 7, 10, 30, 49, 100, 1000};
        b = counts[rng.nextInt(counts.length)];
      }
      float[] v = new float[2000];
      for (int i = 0; i < v.length; i++) {
        int j = rng.nextInt(b + 1);
        float near = (float) (lo + j * (hi - lo) / b);
        v[i] = switch (i % 4) {
          case 0 -> (float) rng.nextDouble(lo - (hi - lo) / 10, hi + (hi - lo) / 10);
          case 1 -> near; // on or next to an edge
          case 2 -> near + Math.ulp(near) * (rng.nextInt(5) - 2); // a few floats off
          default -> (float) (lo + rng.nextInt(256) * (hi - lo) / 255); // an 8-bit grid
        };
      }
      int[] want = new int[v.length];
      for (int i = 0; i < v.length; i++) {
        want[i] = reference(v[i], b, lo, hi);
      }
      assertArrayEquals(want, bins(new FixedRangeBinning(b, lo, hi), v),
          "range " + lo + ":" + hi + ", " + b + " bins");
    }
  }

  @Test
  void aRangeWiderThanTheDoublesStillSplitsAtItsEdges() {
    // hi - lo overflows to infinity. Edge 15 of 30 is 0; edge 14 is -1e308 / 15, below every float.
    float[] v = {-Float.MAX_VALUE, -1, -Float.MIN_VALUE, -0.0f, 0, Float.MIN_VALUE, 1,
        Float.MAX_VALUE};
    assertArrayEquals(new int[] {14, 14, 14, 15, 15, 15, 15, 15},
        bins(new FixedRangeBinning(30, -1e308, 1e308), v));
  }

  @Test
  void estimatesAgreeWithTheSimpleImplementationOnAGrid() {
    // Two units on an 8-bit grid over [0, H] (values k H / 255 in float), three classes.
    SplittableRandom rng = new SplittableRandom(3);
    int n = 600;
    float[] v = new float[2 * n];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = rng.nextInt(3);
      for (int u = 0; u < 2; u++) {
        v[2 * i + u] = Math.min(255, labels[i] * 60 + rng.nextInt(120)) * (H / 255);
      }
    }
    v[0] = 0;
    v[1] = H;
    LayerSample sample = LayerSample.of("t", Nd4j.create(v, new long[] {n, 2}, DataType.FLOAT),
        labels, 3);
    for (int b : new int[] {2, 3, 5, 15, 17, 30, 51, 85, 255}) {
      List<List<Integer>> symbols = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        symbols.add(List.of(reference(v[2 * i], b, 0, H), reference(v[2 * i + 1], b, 0, H)));
      }
      double[] expected = SimpleReference.information(symbols, labels, 3);
      for (MutualInformationEstimator estimator : List.of(new PointRangeBinning(b),
          new GlobalRangeBinning(b), new FixedRangeBinning(b, 0, H))) {
        InformationEstimate e = estimator.estimate(sample);
        assertEquals(expected[0], e.ixtBits(), 1e-9, estimator.spec() + ", " + b);
        assertEquals(expected[1], e.ityBits(), 1e-9, estimator.spec() + ", " + b);
      }
    }
  }
}
