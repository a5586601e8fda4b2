package io.ib.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SoftmaxCrossEntropyTest {

  @Test
  void equalLogitsGiveLogOfClassCount() {
    INDArray logits = Nd4j.zeros(DataType.DOUBLE, 4, 5).addi(3.0);
    INDArray oneHot = Nd4j.zeros(DataType.DOUBLE, 4, 5);
    for (int i = 0; i < 4; i++) {
      oneHot.putScalar(i, i, 1.0);
    }
    INDArray grad = Nd4j.zeros(DataType.DOUBLE, 4, 5);
    double loss = SoftmaxCrossEntropy.lossAndGradient(logits, oneHot, grad,
        Nd4j.zeros(DataType.DOUBLE, 4), Nd4j.zeros(DataType.DOUBLE, 4));
    assertEquals(Math.log(5), loss, 1e-12);
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 5; j++) {
        double expected = (0.2 - (i == j ? 1 : 0)) / 4;
        assertEquals(expected, grad.getDouble(i, j), 1e-12);
      }
    }
  }

  @Test
  void hugeLogitGapsStayFiniteInFloat() {
    // Row 0: the true class is 1000 nats below the maximum, loss = 1000 + log(1 + e^-1000 + e^-1005).
    // Row 1: loss = log(e^1 + e^2 + e^3) - 3.
    INDArray logits = Nd4j.createFromArray(new float[][] {{1000f, 0f, -5f}, {1f, 2f, 3f}});
    INDArray oneHot = Nd4j.createFromArray(new float[][] {{0f, 1f, 0f}, {0f, 0f, 1f}});
    INDArray grad = Nd4j.zeros(DataType.FLOAT, 2, 3);
    double loss = SoftmaxCrossEntropy.lossAndGradient(logits, oneHot, grad,
        Nd4j.zeros(DataType.FLOAT, 2), Nd4j.zeros(DataType.FLOAT, 2));
    double row1 = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)) - 3;
    assertEquals((1000 + row1) / 2, loss, 1e-3);
    assertEquals(0.5, grad.getDouble(0, 0), 1e-6);
    assertEquals(-0.5, grad.getDouble(0, 1), 1e-6);
  }
}
