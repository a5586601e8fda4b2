package io.ib.info.kernel;

import io.ib.info.LayerSample;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

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
 * centred copy and O(n) sums come on top.
 */
final class PairwiseKernelSums {
  /**
   * Working bytes per element of a distance block: the double distances, the float32 kernel
   * argument and kernel (ND4J, off-heap) and the float32 Java copy.
   */
  static final int BYTES_PER_BLOCK_ELEMENT = 8 + 4 + 4 + 4;

  /**
   * Rows per chunk when the memory budget allows it. For n = 10,000, d = 10 to 256 and one or
   * three s2, chunks of 512, 1024 and 2048 rows ran equally fast within run-to-run noise; 1024
   * keeps a block's working set (20 MB) within a server's L3 cache and the per-call overhead of
   * ND4J negligible (about 60 blocks for n = 10,000).
   */
  static final int PREFERRED_CHUNK_ROWS = 1024;

  /**
   * Lower clamp of the lower-bound kernel's exponent: kernels below e^-69 (1e-30) are raised to it.
   * Even 2^31 such terms change a row sum S_i &ge; 1 by less than 1e-20, far below double rounding;
   * it keeps ND4J's exp off its slow underflow path and every value (and its fourth power in
   * double) normal.
   */
  private static final double MIN_EXPONENT = -69;

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
   * Computes the terms for each noise variance in one pass over the distance blocks.
   *
   * @param sample the layer (activations read as float32 from its shared, checked copy)
   * @param noiseVariances s2 values, each positive and finite
   * @param memoryBudgetBytes bound on the block working memory
   * @return one {@link Terms} per noise variance, in order
   * @throws IllegalArgumentException if an activation is NaN or infinite (names layer, row, unit)
   */
  static Terms[] compute(LayerSample sample, double[] noiseVariances, long memoryBudgetBytes) {
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
    } else {
      int chunks = (n + chunkRows(memoryBudgetBytes) - 1) / chunkRows(memoryBudgetBytes);
      int[] bounds = new int[chunks + 1];
      for (int c = 0; c <= chunks; c++) {
        bounds[c] = (int) ((long) c * n / chunks);
      }
      Chunk[] chunk = new Chunk[chunks];
      for (int c = 0; c < chunks; c++) {
        chunk[c] = new Chunk(bounds[c], bounds[c + 1], values, d, mean, order, sortedLabels);
      }
      // Chunk sizes differ by at most one row.
      Blocks blocks = new Blocks(chunk[chunks - 1].size);
      for (int a = 0; a < chunks; a++) {
        for (int b = a; b < chunks; b++) {
          blocks.process(chunk[a], chunk[b], noiseVariances, sortedLabels,
              totalLower, sameLower, totalUpper, sameUpper);
        }
      }
    }

    Terms[] terms = new Terms[k];
    for (int m = 0; m < k; m++) {
      terms[m] = new Terms(
          mean(n, totalUpper[m]), meanGivenY(classCount, sortedLabels, sameUpper[m]),
          mean(n, totalLower[m]), meanGivenY(classCount, sortedLabels, sameLower[m]));
    }
    return terms;
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

  /**
   * One chunk of class-sorted rows: centred data augmented for the distance GEMM, and class
   * segments. With x the centred row and q = |x|^2, left = [x, q, 1] and right = [x, -1/2, -q/2],
   * so that -2 left_i . right_j = |x_i|^2 + |x_j|^2 - 2 x_i . x_j = D_ij in one GEMM (alpha = -2).
   */
  private static final class Chunk {
    final int start;
    final int size;
    final INDArray left;
    final INDArray right;
    final int[] segmentStart;
    final int[] segmentEnd;
    final int[] segmentClass;

