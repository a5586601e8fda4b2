/**
 * MNIST (beside layer 1, {@code io.ib.data}): loading from a directory of the four standard files
 * ({@link io.ib.mnist.Mnist}, read by ib-data's {@link io.ib.data.idx.IdxDirectory}), the choice of
 * that directory (option, {@code IB_DATA_DIR}, per-user cache; {@link io.ib.mnist.MnistLocator}) and
 * verified download into the cache ({@link io.ib.mnist.MnistDownloader}). Readers for other data
 * (IDX, CSV, MAT files) are in the module ib-data.
 */
package io.ib.mnist;
