package io.ib.bench.nd4j;

import io.ib.bench.common.Stats;
import io.ib.info.InformationEstimate;
import io.ib.info.LayerSample;
import io.ib.info.MutualInformationEstimator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The knn estimator with and without its input cache (the KSG input side computed once per
 * evaluation set), in the same JVM on the same sample: the uncached call is the library's code
 * before the cache (system properties {@code ib.knn.inputCacheBytes=0} and
 * {@code ib.knn.floatFilter=false}); the cached one (with the float filter, as configured) reads
 * the cache that the first cached call fills. Pairs alternate (uncached, cached), so a shared machine's
 * noise hits both alike; the ratio is paired. Every result is checked to be the uncached one bit
 * for bit. The amortised figure spreads the one filling call over the layer estimates of a default
 * sweep (5 widths x 14 measurements x 2 layers).
 */
final class KnnCacheBench {
  /** The property that sets the cache's limit (0: no cache), as the library reads it. */
  static final String LIMIT_PROPERTY = "ib.knn.inputCacheBytes";

  /** The property that turns the layer's float GEMM filter off ({@code false}). */
  static final String FILTER_PROPERTY = "ib.knn.floatFilter";

  /** Layer estimates of one knn estimator in the default sweep: 5 widths x 14 points x 2 layers. */
  static final int DEFAULT_SWEEP_ESTIMATES = 5 * 14 * 2;

  private static boolean filled;
  private static double fillSeconds = Double.NaN;

  private KnnCacheBench() {}

  /**
   * Times {@code pairs} alternating uncached and cached calls (after one of each untimed, the first
   * cached call of the run filling the cache, timed on its own) and returns the report row.
   */
  static Map<String, Object> run(MutualInformationEstimator est, LayerSample sample, int pairs) {
    String configured = System.getProperty(LIMIT_PROPERTY);
    String filter = System.getProperty(FILTER_PROPERTY);
    try {
      List<InformationEstimate> reference = uncached(est, sample, configured);
      if (!filled) {
        long t0 = System.nanoTime();
        check(reference, cached(est, sample, configured));
        fillSeconds = (System.nanoTime() - t0) / 1e9;
        filled = true;
      } else {
        check(reference, cached(est, sample, configured));
      }
      double[] plain = new double[pairs];
      double[] read = new double[pairs];
      double[] ratio = new double[pairs];
      for (int r = 0; r < pairs; r++) {
        long t0 = System.nanoTime();
        check(reference, uncached(est, sample, configured));
        long t1 = System.nanoTime();
        check(reference, cached(est, sample, configured));
        long t2 = System.nanoTime();
        plain[r] = (t1 - t0) / 1e9;
        read[r] = (t2 - t1) / 1e9;
        ratio[r] = plain[r] / read[r];
      }
      int m = DEFAULT_SWEEP_ESTIMATES;
      double amortised = (fillSeconds + (m - 1) * Stats.median(read)) / m;
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("spec", est.spec().toString());
      row.put("d", sample.width());
      row.put("pairs", pairs);
      row.put("uncachedMs", stats(plain));
      row.put("cachedMs", stats(read));
      row.put("ratio", stats(ratio, 1));
      row.put("fillMs", fillSeconds * 1e3);
      row.put("amortisedRatio", Stats.median(plain) / amortised);
      row.put("identical", true);
      return row;
    } finally {
      restore(configured);
      restore(FILTER_PROPERTY, filter);
    }
  }

  private static List<InformationEstimate> uncached(MutualInformationEstimator est,
      LayerSample sample, String configured) {
    String filter = System.getProperty(FILTER_PROPERTY);
    System.setProperty(LIMIT_PROPERTY, "0");
    System.setProperty(FILTER_PROPERTY, "false");
    try {
      return est.estimateAll(sample);
    } finally {
      restore(FILTER_PROPERTY, filter);
    }
  }

  private static List<InformationEstimate> cached(MutualInformationEstimator est,
      LayerSample sample, String configured) {
    restore(configured);
    return est.estimateAll(sample);
  }

  private static void restore(String configured) {
    restore(LIMIT_PROPERTY, configured);
  }

  private static void restore(String property, String configured) {
    if (configured == null) {
      System.clearProperty(property);
    } else {
      System.setProperty(property, configured);
    }
  }

  private static void check(List<InformationEstimate> expected, List<InformationEstimate> got) {
    for (int i = 0; i < expected.size(); i++) {
      InformationEstimate a = expected.get(i);
      InformationEstimate b = got.get(i);
      if (Double.doubleToLongBits(a.ixtBits()) != Double.doubleToLongBits(b.ixtBits())
          || Double.doubleToLongBits(a.ityBits()) != Double.doubleToLongBits(b.ityBits())) {
        throw new IllegalStateException("the cached knn estimate differs from the uncached one: "
            + a + " against " + b);
      }
    }
  }

  private static Map<String, Object> stats(double[] seconds) {
    return stats(seconds, 1e3);
  }

  static Map<String, Object> stats(double[] v, double unit) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("median", Stats.median(v) * unit);
    s.put("min", Stats.min(v) * unit);
    s.put("max", Stats.max(v) * unit);
    return s;
  }
}
