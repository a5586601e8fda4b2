package io.ib.info.kernel;

import io.ib.info.EstimatorSpec;
import io.ib.info.InformationEstimate;
import io.ib.info.LayerSample;
import io.ib.info.MutualInformationEstimator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Pairwise-distance bounds on the information in a whole layer with added Gaussian noise
 * (Kolchinsky &amp; Tracey 2017, "Estimating mixture entropy with pairwise distances"; used by
 * Saxe et al. 2018, "On the information bottleneck theory of deep learning").
 *
 * <p><b>Model.</b> The layer's n samples t_i (rows of the n x d activations) plus noise
 * Z ~ N(0, s2 I): T + Z is an equal-weight mixture of n Gaussians N(t_i, s2 I). With
 * D_ij = |t_i - t_j|^2 (so D_ii = 0), the bound on I(X; T + Z) = H(T + Z) - H(Z) is
 * <pre>
 *   B_c = -(1/n) sum_i ln[ (1/n) sum_j exp(-D_ij / (c s2)) ]     nats, in [0, ln n]
 * </pre>
 * with c = 2 for the upper bound ({@link KernelBound#UPPER}, from the Kullback-Leibler divergence
 * between components) and c = 8 for the lower bound ({@link KernelBound#LOWER}, from the
 * Bhattacharyya distance): B_8 &le; I(X; T + Z) &le; B_2. Both depend on D / s2 only: scaling T by
 * a factor a is the same as dividing s2 by a^2.
 *
 * <p><b>Reported quantities</b>, converted to bits (nats / ln 2):
 * <ul>
 *   <li>{@code ixtBits} = B_c as above.
 *   <li>{@code ityBits} = B_c - sum_y p(y) B_c(y), where B_c(y) is the same expression on the n_y
 *       samples of class y alone (i and j both in class y, normalised by n_y) and p(y) = n_y / n;
 *       this is the same construction applied to I(T;Y) = H(T) - H(T|Y) with the noise entropy
 *       cancelling. <strong>A difference of bounds is not itself a bound</strong>: the "upper" and
 *       "lower" I(T;Y) values neither bracket the true I(T + Z; Y) nor are guaranteed to be
 *       ordered. Each is at most H(Y), and {@code ityBits <= hyBits} holds exactly: in exact
 *       arithmetic B_c - sum_y p(y) B_c(y) = H(Y) - (1/n) sum_i ln(S_i / S_i^y) (nats), with S_i
 *       the row's kernel sum over all samples and S_i^y over its own class, and S_i^y &le; S_i
 *       also in floating point (both are summed in the same order). The two means of n logarithms
 *       are rounded separately, though, so where S_i^y = S_i for every row (classes far apart,
 *       where the value is exactly H(Y)) their difference can land above H(Y) by rounding (up to
 *       about 1e-12 bits for n = 10,000); such values are set to {@code hyBits}. We know no proof
 *       that it is non-negative, though a random search over small configurations found no
 *       negative value.
 *   <li>{@code htBits} = NaN. The natural candidate, the differential entropy of T + Z, is
 *       (d/2) log2(2 pi e s2) + I: it depends on d, can be negative and is not comparable with the
 *       discrete H(T) of the binning estimators; its part above the noise entropy is
 *       {@code ixtBits} itself.
 * </ul>
 *
 * <p><b>Specs.</b> The estimator evaluates one or more noise variances s2 and one or both bounds in
 * a single pass over the distance blocks (the GEMM is shared). {@link #estimateAll} returns, for
 * each s2 in order, the upper then the lower bound, each named {@code kernel:bound=upper,s2=0.1} /
 * {@code kernel:bound=lower,s2=0.1}; {@link #estimate} returns the first of them. The estimator's
 * own spec is {@code kernel:s2=0.1} (both bounds), {@code kernel:bound=upper,s2=0.1} (one bound) or
 * {@code kernel:s2=0.01,0.1,1} (a resolution sweep); see {@link KernelProvider}.
 *
 * <p><b>Computation</b> (see the package notes): class-sorted row chunks, one double GEMM per chunk
 * pair I &le; J, float32 kernels, double accumulation; the blocks' working memory is bounded by a
 * memory budget that changes the block size, and the result only by rounding (not part of the
 * spec). Cost: n^2 d / 2 multiply-adds plus n^2 / 2 exponentials per s2. Activations are read as
 * float32 (the sample's shared copy) and must be finite. At small s2 the blocks of pairs whose
 * bounding boxes lie farther apart than c s2 (32 + ln n) are skipped before their distances are
 * computed ({@code PairPruning}: c = 8 if the lower bound is reported, else 2): every skipped
 * kernel is below e^-32 / n, so each I(X;T) moves by less than 1.9e-14 bits and each I(T;Y) by
 * less than 3.8e-14 bits, and S_i^y &le; S_i still holds. Layers of at most 16 units take no GEMM:
 * their pairs within reach are computed in Java with the GEMM's and ND4J's exp's bits, and only
 * pairs whose kernels are below the same bound are left out (see the package notes), so that the
 * Saxe et al. presets' narrow layers at s2 = 1e-3 cost a fraction of their n^2 pairs.
 *
 * <p>Immutable and thread-safe.
 */
public final class KernelEstimator implements MutualInformationEstimator {
  /**
   * The default noise variance s2, the value Saxe et al. (2018) used for MNIST-sized networks. It
   * is a scale knob relative to the activations, not a universal constant: sweep it
   * ({@code kernel:s2=0.01,0.1,1}).
   */
  public static final double DEFAULT_NOISE_VARIANCE = 0.1;

  /** Default bound on the distance blocks' working memory: 256 MiB. */
  public static final long DEFAULT_MEMORY_BUDGET_BYTES = 256L << 20;

  /**
   * System property that overrides {@link #DEFAULT_MEMORY_BUDGET_BYTES} (a positive number of
   * bytes) for estimators built without an explicit budget, including those built from specs.
   */
  public static final String MEMORY_BUDGET_PROPERTY = "ib.kernel.memoryBudgetBytes";

  /**
   * System property that, set to {@code false}, computes narrow layers by the distance blocks as
   * wide ones (the code before the narrow-layer path), for benchmarks and checks; the values differ
   * by rounding only (the package notes give the bound).
   */
  public static final String NEAR_PAIRS_PROPERTY = "ib.kernel.nearPairs";

  private final double[] noiseVariances;
  private final List<KernelBound> bounds;
  private final long memoryBudgetBytes;
  private final EstimatorSpec spec;
  private final List<EstimatorSpec> memberSpecs;

  private KernelEstimator(
      double[] noiseVariances, List<KernelBound> bounds, long memoryBudgetBytes) {
    if (noiseVariances.length == 0) {
      throw new IllegalArgumentException("estimator kernel needs at least one noise variance s2");
    }
    Set<String> seen = new HashSet<>();
    for (double s2 : noiseVariances) {
      if (!(s2 > 0) || Double.isInfinite(s2)) {
        throw new IllegalArgumentException("parameter s2 of estimator kernel must be a positive"
            + " finite noise variance, got " + s2);
      }
      if (!seen.add(EstimatorSpec.number(s2))) {
        throw new IllegalArgumentException("parameter s2 of estimator kernel lists a value twice: "
            + EstimatorSpec.number(s2));
      }
    }
    if (memoryBudgetBytes < 1) {
      throw new IllegalArgumentException("memory budget of estimator kernel must be positive, got "
          + memoryBudgetBytes + " bytes");
    }
    this.noiseVariances = noiseVariances.clone();
    this.bounds = List.copyOf(bounds);
    this.memoryBudgetBytes = memoryBudgetBytes;
    String s2Text = Arrays.stream(noiseVariances).mapToObj(EstimatorSpec::number)
        .collect(Collectors.joining(","));
    this.spec = this.bounds.size() == 1
        ? EstimatorSpec.of("kernel", "bound", this.bounds.get(0).specValue(), "s2", s2Text)
        : EstimatorSpec.of("kernel", "s2", s2Text);
    List<EstimatorSpec> members = new ArrayList<>();
    for (double s2 : noiseVariances) {
      for (KernelBound bound : this.bounds) {
        members.add(memberSpec(bound, s2));
      }
    }
    this.memberSpecs = List.copyOf(members);
  }

  /**
   * Both bounds at each noise variance: {@code kernel:s2=...}.
   *
   * @param noiseVariances s2 values, positive, finite and distinct; at least one
   * @throws IllegalArgumentException otherwise
   */
  public static KernelEstimator of(double... noiseVariances) {
    return new KernelEstimator(noiseVariances, List.of(KernelBound.UPPER, KernelBound.LOWER),
        defaultMemoryBudgetBytes());
  }

  /**
   * One bound at each noise variance: {@code kernel:bound=upper,s2=...} or {@code bound=lower}.
   *
   * @param bound which bound
   * @param noiseVariances s2 values, positive, finite and distinct; at least one
   * @throws IllegalArgumentException otherwise
   */
  public static KernelEstimator of(KernelBound bound, double... noiseVariances) {
    return new KernelEstimator(noiseVariances, List.of(Objects.requireNonNull(bound, "bound")),
        defaultMemoryBudgetBytes());
  }

  /**
   * A copy with another memory budget. It bounds the working memory of the distance blocks
   * ({@code PairwiseKernelSums.BYTES_PER_BLOCK_ELEMENT} = 20 bytes per block element, blocks of at
   * most 1024 x 1024, so at most 20 MiB are used by default); it changes results only by rounding.
   * Not counted: the two augmented double copies of the centred activations, 16 n (d + 2) bytes
   * off-heap (13 MB for n = 10,000 and d = 100), and the O(n) sums.
   *
   * @param bytes positive
   */
  public KernelEstimator withMemoryBudget(long bytes) {
    return new KernelEstimator(noiseVariances, bounds, bytes);
  }

  /**
   * The budget used when none is given: the system property {@value #MEMORY_BUDGET_PROPERTY} if
   * set, else {@link #DEFAULT_MEMORY_BUDGET_BYTES}.
   *
   * @throws IllegalArgumentException if the property is set but not a positive integer
   */
  public static long defaultMemoryBudgetBytes() {
    String text = System.getProperty(MEMORY_BUDGET_PROPERTY);
    if (text == null) {
      return DEFAULT_MEMORY_BUDGET_BYTES;
    }
    try {
      long value = Long.parseLong(text.trim());
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("system property " + MEMORY_BUDGET_PROPERTY
        + " must be a positive number of bytes, got '" + text + "'");
  }

  /** The noise variances s2, in spec order. */
  public double[] noiseVariances() {
    return noiseVariances.clone();
  }

  /** The bounds reported for each s2: upper then lower, or just one. */
  public List<KernelBound> bounds() {
    return bounds;
  }

  /** The memory budget in bytes. */
  public long memoryBudgetBytes() {
    return memoryBudgetBytes;
  }

  /** The spec of one member estimate, e.g. {@code kernel:bound=upper,s2=0.1}. */
  public static EstimatorSpec memberSpec(KernelBound bound, double noiseVariance) {
    return EstimatorSpec.of("kernel", "bound", bound.specValue(), "s2",
        EstimatorSpec.number(noiseVariance));
  }

  @Override
  public EstimatorSpec spec() {
    return spec;
  }

  /**
   * For each s2 in order, {@code kernel:bound=upper,s2=S} then {@code kernel:bound=lower,s2=S}, or
   * the one bound.
   */
  @Override
  public List<EstimatorSpec> memberSpecs() {
    return memberSpecs;
  }

  /** The first member: the first listed bound (upper if both) at the first s2. */
  @Override
  public InformationEstimate estimate(LayerSample sample) {
    return estimates(sample, new double[] {noiseVariances[0]}).get(0);
  }

  /** For each s2 in order, the upper then the lower bound (or the one bound), from one pass. */
  @Override
  public List<InformationEstimate> estimateAll(LayerSample sample) {
    return estimates(sample, noiseVariances);
  }

  private List<InformationEstimate> estimates(LayerSample sample, double[] s2) {
    PairwiseKernelSums.Terms[] terms = PairwiseKernelSums.compute(sample, s2, memoryBudgetBytes,
        bounds.contains(KernelBound.LOWER));
    double ln2 = Math.log(2);
    double hy = sample.labelEntropyBits();
    List<InformationEstimate> result = new ArrayList<>();
    for (int m = 0; m < s2.length; m++) {
      PairwiseKernelSums.Terms t = terms[m];
      for (KernelBound bound : bounds) {
        double h = bound == KernelBound.UPPER ? t.upperNats() : t.lowerNats();
        double hGivenY = bound == KernelBound.UPPER ? t.upperGivenYNats() : t.lowerGivenYNats();
        // Exactly, h - hGivenY <= H(Y): what lies above it is rounding (see the class notes).
        double ity = Math.min((h - hGivenY) / ln2, hy);
        result.add(new InformationEstimate(memberSpec(bound, s2[m]), h / ln2, ity, Double.NaN,
            sample.size(), hy));
      }
    }
    return result;
  }
}
