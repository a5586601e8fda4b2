package io.ib.info.kernel;

import io.ib.info.InformationEstimate;
import io.ib.info.LayerSample;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Prints the time of the kernel bounds for n = 10,000 and d = 10, 100, 256 with 1 and 3 noise
 * variances (both bounds and the I(T;Y) terms each). Not a test: run it with
 * {@code OMP_NUM_THREADS=1 java -cp <test class path> io.ib.info.kernel.KernelTiming [n]
 * [repeats]}. Times depend on the machine and its load; nothing is asserted.
 */
public final class KernelTiming {
  private KernelTiming() {}

  /** ReLU activations around ten class means, the shape of a trained hidden layer. */
  static LayerSample reluLayer(int n, int d, long seed, double noise) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] means = new double[10][d];
    for (double[] m : means) {
      for (int u = 0; u < d; u++) {
        m[u] = rng.nextGaussian();
      }
    }
    int[] labels = new int[n];
    float[] t = new float[n * d];
    for (int i = 0; i < n; i++) {
      labels[i] = rng.nextInt(10);
      for (int u = 0; u < d; u++) {
        t[i * d + u] = (float) Math.max(0, means[labels[i]][u] + noise * rng.nextGaussian());
      }
    }
    return LayerSample.of("timing", Nd4j.create(t, new long[] {n, d}, DataType.FLOAT), labels, 10);
  }

  /** Best of {@code repeats} runs, in milliseconds. */
  static double bestMillis(KernelEstimator estimator, LayerSample sample, int repeats) {
    double best = Double.POSITIVE_INFINITY;
    for (int r = 0; r < repeats; r++) {
      long t0 = System.nanoTime();
      List<InformationEstimate> all = estimator.estimateAll(sample);
      best = Math.min(best, (System.nanoTime() - t0) / 1e6);
      if (all.isEmpty()) {
        throw new IllegalStateException();
      }
    }
    return best;
  }

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    double noise = args.length > 2 ? Double.parseDouble(args[2]) : 0.3;
    int chunkRows =
        args.length > 3 ? Integer.parseInt(args[3]) : PairwiseKernelSums.PREFERRED_CHUNK_ROWS;
    long budget = (long) chunkRows * chunkRows * PairwiseKernelSums.BYTES_PER_BLOCK_ELEMENT;
    System.out.println("OMP_NUM_THREADS=" + System.getenv("OMP_NUM_THREADS") + ", n = " + n
        + ", best of " + repeats + ", ReLU layer, noise " + noise + ", chunks of " + chunkRows
        + " rows");
    bestMillis(KernelEstimator.of(0.1), reluLayer(2000, 50, 1, noise), 2); // warm-up
    System.out.println("    d  s2 values  ms");
    for (int d : new int[] {10, 100, 256}) {
      LayerSample sample = reluLayer(n, d, 2, noise);
      for (double[] s2 : new double[][] {{0.1}, {0.01, 0.1, 1}}) {
        double ms = bestMillis(KernelEstimator.of(s2).withMemoryBudget(budget), sample, repeats);
        System.out.printf("%5d  %9d  %6.0f%n", d, s2.length, ms);
      }
    }
  }
}
