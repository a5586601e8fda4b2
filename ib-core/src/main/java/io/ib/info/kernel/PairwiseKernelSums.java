package io.ib.info.kernel;

import io.ib.info.LayerSample;
import java.util.Arrays;

/**
 * The blocked engine behind {@link KernelEstimator}: for every noise variance s2 and every sample
 * i, the row sums S_i = sum_j K_ij over all samples and S_i^y = sum_{j : y_j = y_i} K_ij over the
 * sample's own class, for the lower-bound kernel K_ij = exp(-D_ij / (8 s2)) and the upper-bound
 * kernel K_ij^4 = exp(-D_ij / (2 s2)); then the entropy-bound averages of their logarithms.
 *
 * <p>Layout: the samples are sorted by class (a stable counting sort) and cut into {@code chunks}
 * contiguous row ranges of near-equal size; for each chunk pair I &le; J one block of D (|I| x |J|)
 * is computed by a double GEMM on centred data, turned into float32 kernels by ND4J, bulk-copied
 * into a Java array and summed in double: rows into S_I and, for I &lt; J, columns into S_J (D is
 * symmetric). Class subsets are contiguous column ranges ("segments") of each chunk, so the same
 * loop gives the class-restricted sums. Working memory of the blocks: {@link
 * #BYTES_PER_BLOCK_ELEMENT} bytes per block element, bounded by the memory budget; the O(n d)
 * centred copy and O(n) sums come on top. At small s2 the chunks are replaced by {@link
 * PairPruning}'s leaves, and the leaf pairs it proves negligible are skipped. Layers of at most
 * {@value NearPairKernelSums#MAX_UNITS} units go to {@link NearPairKernelSums} instead, which
 * computes the pairs within reach in Java with the same kernels.
 */
final class PairwiseKernelSums {
  /**
   * Working bytes per element of a distance block: the double distances and float32 exponents
   * (ND4J, off-heap) and the Java kernels, exponents, gathered exponents and their positions.
   */
  static final int BYTES_PER_BLOCK_ELEMENT = 8 + 4 + 4 + 4 + 4 + 4;

  /**
   * Rows per chunk when the memory budget allows it. For n = 10,000, d = 10 to 256 and one or
   * three s2, chunks of 512, 1024 and 2048 rows ran equally fast within run-to-run noise; 1024
   * keeps a block's working set (20 MB) within a server's L3 cache and the per-call overhead of
   * ND4J negligible (about 60 blocks for n = 10,000).
   */
  static final int PREFERRED_CHUNK_ROWS = 1024;

  private PairwiseKernelSums() {}

  /**
   * The entropy-bound terms of one noise variance, in nats. With S_i and S_i^y as above,
   * n_y the size of class y:
   * {@code h = (1/n) sum_i ln(n / S_i)} and {@code hGivenY = (1/n) sum_i ln(n_{y_i} / S_i^{y_i})}
   * (= sum_y p(y) times the same bound computed on class y alone), for each bound.
   */
  record Terms(
      double upperNats, double upperGivenYNats, double lowerNats, double lowerGivenYNats) {}

  /** Rows per chunk for a memory budget: at most {@link #PREFERRED_CHUNK_ROWS}, at least 1. */
  static int chunkRows(long memoryBudgetBytes) {
    long rows = (long) Math.floor(Math.sqrt(memoryBudgetBytes / (double) BYTES_PER_BLOCK_ELEMENT));
    return (int) Math.max(1, Math.min(PREFERRED_CHUNK_ROWS, rows));
  }

  /**
   * Rows per leaf of the pruned layout ({@link PairPruning}): smaller leaves have tighter boxes and
   * skip more pairs, at more ND4J calls per pair computed.
   */
  static final int PRUNED_LEAF_ROWS = 128;

  /**
   * The least fraction of the pair elements a plan must skip to be used. The leaves' blocks cost
   * more per pair than the unpruned chunks (their ND4J calls, about 10 us a block): on the Saxe
   * preset's layers of 2 and 3 units, plans skipping 52 to 57 % of the pairs made the sweep slower.
   * Leaves of 32 rows ran 1.5 to 2 times slower than the unpruned layout while skipping 78 %.
   */
  static final double MIN_SKIPPED_FRACTION = 0.8;

  /**
   * Computes the terms for each noise variance in one pass over the distance blocks, skipping the
   * blocks that {@link PairPruning} proves negligible (the skipped mass moves values by less than
   * 1.9e-14 bits, 3.8e-14 for I(T;Y); the leaves' smaller GEMMs round like a smaller memory budget).
   *
   * @param sample the layer (activations read as float32 from its shared, checked copy)
   * @param noiseVariances s2 values, each positive and finite
   * @param memoryBudgetBytes bound on the block working memory
   * @param lowerNeeded whether the lower bound's terms are wanted; if not, pruning may use the upper
   *     bound's faster decay and the lower terms are NaN
   * @return one {@link Terms} per noise variance, in order
   * @throws IllegalArgumentException if an activation is NaN or infinite (names layer, row, unit)
   */
  static Terms[] compute(LayerSample sample, double[] noiseVariances, long memoryBudgetBytes,
      boolean lowerNeeded) {
    return compute(sample, noiseVariances, memoryBudgetBytes, lowerNeeded, true);
  }

