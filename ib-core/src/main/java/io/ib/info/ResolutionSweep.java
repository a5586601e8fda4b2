package io.ib.info;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One estimator family at several resolutions (bin widths, bin counts, noise variances), evaluated
 * together on the same sample: {@code binning:width=0.1,0.5,1,2} yields one estimate per width, each
 * named by its own spec ({@code binning:width=0.1}, ...). The members share the sample's single
 * primitive copy of the activations. Built by the providers when a parameter holds a list.
 */
public class ResolutionSweep implements MutualInformationEstimator {
  private final EstimatorSpec spec;
  private final List<MutualInformationEstimator> members;
  private final List<EstimatorSpec> memberSpecs;

  /**
   * @param spec the spec with the list, e.g. {@code binning:width=0.1,0.5}
   * @param members one estimator per resolution, in list order, at least one
   */
  public ResolutionSweep(EstimatorSpec spec, List<MutualInformationEstimator> members) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.members = List.copyOf(members);
    if (this.members.isEmpty()) {
      throw new IllegalArgumentException("a resolution sweep needs at least one member");
    }
    this.memberSpecs = this.members.stream().flatMap(m -> m.memberSpecs().stream()).toList();
  }

  /** The member estimators, one per resolution. */
  public List<MutualInformationEstimator> members() {
    return members;
  }

  @Override
  public EstimatorSpec spec() {
    return spec;
  }

  /** The first member's estimate. */
  @Override
  public InformationEstimate estimate(LayerSample sample) {
    return members.get(0).estimate(sample);
  }

  /** The member specs of every member, in member order. */
  @Override
  public List<EstimatorSpec> memberSpecs() {
    return memberSpecs;
  }

  @Override
  public List<InformationEstimate> estimateAll(LayerSample sample) {
    List<InformationEstimate> result = new ArrayList<>();
    for (MutualInformationEstimator m : members) {
      result.addAll(m.estimateAll(sample));
    }
    return result;
  }

  /**
   * Expands a spec whose parameter {@code key} may hold a list into one estimator per item, built by
   * {@code single} from the spec with that single item; a plain value gives the single estimator
   * itself.
   */
  public static MutualInformationEstimator expand(EstimatorSpec spec, String key,
      java.util.function.Function<EstimatorSpec, MutualInformationEstimator> single) {
    List<String> items = spec.list(key);
    if (items.size() <= 1) {
      return single.apply(spec);
    }
    if (items.stream().distinct().count() != items.size()) {
      throw new IllegalArgumentException("parameter " + key + " of estimator " + spec.name()
          + " lists a value twice: " + spec.get(key).orElseThrow());
    }
    List<MutualInformationEstimator> members = new ArrayList<>();
    for (String item : items) {
      members.add(single.apply(spec.with(key, item)));
    }
    boolean ranged = members.stream().allMatch(m -> m instanceof RangeBasedEstimator);
    return ranged ? new RangeBased(spec, members) : new ResolutionSweep(spec, members);
  }

  /** A sweep of range-based members is range-based itself: the range goes to every member. */
  private static final class RangeBased extends ResolutionSweep implements RangeBasedEstimator {
    RangeBased(EstimatorSpec spec, List<MutualInformationEstimator> members) {
      super(spec, members);
    }

    @Override
    public MutualInformationEstimator withRange(double lo, double hi) {
      List<MutualInformationEstimator> resolved = new ArrayList<>();
      for (MutualInformationEstimator m : members()) {
        resolved.add(((RangeBasedEstimator) m).withRange(lo, hi));
      }
      return new ResolutionSweep(spec(), resolved);
    }
  }
}
