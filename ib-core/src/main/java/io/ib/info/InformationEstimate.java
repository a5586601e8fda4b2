package io.ib.info;

import java.util.Objects;

/**
 * The result of one estimator on one layer sample. All information quantities are in bits.
 *
 * @param estimator the estimator's name and parameters
 * @param ixtBits estimate of I(X;T), bits
 * @param ityBits estimate of I(T;Y), bits
 * @param htBits the entropy H(T) of the estimator's representation of T, bits; NaN where the
 *     estimator defines none (e.g. per-unit averages)
 * @param n number of samples the estimate used
 * @param hyBits plug-in entropy H(Y) of the sample's labels, bits: the ceiling of I(T;Y)
 */
public record InformationEstimate(
    EstimatorSpec estimator, double ixtBits, double ityBits, double htBits, int n, double hyBits) {
  public InformationEstimate {
    Objects.requireNonNull(estimator, "estimator");
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1, got " + n);
    }
  }

  /** log2 n, bits: the ceiling of I(X;T) for n distinct inputs and a deterministic network. */
  public double log2nBits() {
    return Entropy.log2(n);
  }
}
