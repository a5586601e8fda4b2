package io.ib.info.binning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ib.info.Estimators;
import io.ib.info.InformationEstimate;
import io.ib.info.LayerSample;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Compares {@link AdaptiveBinning} with a plain implementation written here: each unit's values
 * sorted as a list of boxed doubles, edges picked by the documented ranks floor(k n / B), bin index
 * by counting edges &le; v in a linear scan, symbols as lists in a HashMap, entropies as -sum p
 * log2 p, I(T;Y) as H(T) - sum_y p(y) H(T|Y=y).
 */
class AdaptiveBinningAgainstSimpleImplementationTest {

  private record Fixture(LayerSample sample, float[][] values, int[] labels, int classes) {}

  private static Fixture fixture(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int n = 200 + rng.nextInt(800);
    int d = 2 + rng.nextInt(5);
    int classes = 2 + rng.nextInt(8);
    float[][] values = new float[n][d];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = rng.nextInt(classes);
      for (int j = 0; j < d; j++) {
        // Even units ReLU-like (many exact zeros), odd units signed (negative values sort
        // correctly); in both some coarse ties, the rest continuous.
        double z = (labels[i] % 3) * 0.6 + rng.nextGaussian() * 0.8 - 0.4;
        double v = rng.nextInt(5) == 0 ? Math.round(z * 4) / 4.0 : z;
        values[i][j] = (float) (j % 2 == 0 ? Math.max(0, v) : -3 * v);
      }
    }
    LayerSample s = LayerSample.of("t", Nd4j.createFromArray(values).castTo(DataType.FLOAT), labels,
        classes);
    return new Fixture(s, values, labels, classes);
  }

  @Test
  void agreesOnFixedMatrices() {
    for (long seed = 1; seed <= 8; seed++) {
      Fixture f = fixture(seed);
      for (int bins : new int[] {1, 2, 3, 7, 30, 5000}) {
        InformationEstimate e = new AdaptiveBinning(bins).estimate(f.sample);
        double[] ref = reference(f, bins);
        assertEquals(ref[0], e.ixtBits(), 1e-9, "seed " + seed + ", bins " + bins);
        assertEquals(ref[1], e.ityBits(), 1e-9, "seed " + seed + ", bins " + bins);
      }
    }
  }

  @Test
  void aListOfBinCountsAgreesMemberByMember() {
    Fixture f = fixture(42);
    List<InformationEstimate> all = Estimators.parse("binning:bins=2,4,16,edges=quantile")
        .estimateAll(f.sample);
    int[] bins = {2, 4, 16};
    assertEquals(3, all.size());
    for (int k = 0; k < 3; k++) {
      assertEquals("binning:bins=" + bins[k] + ",edges=quantile",
          all.get(k).estimator().toString());
      double[] ref = reference(f, bins[k]);
      assertEquals(ref[0], all.get(k).ixtBits(), 1e-9);
      assertEquals(ref[1], all.get(k).ityBits(), 1e-9);
    }
  }

  /** {I(X;T), I(T;Y)} in bits, the simple way. */
  private static double[] reference(Fixture f, int bins) {
    int n = f.values.length;
    int d = f.values[0].length;
    int[][] index = new int[n][d];
    for (int u = 0; u < d; u++) {
      List<Double> sorted = new ArrayList<>();
      for (float[] row : f.values) {
        sorted.add((double) row[u]);
      }
      Collections.sort(sorted);
      List<Double> edges = new ArrayList<>();
      for (int k = 1; k < bins; k++) {
        edges.add(sorted.get((int) Math.floor((double) k * n / bins)));
      }
      for (int i = 0; i < n; i++) {
        int count = 0;
        for (double edge : edges) {
          if (edge <= f.values[i][u]) {
            count++;
          }
        }
        index[i][u] = count;
      }
    }
    List<List<Integer>> symbols = new ArrayList<>();
    for (int[] row : index) {
      List<Integer> key = new ArrayList<>();
      for (int b : row) {
        key.add(b);
      }
      symbols.add(key);
    }
    return SimpleReference.information(symbols, f.labels, f.classes);
  }
}
