package io.ib.bench.nd4j;

import io.ib.bench.common.Json;
import io.ib.bench.common.Stats;
import io.ib.data.Dataset;
import io.ib.info.EstimatorProvider;
import io.ib.info.Estimators;
import io.ib.info.LayerSample;
import io.ib.info.MutualInformationEstimator;
import io.ib.info.UniformLevels;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Estimator throughput: every estimator the registry can build from the benchmark's spec list (plus
 * each registered family's bare name, so new families are included automatically) on 10,000 x d
 * synthetic ReLU-like activations, d in {10, 100, 256}; median of several calls. The shared
 * float copy of the activations ({@link LayerSample#activationsAsFloats}) is made before timing and
 * reported on its own row, as the sweep makes it once per layer sample for all estimators.
 *
 * <p>Activations: a_ij = max(0, z_ij), z_ij ~ N(mu(y_i, j), 2^2) with class means mu ~ U(-2, 4), drawn
 * from a seeded SplittableRandom; labels uniform over 10 classes from the same generator; inputs (for
 * the per-unit and knn estimators) are the first 10,000 MNIST test images (784 columns). The knn
 * estimators compare every pair in both spaces, so their cost is dominated by n^2 (784 + d)
 * multiply-adds in double GEMMs, whatever d, unless their input cache holds the input side
 * ({@link KnnCacheBench} times them with and without it). The {@code quantized} estimator gets the
 * same activations on 256 levels, declared as a quantized layer's.
 */
final class EstimatorBench {
  private EstimatorBench() {}

  static final List<String> SPECS = List.of("binning:width=4", "binning:bins=30,range=0:10",
      "per-unit", "binning:bins=30,edges=quantile", "knn:k=3,variant=1,scale=none",
      "knn:k=3,variant=2,scale=none", "knn:k=3,variant=1,scale=sd");

  static void run(Map<String, String> o) throws IOException {
    int n = Integer.parseInt(o.getOrDefault("n", "10000"));
    int reps = Integer.parseInt(o.getOrDefault("reps", "7"));
    double budget = Double.parseDouble(o.getOrDefault("budget-seconds", "4"));
    int[] dims = io.ib.bench.common.ContenderLoop.intList(o.getOrDefault("dims", "10,100,256"));
    int knnPairs = Integer.parseInt(o.getOrDefault("knn-pairs", "3"));
    Dataset mnist = PrepareWorkload.loadMnist(o);
    INDArray inputs = mnist.test().features().get(
        org.nd4j.linalg.indexing.NDArrayIndex.interval(0, n),
        org.nd4j.linalg.indexing.NDArrayIndex.all()).dup();

    Set<String> specs = new LinkedHashSet<>(SPECS);
    List<Object> registry = new ArrayList<>();
    for (EstimatorProvider p : Estimators.providers()) {
      specs.add(p.name());
      registry.add(Map.of("name", p.name(), "usage", p.usage()));
    }
    List<Object> rows = new ArrayList<>();
    List<Object> knnCache = new ArrayList<>();
    for (int d : dims) {
      Set<String> done = new LinkedHashSet<>();
      SplittableRandom rng = new SplittableRandom(Long.hashCode(20240601L) + d);
      int[] labels = new int[n];
      double[][] mu = new double[10][d];
      for (int c = 0; c < 10; c++) {
        for (int j = 0; j < d; j++) {
          mu[c][j] = -2 + 6 * rng.nextDouble();
        }
      }
      float[] a = new float[n * d];
      for (int i = 0; i < n; i++) {
        labels[i] = rng.nextInt(10);
        for (int j = 0; j < d; j++) {
          a[i * d + j] = (float) Math.max(0, mu[labels[i]][j] + 2 * rng.nextGaussian());
        }
      }
      INDArray act = Nd4j.create(a, new long[] {n, d}, 'c');
      double[] copy = new double[Math.max(3, reps)];
      for (int r = 0; r < copy.length; r++) {
        LayerSample s = LayerSample.of("synthetic", act, labels, 10, inputs);
        long t0 = System.nanoTime();
        s.activationsAsFloats();
        copy[r] = (System.nanoTime() - t0) / 1e9;
      }
      rows.add(row("(LayerSample float copy)", d, n, copy, null, null));
      LayerSample sample = LayerSample.of("synthetic", act, labels, 10, inputs);
      sample.activationsAsFloats();
      LayerSample quantized = quantized(a, n, d, labels, inputs);
      for (String spec : specs) {
        MutualInformationEstimator est;
        try {
          est = Estimators.parse(spec);
        } catch (IllegalArgumentException e) {
          rows.add(row(spec, d, n, new double[0], null, "not available: " + e.getMessage()));
          continue;
        }
        if (!done.add(est.spec().toString())) {
          continue;
        }
        List<Double> times = new ArrayList<>();
        String result;
        LayerSample input = est.spec().name().equals("quantized") ? quantized : sample;
        try {
          if (est.spec().name().equals("knn") && knnPairs > 0) {
            knnCache.add(KnnCacheBench.run(est, input, knnPairs));
          }
          long w0 = System.nanoTime();
          var first = est.estimateAll(input);
          double warm = (System.nanoTime() - w0) / 1e9;
          result = first.get(0).estimator() + ": I(X;T)=" + String.format("%.3f", first.get(0).ixtBits())
              + " I(T;Y)=" + String.format("%.3f", first.get(0).ityBits()) + " bits";
          double spent = warm;
          while (times.size() < reps && (times.isEmpty() || spent + Stats.median(unbox(times)) < budget)) {
            long t0 = System.nanoTime();
            est.estimateAll(input);
            double dt = (System.nanoTime() - t0) / 1e9;
            times.add(dt);
            spent += dt;
          }
        } catch (RuntimeException e) {
          rows.add(row(spec, d, n, new double[0], null, "failed: " + e));
          continue;
        }
        rows.add(row(est.spec().toString(), d, n, unbox(times), result, null));
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("threads", Nd4jThreads.settings());
    out.put("registry", registry);
    out.put("estimators", rows);
    out.put("knnCache", knnCache);
    out.put("kernelPath", KernelPathBench.run(new int[] {2, 3, 5, 10},
        Integer.parseInt(o.getOrDefault("kernel-pairs", "3"))));
    Json.emitResult(out);
  }

  /**
   * The activations on 256 uniform levels over [0, their maximum] (the grid a network quantized to
   * 8 bits would give), declared so: what the {@code quantized} estimator counts on.
   */
  private static LayerSample quantized(float[] a, int n, int d, int[] labels, INDArray inputs) {
    float top = 0;
    for (float v : a) {
      top = Math.max(top, v);
    }
    UniformLevels levels = new UniformLevels(256, 0, top);
    double step = levels.step();
    float[] q = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      q[i] = (float) (Math.round(a[i] / step) * step);
    }
    INDArray act = Nd4j.create(q, new long[] {n, d}, 'c');
    LayerSample sample = LayerSample.of("synthetic-quantized", act, labels, 10, inputs)
        .onLevels(levels);
    sample.activationsAsFloats();
    return sample;
  }

  private static double[] unbox(List<Double> v) {
    return v.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static Map<String, Object> row(String spec, int d, int n, double[] times, String result,
      String note) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("spec", spec);
    r.put("d", d);
    r.put("n", n);
    r.put("calls", times.length);
    r.put("msMedian", Stats.median(times) * 1e3);
    r.put("msMin", Stats.min(times) * 1e3);
    r.put("msMax", Stats.max(times) * 1e3);
    r.put("result", result);
    r.put("note", note);
    return r;
  }
}
