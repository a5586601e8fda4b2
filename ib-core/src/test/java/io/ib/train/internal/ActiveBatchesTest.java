package io.ib.train.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.data.LabelledData;
import io.ib.train.BatchOrder;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** {@link MiniBatches#batch}: active columns of sparse data, all columns of dense data. */
class ActiveBatchesTest {
  private static final int N = 200;
  private static final int D = 300;

  @Test
  void sparseBatchesHoldExactlyTheirNonZeroColumns() {
    SplittableRandom rng = new SplittableRandom(3);
    float[] x = new float[N * D];
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < 150; j++) { // columns 150.. are always zero; about 1 in 10 of the rest
        if (rng.nextInt(10) == 0) {
          x[i * D + j] = (float) rng.nextDouble(-2, 2);
        }
      }
    }
    MiniBatches batches = new MiniBatches(LabelledData.of(x, N, D, new int[N], 2), DataType.FLOAT);
    assertTrue(batches.indexed());
    int[] order = new BatchOrder(N, 16, 9).permutation(1);
    for (MiniBatches b : new MiniBatches[] {batches, batches.forAnotherThread()}) {
      for (int from = 0; from < N; from += 16) {
        int rows = Math.min(16, N - from);
        InputBatch batch = b.batch(order, from, rows);
        INDArray dense = b.inputs(order, from, rows).dup();
        assertFalse(batch.isDense());
        assertEquals(dense, batch.toDense(), "rows from " + from);
        // Active = non-zero in some row of the batch, nothing else.
        float[] values = dense.ravel().toFloatVector();
        int expected = 0;
        for (int j = 0; j < D; j++) {
          boolean nonZero = false;
          for (int i = 0; i < rows; i++) {
            nonZero |= values[i * D + j] != 0;
          }
          if (nonZero) {
            assertEquals(j, batch.activeColumn(expected++));
          }
        }
        assertEquals(expected, batch.activeCount());
        long width = batch.values().columns();
        assertEquals(0, width % MiniBatches.WIDTH_STEP);
        assertTrue(width >= expected && width < expected + MiniBatches.WIDTH_STEP);
        // Padding columns are zero.
        float[] padded = batch.values().ravel().toFloatVector();
        for (int i = 0; i < rows; i++) {
          for (long j = expected; j < width; j++) {
            assertEquals(0f, padded[(int) (i * width + j)]);
          }
        }
      }
    }
  }

  @Test
  void denseDataAndWideBatchesKeepAllColumns() {
    float[] x = new float[N * D];
    for (int i = 0; i < x.length; i++) {
      x[i] = (i % 3 == 0) ? 0 : i; // two thirds non-zero: not indexed
    }
    MiniBatches dense = new MiniBatches(LabelledData.of(x, N, D, new int[N], 2), DataType.FLOAT);
    assertFalse(dense.indexed());
    int[] order = new BatchOrder(N, 16, 9).permutation(1);
    assertTrue(dense.batch(order, 0, 16).isDense());

    // Sparse overall, but every column is non-zero in some row of a big batch: all columns.
    float[] diagonal = new float[N * D];
    for (int i = 0; i < N; i++) {
      diagonal[i * D + (i * 7) % D] = 1;
      diagonal[i * D + (i * 11 + 3) % D] = 2;
    }
    MiniBatches sparse =
        new MiniBatches(LabelledData.of(diagonal, N, D, new int[N], 2), DataType.FLOAT);
    assertTrue(sparse.indexed());
    InputBatch all = sparse.batch(order, 0, N);
    assertTrue(all.isDense());
    assertArrayEquals(sparse.inputs(order, 0, N).ravel().toFloatVector(),
        all.values().ravel().toFloatVector());
    assertFalse(sparse.batch(order, 0, 4).isDense()); // 4 rows: at most 8 columns active
  }
}
