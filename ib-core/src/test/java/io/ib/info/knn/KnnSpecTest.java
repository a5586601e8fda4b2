package io.ib.info.knn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ib.info.Estimators;
import io.ib.info.LayerSample;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Spec parsing, defaults and the errors of the knn estimator. */
class KnnSpecTest {
  @Test
  void defaultsAndParameters() {
    assertEquals("knn:k=3,variant=1,scale=none", Estimators.parse("knn").spec().toString());
    assertEquals("knn:k=5,variant=1,scale=none", Estimators.parse("knn:k=5").spec().toString());
    assertEquals("knn:k=2,variant=2,scale=sd",
        Estimators.parse("knn:scale=sd,variant=2,k=2").spec().toString());
    assertEquals(KnnScale.SD, ((KnnEstimator) Estimators.parse("knn:scale=sd")).scale());
    KnnEstimator e = (KnnEstimator) Estimators.parse("knn:k=7,variant=2");
    assertEquals(7, e.k());
    assertEquals(2, e.variant());
    assertTrue(Estimators.providers().stream().anyMatch(p -> p.name().equals("knn")));
  }

  @Test
  void invalidParametersAreRefusedWithTheirName() {
    for (String bad : new String[] {"knn:k=0", "knn:k=-1", "knn:k=1001", "knn:k=2.5",
        "knn:variant=3", "knn:variant=0", "knn:norm=max", "knn:scale=unit"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Estimators.parse(bad), bad);
      String param = bad.substring(4, bad.indexOf('='));
      assertTrue(e.getMessage().contains(param), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> KnnEstimator.of(3, 1).withMemoryBudget(0));
  }

  @Test
  void blocksFitTheBudgetAndAJavaArray() {
    assertEquals(209, NeighbourStatistics.blockRows(10_000, KnnEstimator.DEFAULT_MEMORY_BUDGET_BYTES));
    assertEquals(1, NeighbourStatistics.blockRows(10_000, 1));
    assertEquals(50, NeighbourStatistics.blockRows(50, Long.MAX_VALUE));
    int rows = NeighbourStatistics.blockRows(100_000, Long.MAX_VALUE);
    assertTrue((long) rows * 100_000 <= Integer.MAX_VALUE, "rows " + rows);
  }

  @Test
  void missingInputsAreRefused() {
    LayerSample noInputs =
        LayerSample.of("hidden2", Nd4j.rand(DataType.FLOAT, 20, 3), new int[20], 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KnnEstimator.defaults().estimate(noInputs));
    assertTrue(e.getMessage().contains("hidden2") && e.getMessage().contains("inputs"),
        e.getMessage());
  }

  @Test
  void tooFewSamplesAndNonFiniteInputsAreRefused() {
    LayerSample three = LayerSample.of("h", Nd4j.rand(DataType.FLOAT, 3, 2), new int[3], 1,
        Nd4j.rand(DataType.FLOAT, 3, 2));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KnnEstimator.of(3, 1).estimate(three));
    assertTrue(e.getMessage().contains("k = 3"), e.getMessage());
    KnnEstimator.of(2, 1).estimate(three); // 3 > k = 2: fine

    float[][] x = {{0f, 1f}, {1f, Float.POSITIVE_INFINITY}, {2f, 0f}, {3f, 1f}, {4f, 2f}};
    float[][] t = {{0f}, {1f}, {2f}, {3f}, {4f}};
    LayerSample bad = KnnSamples.of(x, t, new int[5], 1);
    e = assertThrows(IllegalArgumentException.class, () -> KnnEstimator.of(1, 1).estimate(bad));
    assertTrue(e.getMessage().contains("row 1, column 1"), e.getMessage());
  }
}
