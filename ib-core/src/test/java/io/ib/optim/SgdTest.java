package io.ib.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** SGD with momentum against PyTorch's rule written out in scalar arithmetic. */
class SgdTest {
  @Test
  void bothPathsFollowTheMomentumRule() {
    for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
      SgdSettings settings = new SgdSettings(0.1, 0.9);
      double[] theta = {0.3, -1.2, 2.0, 0.0};
      INDArray params = Nd4j.createFromArray(theta.clone()).castTo(type);
      Optimizer sgd = settings.create(params);
      double[] v = new double[theta.length];
      for (int t = 1; t <= 20; t++) {
        double[] g = new double[theta.length];
        for (int i = 0; i < g.length; i++) {
          g[i] = Math.cos(0.3 * t + i);
        }
        sgd.update(params, Nd4j.createFromArray(g.clone()).castTo(type));
        for (int i = 0; i < theta.length; i++) {
          v[i] = 0.9 * v[i] + g[i];
          theta[i] -= 0.1 * v[i];
        }
        double[] actual = params.toDoubleVector();
        // float: a few roundings per step of numbers below 10 accumulate over 20 steps
        double tolerance = type == DataType.DOUBLE ? 1e-12 : 20 * 8 * Math.ulp(10f);
        for (int i = 0; i < theta.length; i++) {
          assertEquals(theta[i], actual[i], tolerance, type + ", step " + t + ", parameter " + i);
        }
      }
      assertEquals(20, sgd.stepCount());
    }
  }

  @Test
  void withoutMomentumItIsGradientDescent() {
    INDArray params = Nd4j.createFromArray(1.0, 2.0);
    new SgdSettings(0.5, 0).create(params).update(params, Nd4j.createFromArray(4.0, -2.0));
    assertEquals(-1.0, params.getDouble(0), 0);
    assertEquals(3.0, params.getDouble(1), 0);
  }

  @Test
  void rejectsInvalidSettings() {
    assertThrows(IllegalArgumentException.class, () -> new SgdSettings(0, 0.9));
    assertThrows(IllegalArgumentException.class, () -> new SgdSettings(0.1, 1.0));
    assertThrows(IllegalArgumentException.class, () -> new SgdSettings(0.1, Double.NaN));
  }
}
