package io.ib.info.knn;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The blocked engine behind {@link KnnEstimator}: one pass over the n x n squared distances of
 * both spaces (X, the inputs, and T, the layer), a block of rows at a time, giving the sums of the
 * per-point terms of the KSG estimator of I(X;T) and of Ross's mixed estimator of I(T;Y). The rules
 * (which counts, ties) are documented in {@link KnnEstimator}; this class and the two it drives
 * document how: {@link SquaredDistanceRows} gives each space's rows of squared distances (one
 * GEMM per block, exact ties between repeated rows), and {@link NeighbourCounts} turns a point's
 * two rows into its terms; {@link PrefixCounts} reads X from the input cache, {@link FloatFilter}
 * gives T's rows from a float GEMM with the entries that decide a count made exact.
 */
final class NeighbourStatistics {
  /**
   * Working bytes per block element: the two double GEMM outputs (X and T) and their two Java
   * copies.
   */
  static final int BYTES_PER_BLOCK_ELEMENT = 32;

  /** Blocks computed without the input prefixes before they are tried again. */
  static final int RETRY_BLOCKS = 8;

  private final int n;
  private final int k;
  private final int variant;
  private final boolean standardize;
  private final double[] psi;

  /**
   * Sums of per-point terms, nats.
   *
   * @param ixtNats the KSG estimate of I(X;T), nats
   * @param ityNats the mixed estimate of I(T;Y), nats (0 when no label occurs twice)
   * @param ityPoints the points that entered the I(T;Y) estimate (those whose label is not unique)
   */
  record Result(double ixtNats, double ityNats, int ityPoints) {}

  private NeighbourStatistics(int n, int k, int variant, boolean standardize) {
    this.n = n;
    this.k = k;
    this.variant = variant;
    this.standardize = standardize;
    this.psi = Digamma.table(n);
  }

  /**
   * Runs both estimators.
   *
   * @param t the n x dt activations, row-major, finite: as they are, or their level indices
   *     ({@link LevelGrid#declared}: exact distances)
   * @param dt units of T
   * @param x n x dx inputs, row-major, finite
   * @param dx columns of X
   * @param labels n class indices in [0, numClasses)
   * @param numClasses number of classes
   * @param k neighbours, 1 &le; k &lt; n
   * @param variant 1 or 2 (the KSG variant)
   * @param standardize whether each space's squared distances are divided by its total variance
   * @param memoryBudgetBytes bound on the blocks' working memory (at least one row is used)
   */
  static Result compute(LevelGrid t, int dt, float[] x, int dx, int[] labels, int numClasses,
      int k, int variant, boolean standardize, long memoryBudgetBytes) {
    return compute(t, dt, x, dx, labels, numClasses, k, variant, standardize, memoryBudgetBytes,
        InputNeighbourCache.limitBytes(), null);
  }

  /** As above for a continuous T, with the input cache's limit given (0: none). */
  static Result compute(float[] t, int dt, float[] x, int dx, int[] labels, int numClasses, int k,
      int variant, boolean standardize, long memoryBudgetBytes, long cacheLimitBytes) {
    return compute(LevelGrid.continuous(t), dt, x, dx, labels, numClasses, k, variant, standardize,
        memoryBudgetBytes, cacheLimitBytes, null);
  }

  /**
   * As above, with the input cache's limit given ({@link InputNeighbourCache}, 0: none) and, if
   * {@code trace} is not null, each point's counts written to it (only without the cache).
   */
  static Result compute(LevelGrid t, int dt, float[] x, int dx, int[] labels, int numClasses,
      int k, int variant, boolean standardize, long memoryBudgetBytes, long cacheLimitBytes,
      PointCounts trace) {
    int n = labels.length;
    NeighbourStatistics s = new NeighbourStatistics(n, k, variant, standardize);
    InputNeighbours inputs = InputNeighbourCache.lookup(x, n, dx, blockRows(n, memoryBudgetBytes),
        trace == null ? cacheLimitBytes : 0);
    if (inputs == null || inputs.isComplete()) {
      return s.run(t, dt, x, dx, labels, numClasses, memoryBudgetBytes, inputs, trace);
    }
    try {
      Result r = s.run(t, dt, x, dx, labels, numClasses, memoryBudgetBytes, inputs, null);
      inputs.complete();
      return r;
    } catch (RuntimeException | Error e) {
      InputNeighbourCache.abandon(inputs);
      throw e;
    }
  }

  /**
   * Rows per block for a budget: at least 1, at most n, and few enough that a block of rows x n
   * doubles fits a Java array.
   */
  static int blockRows(int n, long memoryBudgetBytes) {
    long rows = memoryBudgetBytes / ((long) BYTES_PER_BLOCK_ELEMENT * n);
    rows = Math.min(rows, (Integer.MAX_VALUE - 8) / n);
    return (int) Math.max(1, Math.min(n, rows));
  }

