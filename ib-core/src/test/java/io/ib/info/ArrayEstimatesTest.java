package io.ib.info;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The array entry point: the estimators' own numbers, whatever form the arrays come in. */
class ArrayEstimatesTest {
  private static final int N = 200;
  private static final List<String> SPECS = List.of("binning:width=0.5", "kernel:s2=0.1",
      "knn:k=3", "digitize", "binning:bins=8,range=global");

  private static float[][] gaussian(long seed, int d) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[][] a = new float[N][d];
    for (float[] row : a) {
      for (int j = 0; j < d; j++) {
        row[j] = (float) rng.nextGaussian();
      }
    }
    return a;
  }

  private static int[] labels() {
    int[] y = new int[N];
    for (int i = 0; i < N; i++) {
      y[i] = i % 3;
    }
    return y;
  }

  private static INDArray matrix(float[][] a) {
    float[] flat = new float[a.length * a[0].length];
    for (int i = 0; i < a.length; i++) {
      System.arraycopy(a[i], 0, flat, i * a[0].length, a[0].length);
    }
    return Nd4j.create(flat, new long[] {a.length, a[0].length}, DataType.FLOAT);
  }

  private static double[][] doubles(float[][] a) {
    double[][] d = new double[a.length][a[0].length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[0].length; j++) {
        d[i][j] = a[i][j];
      }
    }
    return d;
  }

  @Test
  void givesWhatTheEstimatorGivesOnTheSameSampleInEveryForm() {
    float[][] x = gaussian(1, 4);
    float[][] t = gaussian(2, 3);
    int[] y = labels();
    LayerSample sample = LayerSample.of("T", matrix(t), y, 3, matrix(x));
    for (String spec : SPECS) {
      List<InformationEstimate> expected = Estimators.parse(spec).estimateAll(sample);
      assertEquals(expected, ArrayEstimates.of(t).withInputs(x).withLabels(y).estimate(spec), spec);
      assertEquals(expected, ArrayEstimates.of(matrix(t)).withInputs(matrix(x)).withLabels(y)
          .estimate(spec), spec);
      assertEquals(expected, ArrayEstimates.of(doubles(t)).withInputs(doubles(x)).withLabels(y)
          .estimate(Estimators.parse(spec)), spec);
    }
  }

  @Test
  void higherRanksAreFlattenedPerSampleAndVectorsAreOneColumn() {
    float[][] t = gaussian(3, 6);
    INDArray cube = matrix(t).reshape('c', N, 2, 3);
    assertEquals(ArrayEstimates.of(t).estimate("binning:width=0.5"),
        ArrayEstimates.of(cube).estimate("binning:width=0.5"));
    INDArray column = matrix(t).getColumn(0).dup();
    float[][] asRows = new float[N][1];
    for (int i = 0; i < N; i++) {
      asRows[i][0] = t[i][0];
    }
    assertEquals(1, column.rank());
    assertEquals(ArrayEstimates.of(asRows).estimate("binning:width=0.5"),
        ArrayEstimates.of(column).estimate("binning:width=0.5"));
  }

  @Test
  void withoutLabelsITyAndHyAreNaNAndIxtIsUnchanged() {
    float[][] x = gaussian(4, 2);
    float[][] t = gaussian(5, 2);
    for (String spec : SPECS) {
      List<InformationEstimate> with = ArrayEstimates.of(t).withInputs(x).withLabels(labels())
          .estimate(spec);
      List<InformationEstimate> without = ArrayEstimates.of(t).withInputs(x).estimate(spec);
      assertEquals(with.size(), without.size());
      for (int i = 0; i < with.size(); i++) {
        assertEquals(with.get(i).estimator(), without.get(i).estimator());
        // kernel sums over samples sorted by class: equal up to the order of a sum's terms.
        assertEquals(with.get(i).ixtBits(), without.get(i).ixtBits(), 1e-12, spec);
        assertEquals(with.get(i).htBits(), without.get(i).htBits(), 1e-12, spec);
        assertTrue(Double.isNaN(without.get(i).ityBits()), spec);
        assertTrue(Double.isNaN(without.get(i).hyBits()), spec);
      }
    }
    IllegalArgumentException shuffled = assertThrows(IllegalArgumentException.class,
        () -> ArrayEstimates.of(t).estimate("binning:width=1,labels=shuffled"));
    assertTrue(shuffled.getMessage().contains("needs labels"), shuffled.getMessage());
  }

  @Test
  void anEstimatorThatNeedsTheInputsSaysSo() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ArrayEstimates.of(gaussian(6, 2)).estimate("knn"));
    assertTrue(e.getMessage().contains("inputs X"), e.getMessage());
    assertEquals(1, ArrayEstimates.of(gaussian(6, 2)).estimate("binning").size());
  }

  @Test
  void shapeAndLabelMistakesAreNamed() {
    float[][] t = gaussian(7, 2);
    assertMessage("T has 200 rows but X has 199 rows",
        () -> ArrayEstimates.of(t).withInputs(java.util.Arrays.copyOf(t, 199)));
    assertMessage("T has 200 rows but there are 3 labels",
        () -> ArrayEstimates.of(t).withLabels(new int[] {0, 1, 0}));
    assertMessage("label 1 is -2", () -> ArrayEstimates.of(t).withLabels(negativeAt(1)));
    float[][] ragged = {{1, 2}, {3}};
    assertMessage("T is ragged: row 1 has 1 values, row 0 has 2", () -> ArrayEstimates.of(ragged));
    assertMessage("T has no rows", () -> ArrayEstimates.of(new float[0][]));
    assertMessage("X is a single value", () -> ArrayEstimates.of(t).withInputs(Nd4j.scalar(1f)));
    float[][] nan = gaussian(8, 2);
    nan[5][1] = Float.NaN;
    assertMessage("activation NaN at row 5, unit 1", () -> ArrayEstimates.of(nan).estimate("binning"));
  }

  private static int[] negativeAt(int i) {
    int[] y = labels();
    y[i] = -2;
    return y;
  }

  private static void assertMessage(String expected, Runnable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
