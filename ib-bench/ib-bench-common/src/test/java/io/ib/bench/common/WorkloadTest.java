package io.ib.bench.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkloadTest {
  @TempDir Path dir;

  @Test
  void writesAndReadsBackEveryArray() throws IOException {
    int n = 5;
    int d = 3;
    int classes = 2;
    int hidden = 4;
    int width = 2;
    float[] trainX = new float[n * d];
    for (int i = 0; i < trainX.length; i++) {
      trainX[i] = i / 7f;
    }
    int[] trainY = {0, 1, 1, 0, 1};
    float[] testX = {0.5f, 0.25f, 1f, 0f, 0.125f, 0.75f};
    int[] testY = {1, 0};
    int paramCount = d * hidden + hidden + hidden * width + width + width * classes + classes;
    float[] params = new float[paramCount];
    for (int i = 0; i < paramCount; i++) {
      params[i] = -i;
    }
    Path file = dir.resolve("w.bin");
    Workload.write(file, new Workload.Spec(d, classes, 2, 2, hidden, new int[] {width},
        new int[] {0, 3, 6}, trainX, trainY, testX, testY,
        List.of(new int[] {4, 3, 2, 1, 0}, new int[] {0, 2, 4, 1, 3}), List.of(params)));

    Workload w = Workload.read(file);
    assertEquals(n, w.trainSize());
    assertEquals(2, w.testSize());
    assertEquals(3, w.stepsPerEpoch()); // ceil(5 / 2)
    assertArrayEquals(trainX, w.trainX());
    assertArrayEquals(trainY, w.trainY());
    assertArrayEquals(testX, w.testX());
    assertArrayEquals(testY, w.testY());
    assertArrayEquals(new int[] {0, 2, 4, 1, 3}, w.permutation(2));
    assertArrayEquals(new int[] {0, 3, 6}, w.measuredSteps());
    assertArrayEquals(params, w.initialParameters(width));
    float[][] layers = w.layers(width);
    assertEquals(d * hidden, layers[0].length);
    assertEquals(-(d * hidden), layers[1][0]); // b0 follows W0
    assertEquals(classes, layers[5].length);
    assertEquals(-(paramCount - 1), layers[5][classes - 1]);
  }

  @Test
  void medianOfEvenAndOddCounts() {
    assertEquals(2.0, Stats.median(new double[] {3, 1, 2}));
    assertEquals(2.5, Stats.median(new double[] {4, 1, 3, 2}));
  }
}
