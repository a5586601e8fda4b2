package io.ib.info.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Java exp against ND4J's, which the near-pair path relies on for the unpruned pass's kernels,
 * and the exp itself against the correctly rounded one: glibc's algorithm is within 0.502 ulp, so
 * the two differ by at most one ulp, and only near the midpoints between floats.
 */
class FloatExpTest {
  @Test
  void javaExpIsWithinOneUlpOfTheCorrectlyRoundedExp() {
    int last = Float.floatToRawIntBits(87f);
    long differ = 0;
    long checked = 0;
    for (int bits = 0; bits <= last; bits += 97) {
      float x = -Float.intBitsToFloat(bits);
      float exact = (float) Math.exp(x); // double exp is within 1 ulp of double: rounds right
      float ours = FloatExp.inJava(x);
      int ulps = Math.abs(Float.floatToRawIntBits(exact) - Float.floatToRawIntBits(ours));
      assertTrue(ulps <= 1, "exp(" + x + ") = " + ours + ", correctly rounded " + exact);
      differ += ulps;
      checked++;
    }
    // Arm's bound of 0.502 ulp leaves few results on the wrong side of a midpoint.
    assertTrue(differ < checked / 1000, differ + " of " + checked + " differ by one ulp");
  }

  @Test
  void whereTheSampleMatchesNd4jTheNearPairPathIsAvailable() {
    Assumptions.assumeTrue(FloatExp.javaMatchesNd4j(),
        "this machine's C library computes expf otherwise: the near-pair path is not used");
    float[] x = new float[1 << 16];
    for (int i = 0; i < x.length; i++) {
      x[i] = -69f * i / x.length;
    }
    float[] y = x.clone();
    new FloatExp(x.length).applyTo(y, y.length);
    for (int i = 0; i < x.length; i++) {
      assertEquals(Float.floatToRawIntBits(y[i]), Float.floatToRawIntBits(FloatExp.inJava(x[i])),
          "exp(" + x[i] + ")");
    }
  }

  /** Every float exponent the kernels take; about 80 s: mvn -Dib.test.excludedGroups=none runs it. */
  @Test
  @Tag("tables")
  void javaExpMatchesNd4jOnEveryFloatInMinus69To0() {
    Assumptions.assumeTrue(FloatExp.javaMatchesNd4j());
    int capacity = 1 << 24;
    FloatExp nd4j = new FloatExp(capacity);
    float[] x = new float[capacity];
    float[] y = new float[capacity];
    int last = Float.floatToRawIntBits(69f);
    long mismatches = 0;
    for (int start = 0; start <= last; start += capacity) {
      int count = (int) Math.min(capacity, (long) last - start + 1);
      for (int k = 0; k < count; k++) {
        x[k] = -Float.intBitsToFloat(start + k);
      }
      System.arraycopy(x, 0, y, 0, count);
      nd4j.applyTo(y, count);
      for (int k = 0; k < count; k++) {
        mismatches += FloatExp.inJava(x[k]) == y[k] ? 0 : 1;
      }
    }
    assertEquals(0, mismatches);
  }
}
