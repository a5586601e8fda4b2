package io.ib.train.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.nn.Activation;
import io.ib.nn.Mlp;
import io.ib.nn.MlpArchitecture;
import io.ib.nn.WeightInit;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A training step on a batch's active columns against the same step on all columns.
 *
 * <p>The inputs are 0, 1/2 or 1 and W_0 holds multiples of 2^-8 in [-1, 1], so every product x w is a
 * multiple of 2^-9 and every partial sum of X W_0 (at most 96 terms of magnitude at most 1) is exact
 * in float whatever the order of the sums. The forward passes, and so the loss and all later layers,
 * must then agree bit for bit. dL/dW_0 sums over the batch rows, in the same order in both paths, but
 * the GEMM may block it differently: each entry is held to the rounding bound of a float dot product
 * of length B, 2 gamma_B sum_i |x_i g_i| with gamma_B = B u / (1 - B u), u = 2^-24.
 */
class ActiveColumnsTest {
  private static final int INPUTS = 96;
  private static final int BATCH = 24;

  @Test
  void activeColumnsGiveTheDenseStepWithinRounding() {
    MlpArchitecture arch = new MlpArchitecture(INPUTS, List.of(16, 7), 5, Activation.RELU);
    Mlp model = quantizedFirstLayer(Mlp.initialize(arch, WeightInit.PYTORCH, 3, DataType.FLOAT));
    SplittableRandom rng = new SplittableRandom(11);
    StepBuffers active = new StepBuffers(model, BATCH);
    StepBuffers dense = new StepBuffers(model, BATCH);
    GradientViews activeGrad = new GradientViews(model);
    GradientViews denseGrad = new GradientViews(model);
    // Two batches of different active sets, the narrower second, reusing the same padded buffer.
    for (int[] activeSet : new int[][] {columns(rng, 40), columns(rng, 33)}) {
      float[] x = sparseBatch(rng, activeSet);
      INDArray denseX = Nd4j.create(x, new long[] {BATCH, INPUTS}, DataType.FLOAT);
      INDArray values = Nd4j.zeros(DataType.FLOAT, BATCH, 64); // padded to 64 columns
      for (int j = 0; j < activeSet.length; j++) {
        values.getColumn(j).assign(denseX.getColumn(activeSet[j]));
      }
      InputBatch batch = InputBatch.activeColumns(values, INPUTS, activeSet, activeSet.length);
      assertEquals(denseX, batch.toDense());
      int[] labels = rng.ints(BATCH, 0, 5).toArray();

      double lossActive = active.lossAndGradient(model, batch, labels, activeGrad);
      double lossDense = dense.lossAndGradient(model, denseX, labels, denseGrad);
      assertEquals(lossDense, lossActive, 0.0);
      float[] ga = activeGrad.flat().toFloatVector();
      float[] gd = denseGrad.flat().toFloatVector();
      int w0 = INPUTS * 16;
      assertArrayEquals(java.util.Arrays.copyOfRange(gd, w0, gd.length),
          java.util.Arrays.copyOfRange(ga, w0, ga.length), "b_0 and the later layers");
      float[] g0 = active.hiddenGrad[0].ravel().toFloatVector(); // dL/dZ_0, B x 16
      double u = Math.ulp(1.0f) / 2;
      double gamma = BATCH * u / (1 - BATCH * u);
      boolean[] isActive = new boolean[INPUTS];
      for (int c : activeSet) {
        isActive[c] = true;
      }
      for (int c = 0; c < INPUTS; c++) {
        for (int h = 0; h < 16; h++) {
          float a = ga[c * 16 + h];
          if (!isActive[c]) {
            assertEquals(0f, a, 0f, "inactive column " + c);
            continue;
          }
          double absSum = 0;
          for (int i = 0; i < BATCH; i++) {
            absSum += Math.abs(x[i * INPUTS + c] * (double) g0[i * 16 + h]);
          }
          assertEquals(gd[c * 16 + h], a, 2 * gamma * absSum, "dW_0[" + c + ", " + h + "]");
        }
      }
    }
  }

