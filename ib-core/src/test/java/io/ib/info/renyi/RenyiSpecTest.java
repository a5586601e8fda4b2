package io.ib.info.renyi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.info.Estimators;
import io.ib.info.LayerSample;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The renyi specs through the registry: defaults, canonical forms, messages that name the problem. */
class RenyiSpecTest {
  @Test
  void registeredWithEveryParameterInCanonicalOrder() {
    assertTrue(Estimators.providers().stream().anyMatch(p -> p instanceof RenyiProvider));
    assertInstanceOf(RenyiEstimator.class, Estimators.parse("renyi"));
    assertEquals("renyi:alpha=1.01,sigma=silverman,gamma=0.8,n=1000",
        Estimators.parse("renyi").spec().toString());
    assertEquals("renyi:alpha=1,sigma=silverman,gamma=0.5,n=300",
        Estimators.parse("renyi:n=300,gamma=0.50,alpha=1.0").spec().toString());
    assertEquals("renyi:alpha=2,sigma=0.25,n=1000",
        Estimators.parse("renyi:sigma=0.250,alpha=2").spec().toString());
    RenyiEstimator e = (RenyiEstimator) Estimators.parse("renyi:alpha=1.5,sigma=3,n=64");
    assertEquals(1.5, e.alpha());
    assertEquals(KernelWidth.fixed(3), e.width());
    assertEquals(64, e.rows());
  }

  @Test
  void mistakesNameTheParameter() {
    assertMessage("renyi:alpha=0.5", "alpha");
    assertMessage("renyi:alpha=x", "alpha");
    assertMessage("renyi:sigma=-1", "sigma");
    assertMessage("renyi:sigma=0", "sigma");
    assertMessage("renyi:sigma=scott", "sigma");
    assertMessage("renyi:gamma=0", "gamma");
    assertMessage("renyi:sigma=1,gamma=0.8", "gamma");
    assertMessage("renyi:n=0", "parameter n");
    assertMessage("renyi:n=" + (RenyiEstimator.MAX_ROWS + 1), "parameter n");
    assertMessage("renyi:k=3", "'k'");
  }

  private static void assertMessage(String spec, String fragment) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Estimators.parse(spec), spec);
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
  }

  /**
   * The bias floor {@code labels=shuffled} wraps the estimator: the labels do not enter I(X;T) or
   * S(T), so those stay equal; I(T;Y) stays at or above 0 and, as the sample's classes shift T's
   * means, falls below the unshuffled value (a check that the labels were shuffled at all).
   */
  @Test
  void shuffledLabelsGiveTheBiasFloorOfIty() {
    LayerSample s = RenyiPropertiesTest.randomSample(300, 4, 3, 2);
    var plain = Estimators.parse("renyi:n=200").estimate(s);
    var floor = Estimators.parse("renyi:n=200,labels=shuffled").estimate(s);
    assertEquals("renyi:alpha=1.01,sigma=silverman,gamma=0.8,n=200,labels=shuffled",
        floor.estimator().toString());
    assertEquals(plain.ixtBits(), floor.ixtBits(), 1e-12);
    assertEquals(plain.htBits(), floor.htBits(), 1e-12);
    assertTrue(floor.ityBits() >= -1e-9 && floor.ityBits() < plain.ityBits(), floor + " " + plain);
  }

  @Test
  void samplesWithoutInputsOrWithNonFiniteInputsAreRefused() {
    int n = 40;
    int[] labels = new int[n];
    INDArray t = Nd4j.rand(DataType.FLOAT, n, 3);
    LayerSample noInputs = LayerSample.of("hidden3", t, labels, 2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Estimators.parse("renyi").estimate(noInputs));
    assertTrue(e.getMessage().contains("inputs") && e.getMessage().contains("hidden3"),
        e.getMessage());
    INDArray x = Nd4j.rand(DataType.FLOAT, n, 5);
    x.putScalar(7, 2, Float.POSITIVE_INFINITY);
    LayerSample badInputs = LayerSample.of("hidden4", t, labels, 2, x);
    e = assertThrows(IllegalArgumentException.class,
        () -> Estimators.parse("renyi").estimate(badInputs));
    assertTrue(e.getMessage().contains("hidden4") && e.getMessage().contains("row 7"),
        e.getMessage());
  }
}
