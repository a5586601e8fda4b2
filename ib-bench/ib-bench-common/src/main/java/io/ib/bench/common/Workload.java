package io.ib.bench.common;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The work every contender does, in one binary file written once per benchmark run by the harness and
 * read (memory-mapped) by each contender's JVM: the MNIST arrays, the mini-batch order of every epoch,
 * the initial parameters of every width and the measured steps. Sharing the file, not a recipe, is
 * what makes the contenders do the same work: same batches in the same order, same initial weights.
 *
 * <p>Layout, little-endian: int magic {@code 0x49424257}, int version; ints nTrain, nTest, inputSize,
 * numClasses, batchSize, epochs, hidden1 (the first hidden layer's width); int nWidths, widths; int
 * nMeasured, measured steps; float trainX[nTrain * inputSize] (row-major, pixels in [0, 1]); int
 * trainY[nTrain]; float testX[nTest * inputSize]; int testY[nTest]; per epoch int permutation[nTrain];
 * per width int count and float parameters[count] in ib's layout (W0 as inputSize x hidden1
 * row-major, b0, W1 as hidden1 x k, b1, W2 as k x numClasses, b2).
 */
public final class Workload {
  private static final int MAGIC = 0x49424257;
  private static final int VERSION = 1;

  private final int nTrain;
  private final int nTest;
  private final int inputSize;
  private final int numClasses;
  private final int batchSize;
  private final int epochs;
  private final int hidden1;
  private final int[] widths;
  private final int[] measuredSteps;
  private final FloatBuffer trainX;
  private final IntBuffer trainY;
  private final FloatBuffer testX;
  private final IntBuffer testY;
  private final List<IntBuffer> permutations;
  private final List<FloatBuffer> parameters;

  private Workload(ByteBuffer b) {
    if (b.getInt() != MAGIC || b.getInt() != VERSION) {
      throw new IllegalArgumentException("not a benchmark workload file (magic/version mismatch)");
    }
    nTrain = b.getInt();
    nTest = b.getInt();
    inputSize = b.getInt();
    numClasses = b.getInt();
    batchSize = b.getInt();
    epochs = b.getInt();
    hidden1 = b.getInt();
    widths = ints(b, b.getInt());
    measuredSteps = ints(b, b.getInt());
    trainX = floatSlice(b, (long) nTrain * inputSize);
    trainY = intSlice(b, nTrain);
    testX = floatSlice(b, (long) nTest * inputSize);
    testY = intSlice(b, nTest);
    permutations = new ArrayList<>();
    for (int e = 0; e < epochs; e++) {
      permutations.add(intSlice(b, nTrain));
    }
    parameters = new ArrayList<>();
    for (int w = 0; w < widths.length; w++) {
      parameters.add(floatSlice(b, b.getInt()));
    }
  }