  /**
   * The pass over the blocks. Without {@code inputs}, X's rows come from its own GEMM per block;
   * with an entry to fill, the same, each row recorded unscaled before it is scaled; with a
   * complete entry, from the prefixes, and X's GEMM runs only for the blocks that hold a point the
   * prefixes cannot decide, for those points.
   */
  private Result run(LevelGrid t, int dt, float[] x, int dx, int[] labels, int numClasses,
      long memoryBudgetBytes, InputNeighbours inputs, PointCounts trace) {
    // With an entry, X's rows are computed unscaled and scaled here: v * f is what a scaled space
    // computes (SquaredDistanceRows.finishRow), and the entry serves every scale.
    SquaredDistanceRows spaceX;
    double xFactor;
    if (inputs != null) {
      spaceX = inputs.space;
      xFactor = standardize ? inputs.standardizedFactor : inputs.rawFactor;
    } else {
      LevelGrid gridX = LevelGrid.detected(x, dx);
      spaceX = new SquaredDistanceRows(gridX, n, dx, gridX.factor(n, dx, standardize));
      xFactor = 1;
    }
    boolean reading = inputs != null && inputs.isComplete();
    boolean recording = inputs != null && !reading;
    SquaredDistanceRows spaceT = new SquaredDistanceRows(t, n, dt, t.factor(n, dt, standardize));
    NeighbourCounts counts = new NeighbourCounts(n, k, variant, psi);
    PrefixCounts prefix = reading ? new PrefixCounts(n, k, variant, psi, inputs, xFactor) : null;

    ClassMembers classes = ClassMembers.of(labels, numClasses);
    int[] classCount = classes.count();
    int[][] members = classes.members();
    int[] dropped = classes.dropped();

    int rowsPerBlock = blockRows(n, memoryBudgetBytes);
    INDArray gxMemory = Nd4j.create(DataType.DOUBLE, (long) rowsPerBlock * n);
    INDArray gtMemory = Nd4j.create(DataType.DOUBLE, (long) rowsPerBlock * n);
    double[] bx = new double[rowsPerBlock * n];
    double[] bt = new double[rowsPerBlock * n];
    double[] best = new double[Math.max(k, 1)];
    double[] terms = new double[rowsPerBlock];
    double[] scratch = recording ? new double[n] : null;
    // T from a float GEMM (FloatFilter), once the first block has shown that its exact values are
    // this GEMM's.
    FloatFilter filter = variant == 1 ? FloatFilter.of(spaceT) : null;
    boolean floatRows = false;
    INDArray ftMemory = filter == null ? null : Nd4j.create(DataType.FLOAT, (long) rowsPerBlock * n);
    float[] floatRow = filter == null ? null : new float[n];
    // A T row read with the prefix lives in one row's array, which stays in cache, instead of the
    // block's (a point the prefix leaves undecided gets its row again from the GEMM's block).
    double[] tRow = reading ? new double[n] : null;
    long[] keys = recording ? new long[inputs.m] : null;

    double ksgSum = 0;
    double sumPsiK = 0;
    double sumPsiM = 0;
    double sumPsiNy = 0;
    int kept = 0;
    // Where most points of a block reach beyond their prefixes (eps inside the input distances but
    // past the m nearest), trying the prefix first only adds work: after such a block the next
    // blocks compute X's rows at once, and the prefix is tried again every RETRY_BLOCKS blocks.
    int sinceTried = 0;
    boolean prefixDecides = true;
    for (int r0 = 0; r0 < n; r0 += rowsPerBlock) {
      int rows = Math.min(rowsPerBlock, n - r0);
      boolean fromPrefix = reading && (prefixDecides || sinceTried >= RETRY_BLOCKS);
      sinceTried = fromPrefix ? 0 : sinceTried + 1;
      DoubleBuffer gx = fromPrefix ? null : spaceX.negativeTwiceDots(r0, rows, gxMemory, bx);
      boolean fast = floatRows;
      DoubleBuffer gt = fast ? null : spaceT.negativeTwiceDots(r0, rows, gtMemory, bt);
      FloatBuffer ft = fast ? filter.negativeTwiceDots(r0, rows, ftMemory) : null;
      boolean reproduced = filter != null && r0 == 0 && rows < n;
      int undecided = 0;
      for (int r = 0; r < rows; r++) {
        int i = r0 + r;
        int o = r * n;
        // Row by row, so that the row is still in cache when it is finished and read.
        double[] rowT = fromPrefix ? tRow : bt;
        int ot = fromPrefix ? 0 : o;
        if (fast) {
          filter.approximateRow(ft, o, floatRow, rowT, ot, i);
        } else {
          if (gt != null) {
            gt.get(o, rowT, ot, n);
          } else if (fromPrefix) {
            System.arraycopy(bt, o, rowT, ot, n);
          }
          spaceT.finishRow(rowT, ot, i);
          if (reproduced && (r < 2 || r == rows / 2 || r >= rows - 2)) {
            reproduced = filter.reproduces(i, rowT, ot);
          }
        }
        if (!fromPrefix) {
          if (gx != null) {
            gx.get(o, bx, o, n);
          }
          spaceX.finishRow(bx, o, i);
          if (recording) {
            inputs.record(i, bx, o, scratch, keys);
          }
          scale(bx, o, xFactor);
        }
        int y = labels[i];
        int ky = classCount[y] > 1 ? Math.min(k, classCount[y] - 1) : 0;
        if (fast) {
          terms[r] = settled(filter, i, rowT, ot, fromPrefix ? prefix : null, bx, members[y],
              dropped, ky, counts, best);
        } else {
          terms[r] = fromPrefix ? prefix.ksgTerm(i, rowT, ot, best)
              : counts.ksgTerm(bx, rowT, ot, best);
          if (ky > 0) {
            counts.mixedCounts(rowT, ot, members[y], dropped, ky, best);
          }
        }
        undecided += Double.isNaN(terms[r]) ? 1 : 0;
        if (trace != null) {
          trace.ksg(i, counts);
        }
        if (ky > 0) {
          sumPsiK += psi[counts.mixedK()];
          sumPsiM += psi[counts.mixedM()];
          sumPsiNy += psi[classCount[y]];
          kept++;
          if (trace != null) {
            trace.mixed(i, counts);
          }
        }
      }
      if (fromPrefix) {
        prefixDecides = 2 * undecided <= rows;
      }
      if (undecided > 0) {
        gx = spaceX.negativeTwiceDots(r0, rows, gxMemory, bx);
        for (int r = 0; r < rows; r++) {
          if (Double.isNaN(terms[r])) {
            int o = r * n;
            if (gx != null) {
              gx.get(o, bx, o, n);
            }
            spaceX.finishRow(bx, o, r0 + r);
            scale(bx, o, xFactor);
            // The point's T row again, from the GEMM's block (undecided points are read with the
            // prefix, whose rows are not kept).
            if (fast) {
              filter.approximateRow(ft, o, floatRow, bt, o, r0 + r);
              terms[r] = settled(filter, r0 + r, bt, o, null, bx, null, null, 0, counts, best);
            } else {
              if (gt != null) {
                gt.get(o, bt, o, n);
              }
              spaceT.finishRow(bt, o, r0 + r);
              terms[r] = counts.ksgTerm(bx, bt, o, best);
            }
          }
        }
      }
      floatRows = reproduced || floatRows;
      for (int r = 0; r < rows; r++) {
        ksgSum += terms[r]; // in row order, as one pass over the rows would add them
      }
    }
    double ixt = psi[n] + ksgSum / n;
    double ity = kept == 0 ? 0 : psi[kept] + (sumPsiK - sumPsiNy - sumPsiM) / kept;
    return new Result(ixt, ity, kept);
  }

