package io.ib.info.knn;

/**
 * How the knn estimator scales each space (X and T) before comparing their distances in the
 * max-norm; see {@link KnnEstimator} ("Scale").
 */
public enum KnnScale {
  /** Raw Euclidean distances, as in Kraskov et al. (2004): {@code scale=none}. */
  NONE("none"),
  /**
   * Each space divided by the square root of its total variance (the sum of its columns'
   * population variances): {@code scale=sd}. A space whose points all coincide is left as it is.
   */
  SD("sd");

  private final String specValue;

  KnnScale(String specValue) {
    this.specValue = specValue;
  }

  /** The value in the spec: {@code none} or {@code sd}. */
  public String specValue() {
    return specValue;
  }

  /**
   * Parses a spec value.
   *
   * @throws IllegalArgumentException if it is neither {@code none} nor {@code sd}
   */
  public static KnnScale fromSpecValue(String value) {
    for (KnnScale s : values()) {
      if (s.specValue.equals(value)) {
        return s;
      }
    }
    throw new IllegalArgumentException("parameter scale of estimator knn must be none or sd, got '"
        + value + "'");
  }
}
