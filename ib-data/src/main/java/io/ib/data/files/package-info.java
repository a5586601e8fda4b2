/**
 * Data files (module ib-data, beside layer 1, {@code io.ib.data}), bottom of the module: what every
 * reader here shares, and nothing format-specific. File identity (name, SHA-256, size) for
 * {@link io.ib.data.DataFile}, one-line messages for files that cannot be read
 * ({@link io.ib.data.files.ReadFailures}), and the rules for class labels read from users' files
 * ({@link io.ib.data.files.Labels}). The format packages ({@code idx}, {@code csv}, {@code mat})
 * use this one; this one uses none of them.
 */
package io.ib.data.files;
