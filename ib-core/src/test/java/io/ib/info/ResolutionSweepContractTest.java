package io.ib.info;

/**
 * The estimator contract for a resolution sweep of range-based members,
 * {@code binning:bins=4,8,range=global}: one estimate per bin count, and {@code withRange} passes
 * the range to every member.
 */
class ResolutionSweepContractTest extends EstimatorContract {
  @Override
  protected MutualInformationEstimator estimator() {
    return Estimators.parse("binning:bins=4,8,range=global");
  }
}
