/**
 * Layer 0 (internal): bulk copies between ND4J arrays and Java arrays, used by every layer above for
 * the steps that are faster as one Java loop than as many small ND4J calls, and the exact hash table
 * of rows ({@link io.ib.internal.SymbolTable}) shared by the binning and knn estimators.
 *
 * <p><strong>Not API.</strong> Public only because Java packages cannot share package-private classes;
 * it may change in any release without notice. It depends on ND4J only.
 */
package io.ib.internal;
