/**
 * Layer 6 (info), kernel family: the pairwise-distance bounds of Kolchinsky &amp; Tracey (2017) on
 * the information a whole layer carries once Gaussian noise is added to it, as used for the
 * information plane by Saxe et al. (2018).
 *
 * <p>The layer T (n samples t_i, d units) is modelled as T + Z with Z ~ N(0, s2 I): an equal-weight
 * mixture of n Gaussians centred on the samples. With D_ij = |t_i - t_j|^2 the upper and lower
 * bounds on I(X; T + Z) are closed-form averages of log-sum-exps of -D_ij / (2 s2) and
 * -D_ij / (8 s2); see {@link io.ib.info.kernel.KernelEstimator} for the formulas, domains and
 * units, and {@link io.ib.info.kernel.KernelProvider} for the spec syntax ({@code kernel:s2=0.1}).
 *
 * <p>Numerical notes (the "why" behind {@code PairwiseKernelSums}, {@code ClassSortedChunk} and
 * {@code KernelBlockSums}):
 * <ul>
 *   <li>D is never held as one n x n matrix: the sample is sorted by class and cut into row chunks;
 *       only the chunk pairs (I, J) with I &le; J are computed (D is symmetric), each giving row
 *       sums for chunk I and column sums for chunk J. Class subsets are contiguous column ranges
 *       after the sort, so the class-restricted sums come from the same blocks.
 *   <li>D_ij = |a|^2 + |b|^2 - 2 a.b by one double-precision GEMM per block on centred data, the
 *       norms folded into the GEMM as two extra columns (centring leaves D unchanged and shrinks
 *       |a|^2, hence the cancellation). A float32 GEMM is about twice as fast, but its cancellation
 *       error, of order 1e-7 sqrt(d) |a|^2, is not small against s2: measured on ReLU layers with
 *       n = 2000, it moved I by up to 3e-4 bits (d = 256, activations ~1) and 4e-3 bits
 *       (activations ~5) at s2 = 0.01, ten times less at s2 = 0.1, with centring gaining less than
 *       a factor 2; and it breaks exact closed forms (clusters of identical points far from the
 *       mean). In double the same differences were below 1e-11 bits.
 *   <li>The kernels are evaluated in float32 by ND4J's exp (no Java exp is as fast, and Java's
 *       correctly rounded exp differs from it by one ulp on 95,488 of the 1.1e9 float exponents in
 *       [-69, 0]) and every sum is accumulated in double. The upper bound's kernel is the lower
 *       bound's to the fourth power, so only one exp per pair and noise variance is needed. The
 *       exponents are formed in one Java pass over the double block with ND4J's float arithmetic;
 *       only those above the clamp (below) go through the exp, gathered into one array (ND4J's exp
 *       gives each element the same value at any position and array length: checked), so the
 *       kernels are bit for bit those of elementwise passes over the whole block.
 *   <li>No max subtraction is needed in the log-sum-exp: D &ge; 0 (clamped; float cancellation can
 *       give tiny negatives) makes every exponent &le; 0, and the diagonal term is exactly 1, so
 *       each row sum lies in [1, n] and cannot overflow or vanish. Exponents below -69 are raised
 *       to -69: such a kernel (1e-30, its fourth power 1e-120) changes no row sum S_i &ge; 1 in
 *       double even n = 2^31 times, and it needs no exp (the constant exp(-69)). At the small
 *       noise variances of Saxe et al. (s2 = 1e-3) nearly every pair is at the clamp: a block then
 *       costs its GEMM, one pass and the sums.
 *   <li>Pruning ({@code PairPruning}): within each class the rows are ordered into k-d leaves of
 *       at most 128 rows, and a leaf pair whose bounding boxes are farther apart than
 *       c s2 (32 + ln n) is never computed. The neglected mass of a row sum S_i &ge; 1 is below
 *       e^-32, so pruning moves the results by less than 4e-14 bits; where less than 80 % of the
 *       pairs could be skipped, the unpruned chunks of 1024 rows are used as before. The leaves'
 *       GEMMs are smaller than the chunks', and BLAS rounds small products differently: like a
 *       smaller memory budget, that moves values by rounding (measured up to 3.4e-12 bits).
 *   <li>Narrow layers ({@code NearPairKernelSums}, d &le; 16): no GEMM; each row is checked
 *       against each leaf's box (leaves of 64 rows), and its pairs with the leaves within reach
 *       are computed in Java and kept only where the kernel exceeds e^-(32 + ln n) (the same
 *       bound). Each kept pair's distance is its GEMM element bit for bit (fused multiply-adds in
 *       column order, the unpruned chunks' orientation) and its kernel ND4J's exp bit for bit
 *       (glibc's expf computed in Java, checked against ND4J once per JVM; where either check
 *       fails the blocks run). Only the summation order and the skipped terms differ from the
 *       unpruned pass: on 366 layers of the Saxe tanh preset the values moved by at most 8e-14
 *       bits, and the estimates ran 3 to 4 times faster.
 * </ul>
 */
package io.ib.info.kernel;