  /** As above; {@code prune} false gives the unpruned computation (for tests and benchmarks). */
  static Terms[] compute(LayerSample sample, double[] noiseVariances, long memoryBudgetBytes,
      boolean lowerNeeded, boolean prune) {
    int n = sample.size();
    int d = sample.width();
    int k = noiseVariances.length;
    float[] values = sample.finiteActivations();
    double[] mean = columnMeans(values, n, d);

    // Stable counting sort by class: class subsets become contiguous ranges.
    int[] labels = sample.labels();
    int[] classCount = new int[sample.numClasses()];
    for (int y : labels) {
      classCount[y]++;
    }
    int[] next = new int[classCount.length];
    for (int c = 1; c < classCount.length; c++) {
      next[c] = next[c - 1] + classCount[c - 1];
    }
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[next[labels[i]]++] = i;
    }
    int chunks = (n + chunkRows(memoryBudgetBytes) - 1) / chunkRows(memoryBudgetBytes);
    int[] bounds = new int[chunks + 1];
    for (int c = 0; c <= chunks; c++) {
      bounds[c] = (int) ((long) c * n / chunks);
    }
    boolean nearPairs = prune && d > 0 && d <= NearPairKernelSums.MAX_UNITS
        && NearPairKernelSums.available();
    PairPruning pruning = null;
    if (prune && d > 0) {
      double maxS2 = Arrays.stream(noiseVariances).max().orElseThrow();
      int leafRows = nearPairs ? NearPairKernelSums.LEAF_ROWS
          : Math.min(PRUNED_LEAF_ROWS, chunkRows(memoryBudgetBytes));
      pruning = PairPruning.plan(values, n, d, mean, order, classCount, maxS2,
          lowerNeeded ? KernelBound.LOWER.divisor() : KernelBound.UPPER.divisor(), leafRows,
          nearPairs ? 0 : MIN_SKIPPED_FRACTION);
    }
    int[] chunkOfRow = null;
    if (nearPairs) {
      chunkOfRow = chunkOfRow(order, bounds, pruning.order);
    }
    if (pruning != null) {
      order = pruning.order;
      bounds = pruning.bounds;
    }
    int[] sortedLabels = new int[n];
    for (int r = 0; r < n; r++) {
      sortedLabels[r] = labels[order[r]];
    }

    double[][] totalLower = new double[k][n];
    double[][] sameLower = new double[k][n];
    double[][] totalUpper = new double[k][n];
    double[][] sameUpper = new double[k][n];
    if (d == 0) {
      // No units: every sample is the same point, every kernel is 1.
      for (int m = 0; m < k; m++) {
        for (int r = 0; r < n; r++) {
          totalLower[m][r] = totalUpper[m][r] = n;
          sameLower[m][r] = sameUpper[m][r] = classCount[sortedLabels[r]];
        }
      }
    } else if (nearPairs) {
      NearPairKernelSums.accumulate(values, d, mean, pruning, chunkOfRow, sortedLabels,
          noiseVariances, lowerNeeded, totalLower, sameLower, totalUpper, sameUpper);
    } else {
      chunks = bounds.length - 1;
      ClassSortedChunk[] chunk = new ClassSortedChunk[chunks];
      int maxRows = 0;
      for (int c = 0; c < chunks; c++) {
        chunk[c] =
            new ClassSortedChunk(bounds[c], bounds[c + 1], values, d, mean, order, sortedLabels);
        maxRows = Math.max(maxRows, chunk[c].size);
      }
      KernelBlockSums blocks = new KernelBlockSums(maxRows);
      for (int a = 0; a < chunks; a++) {
        for (int b = a; b < chunks; b++) {
          if (pruning == null || pruning.computes(a, b)) {
            blocks.process(chunk[a], chunk[b], noiseVariances, sortedLabels,
                totalLower, sameLower, totalUpper, sameUpper);
          }
        }
      }
    }

    boolean lowerValid = lowerNeeded || pruning == null;
    Terms[] terms = new Terms[k];
    for (int m = 0; m < k; m++) {
      terms[m] = new Terms(
          mean(n, totalUpper[m]), meanGivenY(classCount, sortedLabels, sameUpper[m]),
          lowerValid ? mean(n, totalLower[m]) : Double.NaN,
          lowerValid ? meanGivenY(classCount, sortedLabels, sameLower[m]) : Double.NaN);
    }
    return terms;
  }

  /**
   * The unpruned layout's chunk of each row of another order: chunk c holds the class-sorted rows
   * [bounds[c], bounds[c + 1]).
   */
  private static int[] chunkOfRow(int[] classOrder, int[] bounds, int[] order) {
    int n = classOrder.length;
    int[] chunkOfSample = new int[n];
    for (int c = 0; c + 1 < bounds.length; c++) {
      for (int r = bounds[c]; r < bounds[c + 1]; r++) {
        chunkOfSample[classOrder[r]] = c;
      }
    }
    int[] chunk = new int[n];
    for (int r = 0; r < n; r++) {
      chunk[r] = chunkOfSample[order[r]];
    }
    return chunk;
  }

  /** (1/n) sum_i ln(n / S_i). */
  private static double mean(int n, double[] sums) {
    double h = 0;
    for (double s : sums) {
      h += Math.log(n / s);
    }
    return h / n;
  }

  /** (1/n) sum_i ln(n_{y_i} / S_i^{y_i}). */
  private static double meanGivenY(int[] classCount, int[] sortedLabels, double[] sums) {
    double h = 0;
    for (int r = 0; r < sums.length; r++) {
      h += Math.log(classCount[sortedLabels[r]] / sums[r]);
    }
    return h / sums.length;
  }

  /** Column means in double. */
  private static double[] columnMeans(float[] values, int n, int d) {
    double[] mean = new double[d];
    for (int i = 0; i < n; i++) {
      int o = i * d;
      for (int u = 0; u < d; u++) {
        mean[u] += values[o + u];
      }
    }
    for (int u = 0; u < d; u++) {
      mean[u] /= n;
    }
    return mean;
  }
}
