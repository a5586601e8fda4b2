package io.ib.train.internal;

import io.ib.data.LabelledData;
import io.ib.internal.HostCopy;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Gathers mini-batches from a training set: the inputs into preallocated buffers (no allocation after
 * the first epoch), the labels as a Java array. Not thread-safe: one instance per thread; use
 * {@link #forAnotherThread()} to share the training set's index between threads.
 *
 * <p>Float data on the CPU backend is gathered with one memory copy per row through the arrays'
 * direct buffers: 130 us for 256 random MNIST rows against 230 us for {@code Nd4j.pullRows}, which
 * remains the path elsewhere.
 *
 * <p>Sparse float data (at most half non-zero, like MNIST's pixels) is also indexed row by row, so
 * that {@link #batch} can hand the first layer only the batch's active columns (see
 * {@link InputBatch}). Filling those from the index reads under a third of the bytes of a dense
 * gather. The index is built once, in the constructor, on all cores (the common fork-join pool).
 */
public final class MiniBatches {
  // Active-column batches are padded to a multiple of this many columns, which keeps the number of
  // distinct buffer shapes (each with its own prepared ND4J calls) small.
  static final int WIDTH_STEP = 32;
  private final INDArray features;
  private final int[] labels;
  private final FloatBuffer source; // null: gather with pullRows
  private final SparseRows sparse; // null: every batch has all columns
  // Two batch sizes occur per epoch (full batches and the shorter last one): one buffer each.
  private final Map<Integer, INDArray> xBuffers = new HashMap<>();
  private final Map<Integer, FloatBuffer> xTargets = new HashMap<>();
  // Active-column buffers: one store of rows x all columns per batch size, whose first rows x width
  // values serve as the batch of each padded width (a contiguous view, cached by rows and width), so
  // batches of different widths share memory.
  private final Map<Integer, INDArray> activeStores = new HashMap<>();
  private final Map<Long, INDArray> activeBuffers = new HashMap<>();
  private final Map<Integer, FloatBuffer> activeTargets = new HashMap<>();
  private final long[] mask;
  private final int[] activeColumns;
  private final int[] position;
  private float[] scratch = new float[0];
  private long touched; // keeps the prefetching reads of fillActive alive

  /**
   * @param data the training set
   * @param type the models' floating-point type (the features are converted once)
   */
  public MiniBatches(LabelledData data, DataType type) {
    this(data.withDataType(type).features(), data.labels());
  }

  private MiniBatches(INDArray features, int[] labels) {
    this(features, labels, directSource(features));
  }

  private MiniBatches(INDArray features, int[] labels, FloatBuffer source) {
    this(features, labels, source, source == null ? null
        : SparseRows.index(source, features.rows(), features.columns()));
  }

  private MiniBatches(INDArray features, int[] labels, FloatBuffer source, SparseRows sparse) {
    this.features = features;
    this.labels = labels;
    this.source = source;
    this.sparse = sparse;
    int d = features.columns();
    this.mask = sparse == null ? null : new long[sparse.maskWords];
    this.activeColumns = sparse == null ? null : new int[d];
    this.position = sparse == null ? null : new int[d];
  }

  /** The features' direct buffer where rows can be copied from it, else null. */
  private static FloatBuffer directSource(INDArray features) {
    boolean copyRows = HostCopy.hostMemory() && features.dataType() == DataType.FLOAT
        && !features.isView() && features.ordering() == 'c'
        && features.data().length() == features.length()
        && features.length() <= Integer.MAX_VALUE; // a FloatBuffer's indices are ints
    return copyRows ? features.data().asNioFloat() : null;
  }

  /**
   * A gatherer of the same training set for another thread: it shares this one's data and read-only
   * index, and has its own buffers.
   */
  public MiniBatches forAnotherThread() {
    return new MiniBatches(features, labels, source, sparse);
  }

  /** True if {@link #batch} can return active columns (the training set is sparse and indexed). */
  public boolean indexed() {
    return sparse != null;
  }

  /**
   * The inputs of the rows {@code order[from .. from+rows)}: their active columns where that leaves
   * out at least an eighth of the columns, else all columns. Valid until the next call.
   */
  public InputBatch batch(int[] order, int from, int rows) {
    if (sparse == null) {
      return InputBatch.dense(inputs(order, from, rows));
    }
    int d = sparse.columns;
    Arrays.fill(mask, 0L);
    for (int i = 0; i < rows; i++) {
      int base = order[from + i] * sparse.maskWords;
      for (int w = 0; w < mask.length; w++) {
        mask[w] |= sparse.masks[base + w];
      }
    }
    int count = 0;
    for (int w = 0; w < mask.length; w++) {
      for (long bits = mask[w]; bits != 0; bits &= bits - 1) {
        int j = w * 64 + Long.numberOfTrailingZeros(bits);
        position[j] = count;
        activeColumns[count++] = j;
      }
    }
    int width = Math.max(WIDTH_STEP, (count + WIDTH_STEP - 1) / WIDTH_STEP * WIDTH_STEP);
    if (8L * width > 7L * d) {
      return InputBatch.dense(inputs(order, from, rows));
    }
    long key = ((long) rows << 32) | width;
    INDArray store = activeStores.computeIfAbsent(
        rows, r -> Nd4j.createUninitialized(DataType.FLOAT, (long) r * d));
    INDArray buffer = activeBuffers.computeIfAbsent(
        key, k -> store.get(NDArrayIndex.interval(0, (long) rows * width)).reshape('c', rows, width));
    FloatBuffer target = activeTargets.computeIfAbsent(rows, r -> store.data().asNioFloat());
    fillActive(order, from, rows, width);
    target.put(0, scratch, 0, rows * width);
    return InputBatch.activeColumns(buffer, d, activeColumns, count);
  }

  // Row r's entries go to scratch[i * width + position[column]]; other places are zero.
  private void fillActive(int[] order, int from, int rows, int width) {
    int[] start = sparse.rowStart;
    char[] column = sparse.column;
    float[] value = sparse.value;
    // Each row's entries are a cache miss away; reading one value per cache line of every row first
    // lets those misses overlap (the filling loop below is too long per row for the CPU to run
    // ahead into the next row). It halved the fill on MNIST (240 -> 120 us per batch of 256).
    long sum = 0;
    for (int i = 0; i < rows; i++) {
      int r = order[from + i];
      for (int q = start[r], end = start[r + 1]; q < end; q += 16) {
        sum += column[q] + Float.floatToRawIntBits(value[q]);
      }
    }
    touched += sum;
    if (scratch.length < rows * width) {
      scratch = new float[rows * width];
    }
    float[] out = scratch;
    Arrays.fill(out, 0, rows * width, 0f);
    for (int i = 0; i < rows; i++) {
      int r = order[from + i];
      int base = i * width;
      for (int q = start[r], end = start[r + 1]; q < end; q++) {
        out[base + position[column[q]]] = value[q];
      }
    }
  }

  /** The inputs of the rows {@code order[from .. from+rows)}, all columns; valid until the next call. */
  public INDArray inputs(int[] order, int from, int rows) {
    INDArray buffer = buffer(xBuffers, rows, features.columns());
    if (source == null) {
      Nd4j.pullRows(features, buffer, 1, Arrays.copyOfRange(order, from, from + rows));
      return buffer;
    }
    FloatBuffer target = xTargets.computeIfAbsent(rows, r -> buffer.data().asNioFloat());
    int d = features.columns();
    for (int i = 0; i < rows; i++) {
      target.put(i * d, source, order[from + i] * d, d);
    }
    return buffer;
  }

  /** The labels of the same rows. */
  public int[] labels(int[] order, int from, int rows) {
    int[] batch = new int[rows];
    for (int i = 0; i < rows; i++) {
      batch[i] = labels[order[from + i]];
    }
    return batch;
  }

  private INDArray buffer(Map<Integer, INDArray> buffers, int rows, long columns) {
    return buffers.computeIfAbsent(
        rows, r -> Nd4j.createUninitialized(features.dataType(), r, columns));
  }
}
