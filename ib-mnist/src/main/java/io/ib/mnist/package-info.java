/**
 * Data sources (beside layer 1, {@code io.ib.data}): a validating reader for IDX files, MNIST loading
 * from a directory, the choice of that directory (option, {@code IB_DATA_DIR}, per-user cache),
 * verified download into the cache, and a CSV loader for users' own tabular data.
 *
 * <p>Everything here produces {@link io.ib.data.Dataset} values with the SHA-256 of each file read, so
 * results can name exactly the data they came from. Malformed files fail with
 * {@link io.ib.mnist.IdxFormatException} or another {@link java.io.IOException} that names the file.
 */
package io.ib.mnist;
