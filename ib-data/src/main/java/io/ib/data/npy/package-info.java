/**
 * Arrays of samples in files (module ib-data): NumPy {@code .npy} files and plain numeric {@code .csv}
 * files read as an n x d matrix of float32 values ({@link io.ib.data.npy.SampleMatrix}) or a vector of
 * n class labels, through {@link io.ib.data.npy.ArrayFiles}. For arrays that are not a dataset:
 * activations, inputs and labels saved elsewhere, whose information content is to be estimated or
 * which are to be imported. Every problem is an {@link io.ib.data.npy.ArrayFormatException} (or, for
 * a file that cannot be opened, the {@link java.io.IOException} of
 * {@link io.ib.data.files.ReadFailures}) whose message is one line naming the file.
 */
package io.ib.data.npy;
