package io.ib.bench.common;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The work of the 12-bit experiment (Shwartz-Ziv &amp; Tishby 2017) that every contender does, written
 * by the harness from ib's own data loading and seeding: the training samples in their file order,
 * the samples measured on (all of them), the layer sizes, batch size, epochs, the epochs measured at
 * their start, and every seed's initial parameters in ib's layout (W as fanIn x fanOut row-major, then
 * b, layer after layer).
 *
 * @param layers layer sizes, input first, classes last (e.g. 12, 10, 7, 5, 4, 3, 2)
 * @param trainX training inputs, row-major
 * @param trainY training labels
 * @param evalX measured inputs, row-major
 * @param evalY measured labels
 * @param batchSize rows per mini-batch, in file order, the last batch shorter
 * @param epochs training epochs
 * @param measuredEpochs 0-based epochs measured at their start
 * @param seeds the seeds
 * @param parameters each seed's initial parameters
 */
public record TwelveBitWorkload(int[] layers, float[] trainX, int[] trainY, float[] evalX,
    int[] evalY, int batchSize, int epochs, int[] measuredEpochs, long[] seeds,
    List<float[]> parameters) {
  private static final int MAGIC = 0x49423132;

  public void write(Path file) throws IOException {
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
        Files.newOutputStream(file), 1 << 16))) {
      out.writeInt(MAGIC);
      ints(out, layers);
      floats(out, trainX);
      ints(out, trainY);
      floats(out, evalX);
      ints(out, evalY);
      out.writeInt(batchSize);
      out.writeInt(epochs);
      ints(out, measuredEpochs);
      out.writeInt(seeds.length);
      for (int s = 0; s < seeds.length; s++) {
        out.writeLong(seeds[s]);
        floats(out, parameters.get(s));
      }
    }
  }

  public static TwelveBitWorkload read(Path file) throws IOException {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(
        Files.newInputStream(file), 1 << 16))) {
      if (in.readInt() != MAGIC) {
        throw new IOException(file + " is not a 12-bit workload");
      }
      int[] layers = ints(in);
      float[] trainX = floats(in);
      int[] trainY = ints(in);
      float[] evalX = floats(in);
      int[] evalY = ints(in);
      int batch = in.readInt();
      int epochs = in.readInt();
      int[] measured = ints(in);
      int n = in.readInt();
      long[] seeds = new long[n];
      List<float[]> params = new ArrayList<>();
      for (int s = 0; s < n; s++) {
        seeds[s] = in.readLong();
        params.add(floats(in));
      }
      return new TwelveBitWorkload(layers, trainX, trainY, evalX, evalY, batch, epochs, measured,
          seeds, params);
    }
  }

  private static void ints(DataOutputStream out, int[] v) throws IOException {
    out.writeInt(v.length);
    for (int x : v) {
      out.writeInt(x);
    }
  }

  private static void floats(DataOutputStream out, float[] v) throws IOException {
    out.writeInt(v.length);
    for (float x : v) {
      out.writeFloat(x);
    }
  }

  private static int[] ints(DataInputStream in) throws IOException {
    int[] v = new int[in.readInt()];
    for (int i = 0; i < v.length; i++) {
      v[i] = in.readInt();
    }
    return v;
  }

  private static float[] floats(DataInputStream in) throws IOException {
    float[] v = new float[in.readInt()];
    for (int i = 0; i < v.length; i++) {
      v[i] = in.readFloat();
    }
    return v;
  }
}
