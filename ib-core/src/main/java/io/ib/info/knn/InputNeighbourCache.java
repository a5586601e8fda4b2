package io.ib.info.knn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The JVM-wide cache of {@link InputNeighbours}: the input side of the KSG estimator, shared by
 * every call on the same inputs (every measurement of every cell of a sweep evaluates the same
 * evaluation set), by every k, variant and scale, within a memory limit.
 *
 * <p>Inputs are recognised by content (a 64-bit hash, then an exact comparison), never by object
 * identity, so changed inputs can never be read from a stale entry. The first call on new inputs
 * computes as without a cache and records each row's prefix on the way; calls that arrive while it
 * does so compute without the cache. Entries are dropped, oldest first, when a new one would take
 * the total past the limit.
 *
 * <p>Limit: the system property {@value #LIMIT_PROPERTY} (bytes; 0 turns the cache off), else
 * {@link #DEFAULT_LIMIT_BYTES}, and never more than a quarter of the JVM's maximum heap (the
 * entries live on the heap; 768 MiB under ib's -Xmx3g). An entry holds a float and a double copy
 * of the inputs (12 n p bytes) and 12 m + 20 bytes per point for prefixes of m distances; m is the
 * largest the limit allows (2,569 for MNIST's 10,000 test images under the default). Longer
 * prefixes decide more points without recomputing their block; the results do not depend on the
 * limit.
 */
final class InputNeighbourCache {
  /** The system property that sets the cache's limit in bytes (0: no cache). */
  static final String LIMIT_PROPERTY = "ib.knn.inputCacheBytes";

  /** The limit when the property is not set: 384 MiB. */
  static final long DEFAULT_LIMIT_BYTES = 384L << 20;

  private static final List<Entry> ENTRIES = new ArrayList<>(); // oldest first

  private record Entry(long hash, int p, long bytes, InputNeighbours neighbours) {}

  private InputNeighbourCache() {}

  /**
   * The entry for these inputs and block height: a complete one (read it), a new empty one that the
   * caller must fill and then {@link InputNeighbours#complete()} or {@link #abandon}, or null
   * (no cache: the limit is too small, or another call is filling the entry).
   *
   * @param x n x p row-major inputs, finite; kept by a new entry (not copied)
   * @param limit the cache's limit in bytes ({@link #limitBytes()})
   */
  static synchronized InputNeighbours lookup(float[] x, int n, int p, int rowsPerBlock,
      long limit) {
    if (limit == 0 || n < 2) {
      return null;
    }
    long hash = hash(x);
    for (int e = 0; e < ENTRIES.size(); e++) {
      Entry entry = ENTRIES.get(e);
      InputNeighbours found = entry.neighbours;
      if (entry.hash == hash && entry.p == p && found.n == n && found.rowsPerBlock == rowsPerBlock
          && Arrays.equals(found.inputs, x)) {
        ENTRIES.remove(e);
        ENTRIES.add(entry); // most recently used last
        return found.isComplete() ? found : null;
      }
    }
    long fixed = InputNeighbours.fixedBytes(n, p);
    long perPoint = InputNeighbours.bytesPerPoint(0);
    long m = (limit - fixed - perPoint * n) / (n * (InputNeighbours.bytesPerPoint(1) - perPoint));
    m = Math.min(Math.min(m, n - 1), (Integer.MAX_VALUE - 8) / n);
    if (m < 1) {
      return null;
    }
    long bytes = fixed + n * InputNeighbours.bytesPerPoint((int) m);
    long total = bytes;
    for (Entry entry : ENTRIES) {
      total += entry.bytes;
    }
    while (total > limit && !ENTRIES.isEmpty()) {
      total -= ENTRIES.remove(0).bytes;
    }
    InputNeighbours created = new InputNeighbours(x, n, p, (int) m, rowsPerBlock);
    ENTRIES.add(new Entry(hash, p, bytes, created));
    return created;
  }

  /** Drops an entry whose filling failed. */
  static synchronized void abandon(InputNeighbours neighbours) {
    ENTRIES.removeIf(e -> e.neighbours == neighbours);
  }

  /** Empties the cache (tests and benchmarks). */
  static synchronized void clear() {
    ENTRIES.clear();
  }

  /**
   * The limit: the property {@value #LIMIT_PROPERTY} if set, else the default; at most a quarter
   * of the JVM's maximum heap.
   *
   * @throws IllegalArgumentException if the property is not a non-negative integer
   */
  static long limitBytes() {
    // At most a quarter of the heap: a JVM with a small heap gets a smaller cache, not an error.
    long heapShare = Runtime.getRuntime().maxMemory() / 4;
    String text = System.getProperty(LIMIT_PROPERTY);
    if (text == null) {
      return Math.min(DEFAULT_LIMIT_BYTES, heapShare);
    }
    try {
      long value = Long.parseLong(text.trim());
      if (value >= 0) {
        return Math.min(value, heapShare);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("system property " + LIMIT_PROPERTY
        + " must be a non-negative number of bytes (0 turns the knn input cache off), got '" + text
        + "'");
  }

  private static long hash(float[] x) {
    long h = 0x9E3779B97F4A7C15L ^ x.length;
    for (float v : x) {
      h = (h ^ Float.floatToRawIntBits(v)) * 0x100000001B3L;
    }
    return h;
  }
}
