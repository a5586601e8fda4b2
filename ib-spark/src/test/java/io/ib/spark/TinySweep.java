package io.ib.spark;

import io.ib.SyntheticData;
import io.ib.data.Dataset;
import io.ib.data.DatasetReference;
import io.ib.info.binning.FixedWidthBinning;
import io.ib.sweep.SweepConfig;
import io.ib.train.MeasurementSchedule;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A small sweep on Gaussian blobs, and the Spark engine to run it. */
final class TinySweep {
  /** The data, loadable from a serialised reference as an executor's task loads it. */
  record Blobs(int train, int test) implements DatasetReference {
    private static final long serialVersionUID = 1L;

    @Override
    public Dataset load() {
      return SyntheticData.blobs(train, test, 10, 3, 7);
    }
  }

  static final Blobs REFERENCE = new Blobs(640, 160);
  static final Dataset DATA = REFERENCE.load();

  private TinySweep() {}

  /** Widths x seeds 1, 2; one hidden layer of 12 before the bottleneck; batches of 16. */
  static SweepConfig config(List<Integer> widths, int epochs) {
    return SweepConfig.notebook()
        .withWidths(widths)
        .withHiddenBeforeBottleneck(List.of(12))
        .withSeeds(1L, 2L)
        .withEpochs(epochs)
        .withBatchSize(16)
        .withSchedule(new MeasurementSchedule(true, List.of(3), true))
        .withEstimators(List.of(new FixedWidthBinning(0.5)));
  }

  /** The engine as ib's command line makes it: by the provider, from options. */
  static SparkEngine engine(String master, String... settings) {
    Map<String, String> options = new HashMap<>();
    options.put("master", master);
    for (String kv : settings) {
      int eq = kv.indexOf('=');
      options.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    return new SparkEngineProvider().create(options);
  }
}
