package io.ib.info;

/**
 * The noise of a layer of a noisy network (Goldfeld et al., ICML 2019), T_l = S_l + Z_l with
 * Z_l ~ N(0, beta^2 I) independent of everything else and S_l = f_l(T_{l-1}) the layer's noiseless
 * output given the (noisy) layer below: what the sample-propagation estimator needs besides the
 * activations. A {@link LayerSample} carries one when its network is noisy
 * ({@link LayerSample#withNoise}); estimators that do not need it ignore it.
 *
 * <p>Draw k is one propagation of every input through the noisy layers below l, seeded by k alone:
 * {@link #centres}(k) are the n values S_l, one per input, of that propagation. For the first layer
 * S_1 = f_1(x) does not depend on the draw ({@link #fixedCentres()}); for deeper layers the draws of
 * one input are independent samples of S_l given X = x, so T_l given X = x is the Gaussian mixture
 * over them. Implementations must be deterministic (the same k, the same centres) and thread-safe.
 */
public interface NoisyLayer {
  /**
   * The noise's standard deviation beta, &gt; 0: in the units of the activations for additive noise,
   * of the factor for {@link #multiplicative()} noise.
   */
  double beta();

  /**
   * True for Gaussian dropout (Adilova et al., ICLR 2023): T_l = S_l (1 + beta eps) unit by unit,
   * eps ~ N(0, I), so T_l given S_l = s is N(s, beta^2 diag(s^2)); false (the default) for the
   * additive noise above.
   */
  default boolean multiplicative() {
    return false;
  }

  /**
   * The noiseless values S_l of propagation {@code draw}, row-major n x d (row i from input i).
   *
   * @param draw the propagation, &ge; 0
   * @return n * d values; do not modify
   */
  float[] centres(int draw);

  /** True if the centres are the same for every draw (S_l a function of X: the first layer). */
  boolean fixedCentres();
}
