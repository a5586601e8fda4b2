/**
 * IDX files (module ib-data): a validating reader for IDX files of unsigned bytes, raw or gzipped
 * ({@link io.ib.data.idx.IdxReader}), and datasets from a directory of IDX files in MNIST's layout
 * ({@link io.ib.data.idx.IdxDirectory}). The published MNIST files' sums have their one home here
 * ({@link io.ib.data.idx.PublishedMnist}): they decide whether a dataset is named {@code mnist}.
 * Malformed files fail with an {@link io.ib.data.idx.IdxFormatException} whose one-line message names
 * the file, the problem and the offset.
 */
package io.ib.data.idx;