  @Test
  void aMatrixWithoutItsZeroColumnsGivesTheSameForwardPass() {
    MlpArchitecture arch = new MlpArchitecture(INPUTS, List.of(16, 7), 5, Activation.RELU);
    Mlp model = quantizedFirstLayer(Mlp.initialize(arch, WeightInit.PYTORCH, 4, DataType.FLOAT));
    SplittableRandom rng = new SplittableRandom(12);
    int[] activeSet = columns(rng, 50);
    INDArray x = Nd4j.create(sparseBatch(rng, activeSet), new long[] {BATCH, INPUTS}, DataType.FLOAT);
    InputBatch compact = InputBatch.withoutZeroColumns(x);
    assertEquals(50, compact.activeCount());
    assertEquals(50, compact.values().columns());
    assertEquals(x, compact.toDense());
    INDArray[] expected = model.forward(x);
    INDArray[] actual = PreparedPass.outputs(model, BATCH);
    PreparedPass.forward(model, compact, actual);
    for (int l = 0; l < expected.length; l++) {
      assertEquals(expected[l], actual[l], "layer " + l); // exact: see the class comment
    }
    // Dense enough (fewer than an eighth of the columns zero): kept whole.
    INDArray full = Nd4j.rand(DataType.FLOAT, 4, INPUTS).addi(0.5);
    assertTrue(InputBatch.withoutZeroColumns(full).isDense());
  }

  /** Where active columns cannot be used as such (here double precision) they are expanded. */
  @Test
  void doubleModelsTrainOnTheExpandedBatch() {
    MlpArchitecture arch = new MlpArchitecture(INPUTS, List.of(6), 3, Activation.TANH);
    Mlp model = Mlp.initialize(arch, WeightInit.PYTORCH, 5, DataType.DOUBLE);
    SplittableRandom rng = new SplittableRandom(13);
    int[] activeSet = columns(rng, 30);
    INDArray x = Nd4j.create(sparseBatch(rng, activeSet), new long[] {BATCH, INPUTS}, DataType.FLOAT)
        .castTo(DataType.DOUBLE);
    InputBatch compact = InputBatch.withoutZeroColumns(x);
    assertTrue(!compact.isDense());
    int[] labels = rng.ints(BATCH, 0, 3).toArray();
    GradientViews fromActive = new GradientViews(model);
    GradientViews fromDense = new GradientViews(model);
    double a = new StepBuffers(model, BATCH).lossAndGradient(model, compact, labels, fromActive);
    double d = new StepBuffers(model, BATCH).lossAndGradient(model, x, labels, fromDense);
    assertEquals(d, a, 0.0);
    assertEquals(fromDense.flat(), fromActive.flat());
  }

  @Test
  void activeColumnsMustIncreaseWithinRangeAndFitTheValues() {
    INDArray values = Nd4j.zeros(DataType.FLOAT, 2, 4);
    assertThrows(IllegalArgumentException.class,
        () -> InputBatch.activeColumns(values, 10, new int[] {3, 3}, 2));
    assertThrows(IllegalArgumentException.class,
        () -> InputBatch.activeColumns(values, 10, new int[] {1, 10}, 2));
    assertThrows(IllegalArgumentException.class,
        () -> InputBatch.activeColumns(values, 10, new int[] {0, 1, 2, 3, 4}, 5));
    assertThrows(IllegalArgumentException.class,
        () -> InputBatch.activeColumns(values, 3, new int[] {0}, 1)); // wider than the inputs
    InputBatch ok = InputBatch.activeColumns(values, 10, new int[] {2, 7}, 2);
    assertEquals(7, ok.activeColumn(1));
    assertTrue(!ok.isDense());
  }

  /** Strictly increasing random columns, {@code count} of them. */
  private static int[] columns(SplittableRandom rng, int count) {
    return rng.ints(0, INPUTS).distinct().limit(count).sorted().toArray();
  }

  /** Inputs 0, 1/2 or 1 in the given columns (each non-zero in some row), 0 elsewhere. */
  private static float[] sparseBatch(SplittableRandom rng, int[] activeSet) {
    float[] x = new float[BATCH * INPUTS];
    for (int c : activeSet) {
      for (int i = 0; i < BATCH; i++) {
        x[i * INPUTS + c] = rng.nextInt(3) / 2f;
      }
      x[rng.nextInt(BATCH) * INPUTS + c] = 1f;
    }
    return x;
  }

  /** The model with W_0 rounded to multiples of 2^-8 in [-1, 1]. */
  private static Mlp quantizedFirstLayer(Mlp model) {
    INDArray w0 = model.weight(0);
    float[] w = w0.dup().ravel().toFloatVector();
    for (int i = 0; i < w.length; i++) {
      w[i] = Math.max(-1f, Math.min(1f, Math.round(w[i] * 256f * 4) / 256f));
    }
    w0.assign(Nd4j.create(w, w0.shape(), DataType.FLOAT));
    return model;
  }
}
