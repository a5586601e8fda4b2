package io.ib.info.kernel;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * The row sums of {@link PairwiseKernelSums} for narrow layers (at most {@value #MAX_UNITS} units)
 * from the pairs that can contribute: Java loops over the pairs of {@link PairPruning}'s kept leaf
 * pairs, with small leaves ({@value #LEAF_ROWS} rows), instead of one GEMM per block of all pairs.
 * At the small noise variances of Saxe et al. (s2 = 1e-3) most pairs of a narrow tanh layer lie
 * too far apart to contribute, and a block's GEMM, its pass over every exponent and the double sums
 * of every pair cost far more than the few pairs that matter.
 *
 * <p><b>Same kernels.</b> A pair's distance is the dot product of the augmented rows of {@link
 * ClassSortedChunk} (-2 a.b over d + 2 columns), accumulated by fused multiply-adds in column
 * order: on x86 with FMA that is what OpenBLAS's double GEMM computes for each element, bit for bit
 * (checked for d = 2 to 30 against ND4J's GEMM, every element equal). Each pair takes the
 * orientation the unpruned chunks give it (the row of the earlier chunk on the left; within a chunk
 * each row its own), so its exponent is the unpruned pass's, and its kernel too: the exp is
 * {@link FloatExp#inJava}, ND4J's function. This path is used only where both hold: the JVM
 * compiles fused multiply-adds to the processor's instruction and the Java exp matches ND4J's on
 * {@link FloatExp#javaMatchesNd4j}'s sample; elsewhere the blocks of PairwiseKernelSums run.
 *
 * <p><b>Skipped pairs.</b> Besides the leaf pairs PairPruning skips, a pair is left out when its
 * kernel for every reported bound is at most e^-L, L = {@value PairPruning#TAIL_NATS} + ln n (the
 * lower-bound exponent -D / (8 s2) at most -L, or at most -L / 4 when only the upper bound, the
 * fourth power, is reported). A row sum S_i &ge; 1 (its own term) then loses less than
 * (n - 1) e^-L &lt; e^-32 of its mass, the bound PairPruning states; the class-restricted sums lose
 * a subset of the same terms, and every kept term is added to a total and, for the same class, to
 * the class sum in the same order, so S_i^y &le; S_i still holds. The sums run in another order than
 * the unpruned blocks', which moves a row sum by a few ulps.
 *
 * <p><b>Layout.</b> Rows are in the plan's order (class-major, leaves of one class each). Row i is
 * taken against each leaf b whose box lies within reach of the point: the dot products run over
 * the leaf's rows in the inner loop (the leaf's values are stored unit-major), and each kept pair's
 * kernel is added to row i's sums and to the other row's. A leaf holds one class, so whether a
 * pair adds to the class sums is decided once per leaf.
 *
 * <p>Cost: the leaf plan, about d + 2 fused multiply-adds per pair of a leaf within reach, and an
 * exp and eight additions per kept pair.
 */
final class NearPairKernelSums {
  /** The widest layer this path takes: the box coordinates of PairPruning are then all units. */
  static final int MAX_UNITS = PairPruning.MAX_BOX_COORDINATES;

  /**
   * Rows per leaf. No ND4J call is made per leaf, and each row is checked against each leaf's box
   * before its pairs are computed, so leaves can be small; on the Saxe preset's layers 64 and 128
   * ran alike, 16 and 32 10 to 35 % slower.
   */
  static final int LEAF_ROWS = 64;

  private static final boolean FUSED = usesFusedMultiplyAdd();

  private final int d;
  // Centred values, row-major, in the plan's order.
  private final double[] rows;
  // The same, each leaf's block transposed (unit-major), so the inner loop runs over a leaf's rows.
  private final double[] columns;
  // -|x|^2 / 2 of each row: the augmented rows' last two products.
  private final double[] halfNorm;
  private final double[] dot = new double[LEAF_ROWS];
  private final float[] rowSide = new float[LEAF_ROWS];
  private final float[] columnSide = new float[LEAF_ROWS];
  private final int[] chunk;
  // The first and last chunk of each leaf's rows.
  private final int[] lowChunk;
  private final int[] highChunk;
  private final int[] labels;
  private final float[] scale;
  private final float[] cut;
  private final double[][] totalLower;
  private final double[][] sameLower;
  private final double[][] totalUpper;
  private final double[][] sameUpper;

  private NearPairKernelSums(float[] values, int d, double[] mean, PairPruning plan, int[] chunk,
      int[] labels, float[] scale, float[] cut, double[][][] sums) {
    int n = plan.order.length;
    int w = d + 2;
    this.d = d;
    this.rows = new double[n * d];
    this.columns = new double[n * d];
    this.halfNorm = new double[n];
    double[] left = new double[w];
    double[] right = new double[w];
    int[] bounds = plan.bounds;
    for (int b = 0; b + 1 < bounds.length; b++) {
      int size = bounds[b + 1] - bounds[b];
      for (int r = bounds[b]; r < bounds[b + 1]; r++) {
        ClassSortedChunk.augment(values, d, mean, plan.order[r], left, right, 0);
        System.arraycopy(left, 0, rows, r * d, d);
        for (int u = 0; u < d; u++) {
          columns[bounds[b] * d + u * size + r - bounds[b]] = left[u];
        }
        halfNorm[r] = right[d + 1];
      }
    }
    this.chunk = chunk;
    this.lowChunk = new int[bounds.length - 1];
    this.highChunk = new int[bounds.length - 1];
    for (int b = 0; b + 1 < bounds.length; b++) {
      lowChunk[b] = Integer.MAX_VALUE;
      for (int r = bounds[b]; r < bounds[b + 1]; r++) {
        lowChunk[b] = Math.min(lowChunk[b], chunk[r]);
        highChunk[b] = Math.max(highChunk[b], chunk[r]);
      }
    }
    this.labels = labels;
    this.scale = scale;
    this.cut = cut;
    this.totalLower = sums[0];
    this.sameLower = sums[1];
    this.totalUpper = sums[2];
    this.sameUpper = sums[3];
  }

  /**
   * Whether this path gives the unpruned pass's kernels here (fused multiply-adds compiled to the
   * processor's instruction, and the Java exp equal to ND4J's) and is not turned off by
   * {@link KernelEstimator#NEAR_PAIRS_PROPERTY}.
   */
  static boolean available() {
    return FUSED && !"false".equals(System.getProperty(KernelEstimator.NEAR_PAIRS_PROPERTY))
        && FloatExp.javaMatchesNd4j();
  }

  /**
   * Adds every kept pair's kernels (and each row's own term, 1) to the sums [m][r], rows r in the
   * plan's order.
   *
   * @param values n x d activations, row-major, in the sample's order
   * @param d units, 1 to {@value #MAX_UNITS}
   * @param mean the column means
   * @param plan the leaf plan, its order being the rows' order
   * @param chunk the unpruned layout's chunk of each row: it decides each pair's orientation
   * @param labels the class of each row
   * @param noiseVariances s2 values
   * @param lowerNeeded whether the lower bound's sums must hold (else only the upper bound's)
   */
  static void accumulate(float[] values, int d, double[] mean, PairPruning plan, int[] chunk,
      int[] labels, double[] noiseVariances, boolean lowerNeeded, double[][] totalLower,
      double[][] sameLower, double[][] totalUpper, double[][] sameUpper) {
    int n = plan.order.length;
    int k = noiseVariances.length;
    double tail = PairPruning.TAIL_NATS + Math.log(n);
    float[] scale = new float[k];
    float[] cut = new float[k];
    for (int m = 0; m < k; m++) {
      scale[m] = (float) (-1.0 / (8.0 * noiseVariances[m]));
      cut[m] = (float) (lowerNeeded ? -tail : -tail / 4);
      for (double[][] sums : new double[][][] {totalLower, sameLower, totalUpper, sameUpper}) {
        for (int r = 0; r < n; r++) {
          sums[m][r] += 1; // each row's own term, exp(0)
        }
      }
    }
    new NearPairKernelSums(values, d, mean, plan, chunk, labels, scale, cut,
        new double[][][] {totalLower, sameLower, totalUpper, sameUpper}).run(plan);
  }

  private void run(PairPruning plan) {
    int[] bounds = plan.bounds;
    int leaves = bounds.length - 1;
    for (int a = 0; a < leaves; a++) {
      for (int b = a; b < leaves; b++) {
        if (plan.computes(a, b)) {
          for (int i = bounds[a]; i < bounds[a + 1]; i++) {
            if (a == b || !(gapSquared(i, plan, b) > plan.threshold)) {
              pairs(i, b, bounds[b], bounds[b + 1], a == b ? i + 1 - bounds[b] : 0);
            }
          }
        }
      }
    }
  }

  /**
   * The squared distance from row i to leaf b's box, a lower bound on its distance to every row of
   * the leaf (the box coordinates are all units here).
   */
  private double gapSquared(int i, PairPruning plan, int b) {
    double sum = 0;
    int oi = i * d;
    int ob = b * d;
    for (int u = 0; u < d; u++) {
      double x = rows[oi + u];
      double gap = Math.max(plan.low[ob + u] - x, x - plan.high[ob + u]);
      sum += gap > 0 ? gap * gap : 0;
    }
    return sum;
  }

  /**
   * Row i against the rows [from, to) of leaf b, the pairs (i, from + q) for q &ge; first. The dot
   * products of the centred values are summed by fused multiply-adds in unit order, as a GEMM sums
   * each element; the augmented rows' last two products (-q/2 times 1 and 1 times -q/2, both
   * exact) are then added in the order of the pair's orientation: the left row's half-norm first.
   * The orientation is the unpruned layout's: the earlier chunk's row on the left; within a chunk
   * each row's sum reads its own row of the block, so i's kernel has i on the left and j's has j.
   */
  private void pairs(int i, int b, int from, int to, int first) {
    int size = to - from;
    double[] p = dot;
    double[] c = columns;
    int base = from * d;
    int oi = i * d;
    Arrays.fill(p, 0, size, 0);
    for (int u = 0; u < d; u++) {
      double x = rows[oi + u];
      int o = base + u * size;
      for (int q = 0; q < size; q++) {
        p[q] = Math.fma(x, c[o + q], p[q]);
      }
    }
    double hi = halfNorm[i];
    int ci = chunk[i];
    boolean oneOrientation = ci < lowChunk[b] || ci > highChunk[b];
    for (int q = first; q < size; q++) {
      double s = p[q];
      double hj = halfNorm[from + q];
      int cj = chunk[from + q];
      float f = clamped((s + hi) + hj);
      float g = oneOrientation && ci < cj ? f : clamped((s + hj) + hi);
      rowSide[q] = ci <= cj ? f : g;
      columnSide[q] = ci < cj ? f : g;
    }
    boolean same = labels[i] == labels[from];
    for (int m = 0; m < scale.length; m++) {
      add(i, from, first, size, m, same);
    }
  }

  /**
   * Adds the kept kernels of noise variance m to row i's sums and to the other rows'. Every kept
   * kernel goes to a total and, for the same class, to the class sum in the same order.
   */
  private void add(int i, int from, int first, int size, int m, boolean same) {
    float sm = scale[m];
    float cm = cut[m];
    double[] columnTotalLower = totalLower[m];
    double[] columnTotalUpper = totalUpper[m];
    double[] columnSameLower = sameLower[m];
    double[] columnSameUpper = sameUpper[m];
    double rowLower = 0;
    double rowUpper = 0;
    for (int q = first; q < size; q++) {
      float x = rowSide[q] * sm;
      if (x > cm) {
        double lower = FloatExp.inJava(x);
        double square = lower * lower;
        double upper = square * square;
        rowLower += lower;
        rowUpper += upper;
        float y = columnSide[q] * sm;
        if (y != x) {
          lower = FloatExp.inJava(y);
          square = lower * lower;
          upper = square * square;
        }
        int j = from + q;
        columnTotalLower[j] += lower;
        columnTotalUpper[j] += upper;
        if (same) {
          columnSameLower[j] += lower;
          columnSameUpper[j] += upper;
        }
      }
    }
    columnTotalLower[i] += rowLower;
    columnTotalUpper[i] += rowUpper;
    if (same) {
      columnSameLower[i] += rowLower;
      columnSameUpper[i] += rowUpper;
    }
  }

  /** float(max(D, 0)) of D = -2 times an augmented dot product, as the unpruned pass forms it. */
  private static float clamped(double augmentedDot) {
    float distance = (float) (-2.0 * augmentedDot);
    return distance > 0 ? distance : 0f;
  }

  /**
   * Whether HotSpot compiles Math.fma to the processor's instruction; elsewhere it is emulated,
   * 100 times slower, and this path is not used.
   */
  private static boolean usesFusedMultiplyAdd() {
    try {
      var bean = ManagementFactory.getPlatformMXBean(
          com.sun.management.HotSpotDiagnosticMXBean.class);
      return bean != null && "true".equals(bean.getVMOption("UseFMA").getValue());
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }
}
