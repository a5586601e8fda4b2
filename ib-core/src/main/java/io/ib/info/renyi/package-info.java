/**
 * Layer 6 (info), matrix-based Renyi family: the alpha-order entropy functional of Giraldo, Rao
 * &amp; Principe (2015) on normalised Gram matrices, and the mutual information built from it, as
 * used for the information plane by Yu et al. (2021) and Wickstrom et al. (2023).
 *
 * <p>A variable's N rows give a Gaussian Gram matrix K (the labels: K_ij = 1[y_i = y_j]); its
 * entropy is computed from the eigenvalues of K / N, and two variables' joint entropy from those of
 * their element-wise product. See {@link io.ib.info.renyi.RenyiEstimator} for the formulas, units
 * and cost, {@link io.ib.info.renyi.KernelWidth} for the kernel width and its rule, and
 * {@link io.ib.info.renyi.RenyiProvider} for the spec syntax
 * ({@code renyi:alpha=1.01,sigma=silverman,gamma=0.8,n=1000}).
 *
 * <p>Numerical notes: Gram matrices come from one double GEMM on centred rows, with the norms
 * taken from the GEMM's own diagonal so that each point's distance to itself is exactly 0;
 * eigenvalues come from LAPACK's symmetric solver without eigenvectors; the eigenvalues below 0
 * that rounding leaves on PSD matrices are counted as 0.
 */
package io.ib.info.renyi;
