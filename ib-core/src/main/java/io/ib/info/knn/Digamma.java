package io.ib.info.knn;

/** The digamma function at the integers, as a table. */
final class Digamma {
  /** The Euler-Mascheroni constant: psi(1) = -EULER. */
  static final double EULER = 0.57721566490153286061;

  private Digamma() {}

  /**
   * psi(m) for m = 1 .. n at index m (index 0 is NaN: psi has a pole at 0), by the recurrence
   * psi(m + 1) = psi(m) + 1/m from psi(1) = -EULER. Its rounding grows like m * 1e-16, far below
   * anything the estimators resolve.
   *
   * @param n largest argument, at least 1
   */
  static double[] table(int n) {
    double[] psi = new double[Math.max(n, 1) + 1];
    psi[0] = Double.NaN;
    psi[1] = -EULER;
    for (int m = 1; m < psi.length - 1; m++) {
      psi[m + 1] = psi[m] + 1.0 / m;
    }
    return psi;
  }
}
