/**
 * Layer 6 (info), k-nearest-neighbour family: the Kraskov-Stoegbauer-Grassberger estimator of
 * I(X;T) between the inputs and a whole layer, and Ross's mixed continuous-discrete estimator of
 * I(T;Y), from one pass over the pairwise distances; see {@link io.ib.info.knn.KnnEstimator} for
 * the formulas, the tie rules and the measured bias, and {@link io.ib.info.knn.KnnProvider} for
 * the spec syntax ({@code knn:k=3,variant=1,scale=none}).
 *
 * <p>Numerical notes (the "why" behind {@code NeighbourStatistics}, {@code SquaredDistanceRows} and
 * {@code NeighbourCounts}):
 * <ul>
 *   <li>The n x n distances are never held at once: a block of rows against all n columns, sized
 *       by a memory budget, is enough, since every statistic of point i (its k-th neighbour, its
 *       counts) reads row i only. The symmetric half is not exploited: a row's k-th neighbour needs
 *       the whole row before its counts can be taken.
 *   <li>Squared distances |a|^2 + |b|^2 - 2 a.b from a double GEMM, the norms added in the row
 *       loop; double because the counts compare distances with each other (float's 1e-7
 *       cancellation error reorders near neighbours). The data are not centred: distances from an
 *       all-zero row (a dead ReLU layer's) then come out exact, and double's cancellation error is
 *       already far below the distances that separate neighbours.
 *   <li>Rows identical bit for bit are found by an exact hash of their float patterns; each group
 *       gets one distance from every point (its first member's) and 0 within itself, because the
 *       GEMM leaves rounding residue between repeats, nothing guarantees that it rounds a dot
 *       product identically at every column position, and the counts and tie rules depend on
 *       exact equality.
 *   <li>Spaces on levels (a quantized layer, pixels v / 255: {@code LevelGrid}) enter the GEMM as
 *       integer level indices: every product and partial sum is an integer below 2^53, so the
 *       GEMM rounds nothing and the distances, hence all ties and counts, are exact and the same
 *       for every order of samples and columns; one factor (step^2, or the exactly summed
 *       variance's inverse) converts them.
 *   <li>No noise is added to break ties: results are deterministic functions of the sample.
 *   <li>The input side is cached per evaluation set ({@code InputNeighbourCache},
 *       {@code InputNeighbours}, read by {@code PrefixCounts}): each point's m nearest input
 *       distances, sorted. A KSG term needs of X only the joint k-th distance eps (the prefix in
 *       ascending order gives it as soon as its next distance reaches the k-th smallest joint
 *       distance so far) and counts below eps (a binary search while eps is within the prefix; all
 *       n - 1 points when eps exceeds the point's largest input distance). Points neither rule
 *       decides get their block's X rows recomputed by the same GEMM, so every value compared is
 *       the uncached one.
 *   <li>The layer's distances may come from a float GEMM ({@code FloatFilter}, variant 1, at
 *       least 64 varying units): a filter only. Around every threshold a count compares with,
 *       within a rigorous bound of the float error, the entries are replaced by the double GEMM's
 *       values (its products are exact for float data; at these widths it sums them in column
 *       order, which each call checks on its first block), so the counts are the double path's.
 * </ul>
 */
package io.ib.info.knn;
