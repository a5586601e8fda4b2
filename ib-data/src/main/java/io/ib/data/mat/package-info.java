/**
 * MATLAB MAT-files (module ib-data): a reader for the real 2-D numeric and logical matrices of a
 * level-5 MAT-file ({@link io.ib.data.mat.MatFile}, {@link io.ib.data.mat.MatMatrix}), and labelled
 * samples from two of its variables ({@link io.ib.data.mat.MatDatasets}), such as the 12-bit task's
 * {@code var_u.mat}. Everything ib cannot read is refused with a one-line
 * {@link io.ib.data.mat.MatFormatException} naming the file and the variable.
 */
package io.ib.data.mat;
