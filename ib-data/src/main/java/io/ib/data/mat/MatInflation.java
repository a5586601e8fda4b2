package io.ib.data.mat;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The zlib stream of one miCOMPRESSED element, inflated on demand: as much as the caller has room
 * for and no more, so that what a variable's header declares bounds the memory, never the stream
 * (zeros deflate about 1000 to 1: a 2 MB element can inflate to 2 GB). Failures are the variable's
 * ({@link MatVariable#fail}). Not thread-safe; close it to free the native inflater.
 */
final class MatInflation implements AutoCloseable {
  private static final int SKIP_BUFFER = 1 << 16;

  private final Inflater inflater = new Inflater();
  private final int length;
  private final MatVariable variable;

  /**
   * @param input the file's bytes
   * @param offset where the element's zlib stream starts
   * @param length the element's size in its tag: the stream and nothing after it
   * @param variable the variable inside, whose failures these are
   */
  MatInflation(byte[] input, int offset, int length, MatVariable variable) {
    inflater.setInput(input, offset, length);
    this.length = length;
    this.variable = variable;
  }

  /**
   * Inflates into {@code out[from, to)} until it is full or the stream ends.
   *
   * @return the end of what was inflated: {@code to}, or less if the stream ended first
   * @throws MatFormatException if the compressed bytes end inside the stream or are not zlib data
   */
  int fill(byte[] out, int from, int to) throws MatFormatException {
    int n = from;
    try {
      while (n < to && !inflater.finished()) {
        int got = inflater.inflate(out, n, to - n);
        n += got;
        if (got == 0 && inflater.needsDictionary()) {
          throw variable.fail("corrupt zlib data: the stream asks for a preset dictionary");
        }
        if (got == 0 && inflater.needsInput()) {
          throw variable.fail("truncated zlib data: the " + length + " compressed bytes end before"
              + " the zlib stream does");
        }
      }
    } catch (DataFormatException e) {
      throw variable.fail("corrupt zlib data: " + e.getMessage(), e);
    }
    return n;
  }

  /**
   * Inflates and drops up to {@code max} bytes, checking the stream without keeping it.
   *
   * @return how many bytes the stream gave: at most {@code max}, or {@code max + 1} if it goes on
   */
  long skip(long max) throws MatFormatException {
    byte[] buffer = new byte[(int) Math.min(SKIP_BUFFER, max + 1)];
    long n = 0;
    while (n <= max && !inflater.finished()) {
      n += fill(buffer, 0, (int) Math.min(buffer.length, max + 1 - n));
    }
    return n;
  }

  /**
   * Checks that the stream ends after {@code declared} bytes were inflated, and that nothing
   * follows it in the element.
   *
   * @param declared the bytes inflated so far, which is all the variable's tag declares
   */
  void requireEnd(long declared) throws MatFormatException {
    if (skip(0) > 0) {
      String what = variable.declared() == null ? "" : ", for a " + variable.declared() + " matrix";
      throw variable.fail("the compressed element inflates to more than the " + declared
          + " bytes its matrix's tag declares" + what);
    }
    if (inflater.getRemaining() > 0) {
      throw variable.fail("corrupt compressed element: " + inflater.getRemaining() + " of its "
          + length + " bytes follow the end of the zlib stream");
    }
  }

  @Override
  public void close() {
    inflater.end();
  }
}
