package io.ib.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SoftmaxCrossEntropyTest {

  @Test
  void equalLogitsGiveLogOfClassCount() {
    for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
      INDArray logits = Nd4j.zeros(type, 4, 5).addi(3.0);
      INDArray grad = Nd4j.zeros(type, 4, 5);
      double loss = new SoftmaxCrossEntropy(4, 5).lossAndGradient(logits, new int[] {0, 1, 2, 3}, grad);
      assertEquals(Math.log(5), loss, 1e-12);
      for (int i = 0; i < 4; i++) {
        for (int j = 0; j < 5; j++) {
          double expected = (0.2 - (i == j ? 1 : 0)) / 4;
          assertEquals(expected, grad.getDouble(i, j), type == DataType.FLOAT ? 1e-8 : 1e-15);
        }
      }
      assertEquals(3.0, logits.getDouble(2, 2), 0, "logits are not changed");
    }
  }

  @Test
  void hugeLogitGapsStayFiniteInFloat() {
    // Row 0: the true class is 1000 nats below the maximum, loss = 1000 + log(1 + e^-1000 + e^-1005).
    // Row 1: loss = log(e^1 + e^2 + e^3) - 3.
    INDArray logits = Nd4j.createFromArray(new float[][] {{1000f, 0f, -5f}, {1f, 2f, 3f}});
    INDArray grad = Nd4j.zeros(DataType.FLOAT, 2, 3);
    double loss = new SoftmaxCrossEntropy(2, 3).lossAndGradient(logits, new int[] {1, 2}, grad);
    double row1 = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)) - 3;
    assertEquals((1000 + row1) / 2, loss, 1e-9);
    assertEquals(0.5, grad.getDouble(0, 0), 1e-7);
    assertEquals(-0.5, grad.getDouble(0, 1), 1e-7);
  }

  @Test
  void matchesTheDefinitionOnRandomLogits() {
    SplittableRandom rng = new SplittableRandom(4);
    int rows = 7;
    int classes = 4;
    double[][] z = new double[rows][classes];
    int[] y = new int[rows];
    for (int r = 0; r < rows; r++) {
      y[r] = rng.nextInt(classes);
      for (int j = 0; j < classes; j++) {
        z[r][j] = rng.nextGaussian() * 3;
      }
    }
    INDArray grad = Nd4j.zeros(DataType.DOUBLE, rows, classes);
    double loss = new SoftmaxCrossEntropy(rows, classes).lossAndGradient(Nd4j.createFromArray(z), y, grad);
    double expected = 0;
    for (int r = 0; r < rows; r++) {
      double sum = 0;
      for (double v : z[r]) {
        sum += Math.exp(v);
      }
      expected -= Math.log(Math.exp(z[r][y[r]]) / sum) / rows;
      for (int j = 0; j < classes; j++) {
        assertEquals((Math.exp(z[r][j]) / sum - (j == y[r] ? 1 : 0)) / rows, grad.getDouble(r, j), 1e-15);
      }
    }
    assertEquals(expected, loss, 1e-12);
    assertThrows(IllegalArgumentException.class, () -> new SoftmaxCrossEntropy(rows, classes)
        .lossAndGradient(Nd4j.createFromArray(z), new int[] {0, 1, 2, 3, 4, 0, 0}, grad));

    // The evaluation variant: the same loss without the gradient, and the argmax of each row, in
    // float (the evaluator's case) and double.
    for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
      INDArray logits = Nd4j.createFromArray(z).castTo(type);
      int[] predicted = new int[rows];
      double evalLoss = new SoftmaxCrossEntropy(rows, classes).lossAndPredictions(logits, y, predicted);
      assertEquals(expected, evalLoss, type == DataType.FLOAT ? 1e-6 : 1e-12);
      long[] argMax = logits.argMax(1).toLongVector();
      for (int r = 0; r < rows; r++) {
        assertEquals(argMax[r], predicted[r], "row " + r);
      }
    }
    int[] tie = new int[1];
    new SoftmaxCrossEntropy(1, 3).lossAndPredictions(
        Nd4j.createFromArray(new float[][] {{1, 5, 5}}), new int[] {0}, tie);
    assertEquals(1, tie[0]); // the first maximum, as argMax
  }
}
