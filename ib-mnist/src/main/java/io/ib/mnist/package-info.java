/**
 * Data sources (beside layer 1, {@code io.ib.data}): {@link io.ib.mnist.DataSources}, the one entry
 * point from a path (an IDX directory in MNIST's layout, a {@code .csv} or a {@code .mat} file) and
 * {@link io.ib.mnist.DataOptions} to a dataset; a validating reader for IDX files, MNIST loading from
 * a directory, the choice of that directory (option, {@code IB_DATA_DIR}, per-user cache), verified
 * download into the cache; a CSV loader for users' own tabular data; and a reader for MATLAB level-5
 * MAT-files such as the 12-bit task's {@code var_u.mat}.
 *
 * <p>Everything here produces {@link io.ib.data.Dataset} (or, for one file before its split,
 * {@link io.ib.data.Samples}) values with the SHA-256 of each file read, so results can name exactly
 * the data they came from. Malformed files fail with {@link io.ib.mnist.IdxFormatException},
 * {@link io.ib.mnist.MatFormatException} or another {@link java.io.IOException} whose one-line
 * message names the file.
 */
package io.ib.mnist;
