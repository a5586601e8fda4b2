package io.ib.info;

import java.util.List;

/**
 * Estimates I(X;T) and I(T;Y) of a whole layer T from its activations on an evaluation set.
 *
 * <p>Contract, checked by the abstract test class {@code io.ib.info.EstimatorContract} (in ib-core's
 * test jar), which the test of every built-in estimator extends and users extend for their own:
 * <ul>
 *   <li>Results are in <strong>bits</strong>.
 *   <li>T is the whole layer (a d-dimensional variable), never one unit at a time, unless the
 *       estimator says otherwise in its name (only {@code per-unit} does, to reproduce a notebook).
 *   <li>Stateless and thread-safe once built; no lifecycle. The same sample gives the same result.
 *   <li>{@link #spec()} names the estimator with every parameter that changes its results.
 *   <li>The sample is not modified. Invalid samples (NaN activations, missing inputs an estimator
 *       needs) give an {@link IllegalArgumentException} that says what is wrong.
 * </ul>
 */
public interface MutualInformationEstimator {
  /** Name and parameters; its text form is written into results. */
  EstimatorSpec spec();

  /**
   * Estimates the information quantities of one layer.
   *
   * @param sample the layer's activations, the labels and (optionally) the inputs
   * @return the estimate, in bits
   * @throws IllegalArgumentException if the sample cannot be estimated (message says why)
   */
  InformationEstimate estimate(LayerSample sample);

  /**
   * Every estimate this estimator produces for the sample. Most estimators produce one (the default
   * returns {@link #estimate}); an estimator family evaluated at several resolutions, or one that
   * yields an upper and a lower bound, returns one per member, each named by its own spec, computed
   * sharing the work on the sample. {@link #estimate} then returns the first of them.
   */
  default List<InformationEstimate> estimateAll(LayerSample sample) {
    return List.of(estimate(sample));
  }

  /**
   * The specs of the estimates {@link #estimateAll} returns, in the same order, known without
   * running it: {@code binning:width=1,2} names {@code binning:width=1} and {@code binning:width=2};
   * {@code kernel:s2=0.1} names {@code kernel:bound=upper,s2=0.1} and
   * {@code kernel:bound=lower,s2=0.1}. Each member spec names the rows of one estimate, so a list
   * of estimators whose member specs overlap would write the same rows twice; configurations use
   * this to refuse such lists before any work is done.
   *
   * <p>The default, {@code List.of(spec())}, is right for an estimator that yields one estimate. An
   * estimator that overrides {@link #estimateAll} to yield several must override this as well;
   * {@code EstimatorContract} checks that the two agree.
   *
   * @return one spec per estimate, in the order of {@link #estimateAll}, at least one
   */
  default List<EstimatorSpec> memberSpecs() {
    return List.of(spec());
  }

  /**
   * Whether a sweep applies this estimator to this layer of its network. The default, true, is
   * right for estimators of any layer; one that estimates only the noisy layer of a network (the
   * Gaussian-dropout estimator) says false for its other layers, which a sweep then leaves out
   * instead of failing. Calling {@link #estimateAll} on such a layer still fails, naming why.
   */
  default boolean measures(LayerSample sample) {
    return true;
  }
}
