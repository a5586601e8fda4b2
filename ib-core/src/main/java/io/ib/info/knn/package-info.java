/**
 * Layer 6 (info), k-nearest-neighbour family: the Kraskov-Stoegbauer-Grassberger estimator of
 * I(X;T) between the inputs and a whole layer, and Ross's mixed continuous-discrete estimator of
 * I(T;Y), from one pass over the pairwise distances; see {@link io.ib.info.knn.KnnEstimator} for
 * the formulas, the tie rules and the measured bias, and {@link io.ib.info.knn.KnnProvider} for
 * the spec syntax ({@code knn:k=3,variant=1}).
 *
 * <p>Numerical notes (the "why" behind {@code NeighbourStatistics}):
 * <ul>
 *   <li>The n x n distances are never held at once: a block of rows against all n columns, sized
 *       by a memory budget, is enough, since every statistic of point i (its k-th neighbour, its
 *       counts) reads row i only. The symmetric half is not exploited: a row's k-th neighbour needs
 *       the whole row before its counts can be taken.
 *   <li>Squared distances |a|^2 + |b|^2 - 2 a.b from a double GEMM on midrange-centred data, the
 *       norms added in the row loop; double because the counts compare distances with each other
 *       (float's 1e-7 cancellation error reorders near neighbours), midrange because it is exact
 *       in double, so data on a coarse grid gives exact distances and exact ties.
 *   <li>Bit-identical rows are found by an exact hash of their float patterns and given distance
 *       0, since the GEMM leaves rounding residue on them and the tie rules start from exact 0.
 *   <li>No noise is added to break ties: results are deterministic functions of the sample.
 * </ul>
 */
package io.ib.info.knn;
