package org.example.ib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.InformationBottleneck;
import io.ib.data.Dataset;
import io.ib.data.LabelledData;
import io.ib.run.SavedRun;
import io.ib.sweep.SweepConfig;
import io.ib.sweep.SweepResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep of your own data with your estimator, written, and read back equal. */
class SmallSweepTest {
  @Test
  void aSweepWithTheEstimatorIsWrittenAndReadBack(@TempDir Path dir) throws IOException {
    Dataset data = new Dataset("two blobs", blobs(200, 1), blobs(60, 2), List.of());
    SweepConfig config = SweepConfig.notebook().withWidths(2, 3).withHiddenBeforeBottleneck(8)
        .withEpochs(2).withBatchSize(32).withEstimators(new WinnerEstimator());
    Path out = dir.resolve("run");
    SweepResult result = InformationBottleneck.sweep(config).on(data).writeTo(out).run();
    SavedRun saved = SavedRun.read(out);
    assertTrue(saved.manifest().isComplete());
    assertEquals(result.cells(), saved.results());
  }

  /** n samples of 4 features around one of two centres, the class. */
  private static LabelledData blobs(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] x = new float[n * 4];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = rng.nextInt(2);
      for (int j = 0; j < 4; j++) {
        x[i * 4 + j] = (float) ((y[i] == 0 ? -1 : 1) + rng.nextGaussian());
      }
    }
    return LabelledData.of(x, n, 4, y, 2);
  }
}
