package io.ib.info;

/**
 * Creates estimators of one family from their parameters. Implementations are found with
 * {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/io.ib.info.EstimatorProvider} of your jar and it becomes usable by name,
 * from code ({@link Estimators#parse}) and from the command line ({@code --estimator NAME:...}).
 * Implementations need a public no-argument constructor.
 */
public interface EstimatorProvider {
  /** The family name, the part of the spec before ':' (lower-case, digits, hyphens). */
  String name();

  /** One line of syntax and meaning, shown by {@code --help}, e.g. {@code binning:width=W ...}. */
  String usage();

  /**
   * Builds an estimator.
   *
   * @param spec the parsed spec; its name equals {@link #name()}
   * @throws IllegalArgumentException if a parameter is unknown, missing or out of range (the message
   *     names it and gives the accepted values)
   */
  MutualInformationEstimator create(EstimatorSpec spec);
}
