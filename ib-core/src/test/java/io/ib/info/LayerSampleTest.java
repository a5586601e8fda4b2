package io.ib.info;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class LayerSampleTest {
  private static LayerSample sample(String layer, float[][] t) {
    return LayerSample.of(layer, Nd4j.createFromArray(t).castTo(DataType.FLOAT), new int[t.length],
        1);
  }

  @Test
  void finiteActivationsAreTheSharedCopy() {
    LayerSample s = sample("h", new float[][] {{1f, -2f}, {0f, 3.5f}});
    assertSame(s.activationsAsFloats(), s.finiteActivations());
    assertSame(s.finiteActivations(), s.finiteActivations());
  }

  @Test
  void theFirstNonFiniteActivationIsNamedByLayerRowUnitAndValue() {
    float nan = Float.NaN;
    float inf = Float.POSITIVE_INFINITY;
    // Row-major order: row 1, unit 2 (-inf) comes before row 2, unit 0 (NaN).
    LayerSample s = sample("hidden3",
        new float[][] {{1f, 2f, 3f}, {4f, 5f, -inf}, {nan, 0f, inf}});
    String expected = "layer hidden3 has activation -Infinity at row 1, unit 2: estimators need"
        + " finite activations";
    assertEquals(expected,
        assertThrows(IllegalArgumentException.class, s::finiteActivations).getMessage());
    // The outcome of the check is kept: a second call says the same.
    assertEquals(expected,
        assertThrows(IllegalArgumentException.class, s::finiteActivations).getMessage());
    LayerSample n = sample("out", new float[][] {{0f}, {nan}});
    assertEquals("layer out has activation NaN at row 1, unit 0: estimators need finite"
        + " activations",
        assertThrows(IllegalArgumentException.class, n::finiteActivations).getMessage());
  }
}
