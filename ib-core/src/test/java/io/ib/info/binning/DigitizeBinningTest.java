package io.ib.info.binning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ib.info.EstimatorContract;
import io.ib.info.Estimators;
import io.ib.info.InformationEstimate;
import io.ib.info.LayerSample;
import io.ib.info.MutualInformationEstimator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class DigitizeBinningTest extends EstimatorContract {
  @Override
  protected MutualInformationEstimator estimator() {
    return DigitizeBinning.idnns();
  }

  @Override
  protected double activationScale() {
    return 1; // tanh-like values: the fixed range [-1, 1] resolves them
  }

  @Test
  void specAndDefaults() {
    assertEquals("digitize:edges=30,range=-1:1", Estimators.parse("digitize").spec().toString());
    assertEquals(2, Estimators.parse("digitize:edges=10,30").memberSpecs().size());
  }

  /** Against np.digitize written as a scan over the edges, IDNNs' wrap of index 0 included. */
  @Test
  void equalsTheDefinitionOnValuesInAndOutsideTheRange() {
    for (long seed = 1; seed <= 4; seed++) {
      Sample s = sample(seed);
      double[] edges = new double[30];
      for (int j = 0; j < 30; j++) {
        edges[j] = j == 29 ? 1 : -1 + j * (2.0 / 29);
      }
      List<List<Integer>> symbols = new ArrayList<>();
      for (int i = 0; i < s.n; i++) {
        List<Integer> row = new ArrayList<>();
        for (int j = 0; j < s.d; j++) {
          int k = 0;
          for (double e : edges) {
            if (e <= s.t[i * s.d + j]) {
              k++;
            }
          }
          row.add(k == 0 ? 30 : k);
        }
        symbols.add(row);
      }
      double[] expected = SimpleReference.information(symbols, s.labels, 3);
      InformationEstimate e = DigitizeBinning.idnns().estimate(s.layer());
      assertEquals(expected[0], e.ixtBits(), 1e-12, "seed " + seed);
      assertEquals(expected[1], e.ityBits(), 1e-12, "seed " + seed);
    }
  }

  /** The IDNNs code's own computation (its bins[digitize - 1] and np.unique of rows), in NumPy. */
  @Test
  void equalsTheIdnnsCodeInNumpy() throws IOException, InterruptedException {
    Sample s = sample(9);
    StringBuilder data = new StringBuilder();
    for (int i = 0; i < s.n; i++) {
      for (int j = 0; j < s.d; j++) {
        data.append(String.format(Locale.ROOT, "%.9g ", s.t[i * s.d + j]));
      }
      data.append(s.labels[i]).append('\n');
    }
    String script = String.join("\n",
        "import numpy as np, sys",
        "a = np.loadtxt(sys.stdin)",
        "t = a[:, :-1].astype(np.float32); y = a[:, -1].astype(int)",
        "bins = np.linspace(-1, 1, 30)",
        "dig = bins[np.digitize(np.squeeze(t.reshape(1, -1)), bins) - 1].reshape(len(t), -1)",
        "def h(rows):",
        "    _, c = np.unique(rows, axis=0, return_counts=True)",
        "    p = c / c.sum()",
        "    return -np.sum(p * np.log2(p))",
        "ht = h(dig)",
        "hty = sum((y == c).mean() * h(dig[y == c]) for c in np.unique(y))",
        "print(repr(float(ht)), repr(float(ht - hty)))");
    Process p;
    try {
      p = new ProcessBuilder("python3", "-c", script).redirectErrorStream(true).start();
    } catch (IOException e) {
      Assumptions.abort("python3 not found");
      return;
    }
    p.getOutputStream().write(data.toString().getBytes(StandardCharsets.US_ASCII));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes()).trim();
    Assumptions.assumeTrue(p.waitFor() == 0, "NumPy not available: " + out);
    String[] f = out.split(" ");
    // The values are printed with 9 significant digits, which round-trip float32 exactly.
    InformationEstimate e = DigitizeBinning.idnns().estimate(s.layer());
    assertEquals(Double.parseDouble(f[0]), e.ixtBits(), 1e-9);
    assertEquals(Double.parseDouble(f[1]), e.ityBits(), 1e-9);
  }

  private record Sample(int n, int d, float[] t, int[] labels) {
    LayerSample layer() {
      return LayerSample.of("hidden1", Nd4j.create(t, new long[] {n, d}, DataType.FLOAT), labels, 3);
    }
  }

  /** Mostly in (-1, 1), some beyond both ends and some exactly on edges. */
  private static Sample sample(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int n = 600;
    int d = 3;
    float[] t = new float[n * d];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = rng.nextInt(3);
      for (int j = 0; j < d; j++) {
        double u = rng.nextDouble();
        t[i * d + j] = u < 0.05 ? -1.5f : u < 0.1 ? 1f : u < 0.15 ? 2f : u < 0.2 ? -1f
            : (float) Math.tanh(rng.nextGaussian() + 0.5 * labels[i]);
      }
    }
    return new Sample(n, d, t, labels);
  }
}
