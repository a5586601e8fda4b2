/**
 * Whole-layer binning estimators (plug-in). Each unit's activation is mapped to a bin index; the
 * d-tuple of a sample's bin indices is one symbol; symbol frequencies give H(T), and with the labels
 * H(T|Y). For a deterministic network I(X;T) = H(T) and I(T;Y) = H(T) - H(T|Y).
 *
 * <p>Symbols are counted with an exact hash table of integer tuples (colliding hashes are resolved by
 * comparing the tuples), never by hashing float bit patterns.
 */
package io.ib.info.binning;
