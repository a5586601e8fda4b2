package io.ib.info;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The closed forms the validation relies on, against values known independently of them. */
class ClosedFormCasesTest {
  private static final double EULER = 0.57721566490153286061;

  @Test
  void gammaAndDigammaAtHalfIntegers() {
    assertEquals(0.5 * Math.log(Math.PI), ClosedFormCases.lnGammaHalf(1), 1e-15);
    assertEquals(0, ClosedFormCases.lnGammaHalf(2), 0);
    assertEquals(Math.log(3 * Math.sqrt(Math.PI) / 4), ClosedFormCases.lnGammaHalf(5), 1e-14);
    assertEquals(Math.log(6), ClosedFormCases.lnGammaHalf(8), 1e-14); // Gamma(4) = 3!
    assertEquals(-EULER, ClosedFormCases.psiHalf(2), 1e-15);
    assertEquals(-EULER - 2 * Math.log(2) + 2 + 2.0 / 3, ClosedFormCases.psiHalf(5), 1e-14);
    assertEquals(-EULER + 1 + 0.5, ClosedFormCases.psiHalf(6), 1e-14);
  }

  @Test
  void studentCorrectionMatchesScipyAndVanishesForManyDegreesOfFreedom() {
    // scipy.special: h(k, nu) = -gammaln((nu+k)/2) + gammaln(nu/2) + k/2 ln(nu pi)
    // + (nu+k)/2 (digamma((nu+k)/2) - digamma(nu/2)); c = 2 h(1, nu) - h(2, nu), as bmi's SplitStudentT.
    assertEquals(0.04241141065056997, ClosedFormCases.studentCorrectionNats(3, 1, 1), 1e-12);
    assertEquals(0.050757950906925586, ClosedFormCases.studentCorrectionNats(5, 2, 2), 1e-12);
    assertEquals(0.22417142752923613, ClosedFormCases.studentCorrectionNats(1, 1, 1), 1e-12);
    double c = ClosedFormCases.studentCorrectionNats(1000, 1, 1);
    assertTrue(c > 0 && c < 1e-5, "c = " + c);
  }

  @Test
  void normalCdf() {
    assertEquals(0.5, ClosedFormCases.NORMAL_CDF.applyAsDouble(0), 1e-7);
    assertEquals(0.8413447460685429, ClosedFormCases.NORMAL_CDF.applyAsDouble(1), 1e-7); // Phi(1)
    assertEquals(1 - 0.8413447460685429, ClosedFormCases.NORMAL_CDF.applyAsDouble(-1), 1e-7);
  }
}