  /**
   * Point i's KSG term and (for ky &gt; 0) mixed counts from its approximate T row bt[o, o + n)
   * ({@link FloatFilter}): entries around the thresholds made exact until the thresholds of a run
   * lie within the row's bound of those they were made exact around. With {@code prefix} the
   * term is read from the input prefix (it may be UNDECIDED), else from the X row bx.
   */
  private double settled(FloatFilter filter, int i, double[] bt, int o, PrefixCounts prefix,
      double[] bx, int[] sameClass, int[] dropped, int ky, NeighbourCounts counts,
      double[] best) {
    double margin = filter.rowBound(i);
    double r1 = ky > 0 ? NeighbourCounts.kthSmallestOf(bt, o, sameClass, ky, best) : Double.NaN;
    double e1 = prefix != null ? prefix.worst(i, bt, o, best)
        : NeighbourCounts.kthSmallestJoint(bx, bt, o, n, k, best);
    while (true) {
      // rho is compared with T only where the joint k-th distance can pass tau, 0 only where a
      // threshold can be 0.
      double rho = prefix != null && e1 + 2 * margin > prefix.tau(i) ? prefix.rho(i) : Double.NaN;
      double zero = e1 <= margin || r1 <= margin ? 0 : Double.NaN;
      filter.settle(i, bt, o, e1, r1, rho, zero, margin);
      double term = prefix != null ? prefix.ksgTerm(i, bt, o, best)
          : counts.ksgTerm(bx, bt, o, best);
      double e2 = prefix != null ? prefix.lastWorst() : counts.lastEps();
      double r2 = Double.NaN;
      if (ky > 0) {
        counts.mixedCounts(bt, o, sameClass, dropped, ky, best);
        r2 = counts.lastR();
      }
      if (near(e2, e1, margin) && (ky == 0 || near(r2, r1, margin))) {
        return term;
      }
      e1 = e2;
      r1 = r2;
    }
  }

  private static boolean near(double a, double b, double margin) {
    return a == b || Math.abs(a - b) <= margin;
  }

  /** b[o, o + n) *= f, as the scaled space's finishRow would have (0 stays 0, +infinity too). */
  private void scale(double[] b, int o, double f) {
    if (f != 1) {
      for (int j = o, end = o + n; j < end; j++) {
        b[j] *= f;
      }
    }
  }
}