    Chunk(int start, int end, float[] values, int d, double[] mean, int[] order,
        int[] sortedLabels) {
      this.start = start;
      this.size = end - start;
      int w = d + 2;
      double[] l = new double[size * w];
      double[] r = new double[size * w];
      for (int i = 0; i < size; i++) {
        int from = order[start + i] * d;
        int o = i * w;
        double q = 0;
        for (int u = 0; u < d; u++) {
          double t = values[from + u] - mean[u];
          l[o + u] = t;
          r[o + u] = t;
          q += t * t;
        }
        l[o + d] = q;
        l[o + d + 1] = 1;
        r[o + d] = -0.5;
        r[o + d + 1] = -0.5 * q;
      }
      left = Nd4j.create(l, new long[] {size, w}, DataType.DOUBLE);
      right = Nd4j.create(r, new long[] {size, w}, DataType.DOUBLE);
      int segments = 1;
      for (int i = start + 1; i < end; i++) {
        if (sortedLabels[i] != sortedLabels[i - 1]) {
          segments++;
        }
      }
      segmentStart = new int[segments];
      segmentEnd = new int[segments];
      segmentClass = new int[segments];
      int s = 0;
      for (int i = 0; i < size; i++) {
        if (i > 0 && sortedLabels[start + i] != sortedLabels[start + i - 1]) {
          segmentEnd[s++] = i;
          segmentStart[s] = i;
        }
        segmentClass[s] = sortedLabels[start + i];
      }
      segmentEnd[s] = size;
    }
  }

  /**
   * The block arrays and Java buffers, allocated once at the largest block shape and reused for
   * every block: blocks of other shapes are views of the same memory, so the working memory is that
   * of one block whatever the number of shapes.
   */
  private static final class Blocks {
    private final Map<Long, INDArray[]> byShape = new HashMap<>();
    private final INDArray distanceMemory;
    private final INDArray distanceFloatMemory;
    private final INDArray kernelMemory;
    private final float[] kernel;
    private final double[] columnTotalLower;
    private final double[] columnSameLower;
    private final double[] columnTotalUpper;
    private final double[] columnSameUpper;

    Blocks(int maxRows) {
      int elements = maxRows * maxRows;
      distanceMemory = Nd4j.create(DataType.DOUBLE, elements);
      distanceFloatMemory = Nd4j.create(DataType.FLOAT, elements);
      kernelMemory = Nd4j.create(DataType.FLOAT, elements);
      kernel = new float[elements];
      columnTotalLower = new double[maxRows];
      columnSameLower = new double[maxRows];
      columnTotalUpper = new double[maxRows];
      columnSameUpper = new double[maxRows];
    }

    /** {distance (double), distance (float32), kernel (float32)}, rows x columns, row-major. */
    private INDArray[] arrays(int rows, int columns) {
      return byShape.computeIfAbsent(((long) rows << 32) | columns, key -> new INDArray[] {
          view(distanceMemory, rows, columns),
          view(distanceFloatMemory, rows, columns),
          view(kernelMemory, rows, columns)});
    }

    private static INDArray view(INDArray memory, int rows, int columns) {
      long[] shape = {rows, columns};
      return Nd4j.create(memory.data(), shape, new long[] {columns, 1}, 0, 'c');
    }

    void process(Chunk a, Chunk b, double[] noiseVariances, int[] sortedLabels,
        double[][] totalLower, double[][] sameLower, double[][] totalUpper, double[][] sameUpper) {
      INDArray[] arrays = arrays(a.size, b.size);
      INDArray distance = arrays[0];
      INDArray distanceFloat = arrays[1];
      INDArray kernelArray = arrays[2];
      // D = |a|^2 + |b|^2 - 2 a.b in one double GEMM, then float32, clamped at 0 (cancellation).
      Nd4j.gemm(a.left, b.right, distance, false, true, -2.0, 0.0);
      distanceFloat.assign(distance);
      Transforms.max(distanceFloat, 0.0, false);
      int elements = a.size * b.size;
      boolean diagonal = a == b;
      for (int m = 0; m < noiseVariances.length; m++) {
        // K = exp(max(-D / (8 s2), MIN_EXPONENT)): exp is 2-3x slower where it underflows.
        distanceFloat.mul(-1.0 / (8.0 * noiseVariances[m]), kernelArray);
        Transforms.max(kernelArray, MIN_EXPONENT, false);
        Transforms.exp(kernelArray, false);
        kernelArray.data().asNioFloat().get(kernel, 0, elements);
        accumulate(a, b, diagonal, sortedLabels,
            totalLower[m], sameLower[m], totalUpper[m], sameUpper[m]);
      }
    }