  /** Maps a workload file (read-only). */
  public static Workload read(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
      map.order(ByteOrder.LITTLE_ENDIAN);
      return new Workload(map);
    }
  }

  /** What the writer needs; arrays are row-major. */
  public record Spec(int inputSize, int numClasses, int batchSize, int epochs, int hidden1,
      int[] widths, int[] measuredSteps, float[] trainX, int[] trainY, float[] testX, int[] testY,
      List<int[]> permutations, List<float[]> parameters) {}

  /** Writes a workload file atomically (temporary file, then move). */
  public static void write(Path file, Spec s) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (OutputStream raw = Files.newOutputStream(tmp);
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 20))) {
      ByteBuffer chunk = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
      Sink sink = new Sink(out, chunk);
      sink.putInt(MAGIC).putInt(VERSION).putInt(s.trainY().length).putInt(s.testY().length)
          .putInt(s.inputSize()).putInt(s.numClasses()).putInt(s.batchSize()).putInt(s.epochs())
          .putInt(s.hidden1());
      sink.putInt(s.widths().length).putInts(s.widths());
      sink.putInt(s.measuredSteps().length).putInts(s.measuredSteps());
      sink.putFloats(s.trainX()).putInts(s.trainY()).putFloats(s.testX()).putInts(s.testY());
      for (int[] p : s.permutations()) {
        sink.putInts(p);
      }
      for (float[] p : s.parameters()) {
        sink.putInt(p.length).putFloats(p);
      }
      sink.flush();
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  public int trainSize() {
    return nTrain;
  }

  public int testSize() {
    return nTest;
  }

  public int inputSize() {
    return inputSize;
  }

  public int numClasses() {
    return numClasses;
  }

  public int batchSize() {
    return batchSize;
  }

  public int epochs() {
    return epochs;
  }

  /** Width of the first hidden layer (256). */
  public int hidden1() {
    return hidden1;
  }

  public int[] widths() {
    return widths.clone();
  }

  /** Steps after which the test set is measured (0 = before training), increasing. */
  public int[] measuredSteps() {
    return measuredSteps.clone();
  }

  /** Mini-batches per epoch, ceil(nTrain / batchSize). */
  public int stepsPerEpoch() {
    return (nTrain + batchSize - 1) / batchSize;
  }

  public float[] trainX() {
    return floats(trainX);
  }

  public int[] trainY() {
    return ints(trainY);
  }

  public float[] testX() {
    return floats(testX);
  }

  public int[] testY() {
    return ints(testY);
  }

  /** The sample order of epoch {@code epoch} (1-based). */
  public int[] permutation(int epoch) {
    return ints(permutations.get(epoch - 1));
  }

  /** The initial parameters of the network of bottleneck width {@code width}, in ib's layout. */
  public float[] initialParameters(int width) {
    for (int i = 0; i < widths.length; i++) {
      if (widths[i] == width) {
        return floats(parameters.get(i));
      }
    }
    throw new IllegalArgumentException("width " + width + " is not in the workload");
  }

  /**
   * Cuts ib's flat parameter vector into W0, b0, W1, b1, W2, b2 (weights fanIn x fanOut, row-major).
   */
  public float[][] layers(int width) {
    float[] flat = initialParameters(width);
    int[] fan = {inputSize, hidden1, width, numClasses};
    float[][] out = new float[6][];
    int off = 0;
    for (int l = 0; l < 3; l++) {
      int w = fan[l] * fan[l + 1];
      out[2 * l] = java.util.Arrays.copyOfRange(flat, off, off + w);
      off += w;
      out[2 * l + 1] = java.util.Arrays.copyOfRange(flat, off, off + fan[l + 1]);
      off += fan[l + 1];
    }
    return out;
  }

  private static int[] ints(ByteBuffer b, int n) {
    int[] v = new int[n];
    for (int i = 0; i < n; i++) {
      v[i] = b.getInt();
    }
    return v;
  }

  private static FloatBuffer floatSlice(ByteBuffer b, long n) {
    ByteBuffer s = b.slice(b.position(), Math.toIntExact(n * 4)).order(ByteOrder.LITTLE_ENDIAN);
    b.position(Math.toIntExact(b.position() + n * 4));
    return s.asFloatBuffer();
  }

  private static IntBuffer intSlice(ByteBuffer b, int n) {
    ByteBuffer s = b.slice(b.position(), n * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.position(b.position() + n * 4);
    return s.asIntBuffer();
  }

  private static float[] floats(FloatBuffer b) {
    float[] v = new float[b.capacity()];
    b.duplicate().get(v);
    return v;
  }

  private static int[] ints(IntBuffer b) {
    int[] v = new int[b.capacity()];
    b.duplicate().get(v);
    return v;
  }

  /** Little-endian writer through a reusable chunk. */
  private static final class Sink {
    private final DataOutputStream out;
    private final ByteBuffer chunk;

    Sink(DataOutputStream out, ByteBuffer chunk) {
      this.out = out;
      this.chunk = chunk;
    }

    Sink putInt(int v) throws IOException {
      room(4);
      chunk.putInt(v);
      return this;
    }

    Sink putInts(int[] v) throws IOException {
      for (int x : v) {
        putInt(x);
      }
      return this;
    }

    Sink putFloats(float[] v) throws IOException {
      for (float x : v) {
        room(4);
        chunk.putFloat(x);
      }
      return this;
    }

    private void room(int n) throws IOException {
      if (chunk.remaining() < n) {
        flush();
      }
    }

    void flush() throws IOException {
      out.write(chunk.array(), 0, chunk.position());
      chunk.clear();
      out.flush();
    }
  }
}
