package io.ib.data.mat;

/**
 * A variable of a MAT-file: its values if it was read, else why it cannot be (or null if it was not
 * asked for).
 *
 * @param offset where its element starts in the file
 */
record MatEntry(MatMatrix matrix, String problem, long offset) {}
