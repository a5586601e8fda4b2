/**
 * Data sources (module ib-data), top of the module: {@link io.ib.data.source.DataSources}, the one
 * entry point from a path (a directory of IDX files, a {@code .csv} or a {@code .mat} file) and
 * {@link io.ib.data.source.DataOptions} to a {@link io.ib.data.Dataset}. It uses the format packages
 * ({@code idx}, {@code csv}, {@code mat}); none of them uses it.
 *
 * <p>Every dataset lists the files it was read from with their SHA-256, so results can name exactly
 * the data they came from. Malformed files fail with an {@link java.io.IOException} (a format
 * exception of the file's kind where there is one) whose one-line message names the file.
 */
package io.ib.data.source;
