package io.ib.info;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * An estimator's bias floor: the same estimator on the same activations with the labels permuted,
 * I(T; permuted Y). The true value is 0 (the permutation breaks every dependence on Y while keeping
 * H(Y)), so what the estimator reports is its bias at this sample size and resolution; an I(T;Y)
 * near its floor says nothing. Spec: the estimator's own spec with {@code labels=shuffled}, e.g.
 * {@code binning:width=4,labels=shuffled}; rows carry that spec, beside the estimator's own.
 *
 * <p>The permutation is fixed (a Fisher-Yates shuffle seeded with {@value #SEED}), the same at every
 * measurement, so floors of different epochs and widths are comparable and results repeat. I(X;T)
 * of the baseline equals the estimator's own (inputs and activations are unchanged).
 */
public class ShuffledLabels implements MutualInformationEstimator {
  /** The parameter that asks for the baseline. */
  public static final String PARAMETER = "labels";
  /** Its value. */
  public static final String VALUE = "shuffled";
  /** Seed of the permutation. */
  public static final long SEED = 20180319L;

  final MutualInformationEstimator inner;

  ShuffledLabels(MutualInformationEstimator inner) {
    this.inner = Objects.requireNonNull(inner, "inner");
  }

  /**
   * The baseline of an estimator; a range-based estimator stays range-based.
   *
   * @throws IllegalArgumentException if {@code inner} is a baseline already
   */
  public static MutualInformationEstimator of(MutualInformationEstimator inner) {
    if (inner instanceof ShuffledLabels || inner.spec().get(PARAMETER).isPresent()) {
      throw new IllegalArgumentException("estimator " + inner.spec() + " already has "
          + PARAMETER + "=" + VALUE);
    }
    return inner instanceof RangeBasedEstimator ranged ? new Ranged(ranged)
        : new ShuffledLabels(inner);
  }

  /**
   * Each estimator followed by its baseline, for a run that reports every floor.
   *
   * @throws IllegalArgumentException if the list holds a baseline already
   */
  public static List<MutualInformationEstimator> withBaselines(
      List<MutualInformationEstimator> estimators) {
    List<MutualInformationEstimator> result = new ArrayList<>();
    for (MutualInformationEstimator e : estimators) {
      result.add(e);
      result.add(of(e));
    }
    return result;
  }

  /** The estimator whose floor this is. */
  public MutualInformationEstimator inner() {
    return inner;
  }

  @Override
  public EstimatorSpec spec() {
    return inner.spec().with(PARAMETER, VALUE);
  }

  @Override
  public List<EstimatorSpec> memberSpecs() {
    return inner.memberSpecs().stream().map(s -> s.with(PARAMETER, VALUE)).toList();
  }

  @Override
  public InformationEstimate estimate(LayerSample sample) {
    return estimateAll(sample).get(0);
  }

  @Override
  public List<InformationEstimate> estimateAll(LayerSample sample) {
    List<InformationEstimate> result = new ArrayList<>();
    for (InformationEstimate e : inner.estimateAll(sample.withLabels(permuted(sample.labels())))) {
      result.add(new InformationEstimate(e.estimator().with(PARAMETER, VALUE), e.ixtBits(),
          e.ityBits(), e.htBits(), e.n(), e.hyBits()));
    }
    return result;
  }

  /** The labels in the fixed shuffled order. */
  static int[] permuted(int[] labels) {
    int[] result = labels.clone();
    SplittableRandom rng = new SplittableRandom(SEED);
    for (int i = result.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = result[i];
      result[i] = result[j];
      result[j] = t;
    }
    return result;
  }

  /** The baseline of a range-based estimator: the range is fixed on the inner estimator. */
  private static final class Ranged extends ShuffledLabels implements RangeBasedEstimator {
    Ranged(RangeBasedEstimator inner) {
      super(inner);
    }

    @Override
    public MutualInformationEstimator withRange(double lo, double hi) {
      return new ShuffledLabels(((RangeBasedEstimator) inner).withRange(lo, hi));
    }
  }
}
