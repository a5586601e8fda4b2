package io.ib.train.internal;

/**
 * tanh in float as a rational function, for the Java training step of small networks
 * ({@link SmallStep}), where {@link Math#tanh} (not a JIT intrinsic) would cost more than the rest of
 * the step. The approximation is the one of the Eigen library (an odd polynomial of degree 13 over an
 * even one of degree 6 on [-9, 9], where float32 tanh reaches +-1): its relative error against the
 * exact tanh stays within a few float ulps (a test measures it). Only arithmetic, so the JIT can
 * vectorise loops over it.
 */
final class FastTanh {
  private FastTanh() {}

  static float tanh(float v) {
    // No branch (the loops over it vectorise): near 0 the ratio is x alpha_1 / beta_0, x (1 - 1.3e-7).
    float x = Math.max(-9f, Math.min(9f, v));
    float x2 = x * x;
    float p = -2.76076847742355e-16f;
    p = p * x2 + 2.00018790482477e-13f;
    p = p * x2 - 8.60467152213735e-11f;
    p = p * x2 + 5.12229709037114e-08f;
    p = p * x2 + 1.48572235717979e-05f;
    p = p * x2 + 6.37261928875436e-04f;
    p = p * x2 + 4.89352455891786e-03f;
    p = p * x;
    float q = 1.19825839466702e-06f;
    q = q * x2 + 1.18534705686654e-04f;
    q = q * x2 + 2.26843463243900e-03f;
    q = q * x2 + 4.89352518554385e-03f;
    return p / q;
  }
}
