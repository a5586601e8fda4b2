package io.ib.info;

import java.util.Objects;

/**
 * What a stored configuration names but no provider on the class path makes: it keeps the spec, so a
 * run made with a user's estimator stays readable, listable and reportable without that estimator's
 * class, and refuses to compute (only computing new values needs the class).
 */
final class UnavailableEstimator implements MutualInformationEstimator {
  private final EstimatorSpec spec;

  UnavailableEstimator(EstimatorSpec spec) {
    this.spec = Objects.requireNonNull(spec, "spec");
  }

  @Override
  public EstimatorSpec spec() {
    return spec;
  }

  @Override
  public InformationEstimate estimate(LayerSample sample) {
    throw new IllegalStateException(message(spec));
  }

  /** Why a stand-in cannot estimate, and what to do about it. */
  static String message(EstimatorSpec spec) {
    return "estimator " + spec + " is not on the class path: give the estimator to the sweep in code"
        + " (Sweep.using), or add the jar that provides it (ib --plugin JAR)";
  }

  @Override
  public String toString() {
    return spec + " (not available)";
  }
}