    /**
     * Adds the block's kernels (lower bound K, upper bound K^4) to the row sums of chunk a and, off
     * the diagonal, to the column sums of chunk b. Both bounds are summed in the same order, so the
     * upper bound's sums never exceed the lower bound's (K^4 &le; K elementwise, and rounding is
     * monotone); likewise a class-restricted sum never exceeds its total.
     */
    private void accumulate(Chunk a, Chunk b, boolean diagonal, int[] sortedLabels,
        double[] totalLower, double[] sameLower, double[] totalUpper, double[] sameUpper) {
      float[] e = kernel;
      int columns = b.size;
      if (!diagonal) {
        Arrays.fill(columnTotalLower, 0, columns, 0);
        Arrays.fill(columnSameLower, 0, columns, 0);
        Arrays.fill(columnTotalUpper, 0, columns, 0);
        Arrays.fill(columnSameUpper, 0, columns, 0);
      }
      double[] pair = new double[2];
      for (int r = 0; r < a.size; r++) {
        int row = a.start + r;
        int y = sortedLabels[row];
        int o = r * columns;
        if (diagonal) {
          e[o + r] = 1f; // D_ii = 0 exactly; the GEMM leaves rounding residue
        }
        double rowTotalLower = 0;
        double rowSameLower = 0;
        double rowTotalUpper = 0;
        double rowSameUpper = 0;
        for (int s = 0; s < b.segmentStart.length; s++) {
          int from = b.segmentStart[s];
          int to = b.segmentEnd[s];
          boolean same = b.segmentClass[s] == y;
          sumSegment(e, o + from, o + to, pair);
          rowTotalLower += pair[0];
          rowTotalUpper += pair[1];
          if (same) {
            rowSameLower += pair[0];
            rowSameUpper += pair[1];
            if (!diagonal) {
              addToColumns(e, o, from, to, columnSameLower, columnSameUpper);
            }
          }
        }
        if (!diagonal) {
          addToColumns(e, o, 0, columns, columnTotalLower, columnTotalUpper);
        }
        totalLower[row] += rowTotalLower;
        sameLower[row] += rowSameLower;
        totalUpper[row] += rowTotalUpper;
        sameUpper[row] += rowSameUpper;
      }
      if (!diagonal) {
        for (int c = 0; c < columns; c++) {
          int column = b.start + c;
          totalLower[column] += columnTotalLower[c];
          sameLower[column] += columnSameLower[c];
          totalUpper[column] += columnTotalUpper[c];
          sameUpper[column] += columnSameUpper[c];
        }
      }
    }
  }

  /**
   * pair = {sum K, sum K^4} over e[from, to), in double with four interleaved partial sums each
   * (the same order for both, so the second never exceeds the first). Small methods keep the JIT's
   * code for these loops tight: inlined into the block loop they ran at half the speed.
   */
  private static void sumSegment(float[] e, int from, int to, double[] pair) {
    double l0 = 0;
    double l1 = 0;
    double l2 = 0;
    double l3 = 0;
    double u0 = 0;
    double u1 = 0;
    double u2 = 0;
    double u3 = 0;
    int j = from;
    for (; j + 3 < to; j += 4) {
      double k0 = e[j];
      double k1 = e[j + 1];
      double k2 = e[j + 2];
      double k3 = e[j + 3];
      l0 += k0;
      l1 += k1;
      l2 += k2;
      l3 += k3;
      k0 *= k0;
      k1 *= k1;
      k2 *= k2;
      k3 *= k3;
      u0 += k0 * k0;
      u1 += k1 * k1;
      u2 += k2 * k2;
      u3 += k3 * k3;
    }
    for (; j < to; j++) {
      double k0 = e[j];
      l0 += k0;
      k0 *= k0;
      u0 += k0 * k0;
    }
    pair[0] = (l0 + l1) + (l2 + l3);
    pair[1] = (u0 + u1) + (u2 + u3);
  }

  /** lower[c] += K, upper[c] += K^4 for the kernels e[offset + c], c in [from, to). */
  private static void addToColumns(float[] e, int offset, int from, int to, double[] lower,
      double[] upper) {
    for (int c = from; c < to; c++) {
      double k = e[offset + c];
      double q = k * k;
      lower[c] += k;
      upper[c] += q * q;
    }
  }
}
