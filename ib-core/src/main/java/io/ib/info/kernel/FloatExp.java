package io.ib.info.kernel;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The float32 exp of the kernels: ND4J's, over a Java array through off-heap memory allocated
 * once, and the same function computed in Java where it gives ND4J's values.
 *
 * <p>ND4J's exp gives each element the same value at any position and array length
 * (KernelExpPositionTest). It calls the C library's expf; glibc's (since 2.27) is the algorithm
 * of Arm's Optimized Routines: x / ln 2 = k / 32 + r / 32, 2^(k/32) from a table, 2^(r/32) by a
 * cubic, all in double, rounded once to float. {@link #inJava} is that algorithm with the fused
 * multiply-adds of glibc's FMA build: on the development machine (glibc 2.36, x86-64 with FMA) it
 * gave ND4J's value for every one of the 1,116,340,225 floats in [-69, 0] (FloatExpTest's
 * exhaustive check). Java's correctly rounded Math.exp differs from it on about 1e-4 of them.
 * {@link #javaMatchesNd4j} checks a sample of a million exponents once per JVM; where the C
 * library differs (another libc, a build without FMA), the kernels are left to ND4J.
 */
final class FloatExp {
  private static final int TABLE_BITS = 5;
  private static final int TABLE_SIZE = 1 << TABLE_BITS;
  /** 2^(i/32) as double bits, less i << (52 - 5), so that adding k << 47 scales by 2^(k div 32). */
  private static final long[] TABLE = new long[TABLE_SIZE];
  private static final double INV_LN2_SCALED = 0x1.71547652b82fep+0 * TABLE_SIZE;
  /** Adding it rounds a double to an integer held in the low bits of its representation. */
  private static final double SHIFT = 0x1.8p+52;
  /** The cubic's coefficients for 2^(r/32), r in [-1/2, 1/2]: Arm's, scaled by 32^-3, -2, -1. */
  private static final double C0 = 0x1.c6af84b912394p-5 / TABLE_SIZE / TABLE_SIZE / TABLE_SIZE;
  private static final double C1 = 0x1.ebfce50fac4f3p-3 / TABLE_SIZE / TABLE_SIZE;
  private static final double C2 = 0x1.62e42ff0c52d6p-1 / TABLE_SIZE;

  static {
    for (int i = 0; i < TABLE_SIZE; i++) {
      TABLE[i] = Double.doubleToRawLongBits(StrictMath.pow(2, i / (double) TABLE_SIZE))
          - ((long) i << (52 - TABLE_BITS));
    }
  }

  private final INDArray memory;
  private final FloatBuffer buffer;

  /** @param capacity the most elements one call of {@link #applyTo} takes */
  FloatExp(int capacity) {
    memory = Nd4j.create(DataType.FLOAT, Math.max(1, capacity));
    buffer = memory.data().asNioFloat();
  }

  /** x[0, count) = exp(x[0, count)) in float32, by ND4J. */
  void applyTo(float[] x, int count) {
    if (count == 0) {
      return;
    }
    INDArray values = Nd4j.create(memory.data(), new long[] {count}, new long[] {1}, 0, 'c');
    buffer.put(0, x, 0, count);
    Transforms.exp(values, false);
    buffer.get(0, x, 0, count);
  }

  /** exp(x) in float32 by ND4J. */
  static float of(float x) {
    INDArray one = Nd4j.create(new float[] {x}, new long[] {1}, DataType.FLOAT);
    return Transforms.exp(one, false).getFloat(0);
  }

  /**
   * exp(x) in float32 by glibc's algorithm, for x in [-87, 0] (the kernels' exponents; no
   * overflow, underflow or NaN handling).
   */
  static float inJava(float x) {
    double xd = x;
    double shifted = Math.fma(INV_LN2_SCALED, xd, SHIFT);
    long k = Double.doubleToRawLongBits(shifted);
    double kd = shifted - SHIFT;
    double r = Math.fma(INV_LN2_SCALED, xd, -kd);
    double scale = Double.longBitsToDouble(
        TABLE[(int) (k & (TABLE_SIZE - 1))] + (k << (52 - TABLE_BITS)));
    double cubic = Math.fma(Math.fma(C0, r, C1), r * r, Math.fma(C2, r, 1));
    return (float) (cubic * scale);
  }

  /**
   * Whether {@link #inJava} gives ND4J's value on a sample of about a million exponents spread
   * over [-69, 0] (every 1021st float) and on the exponents near 0; computed once per JVM.
   */
  static boolean javaMatchesNd4j() {
    return Check.MATCHES;
  }

  private static final class Check {
    static final boolean MATCHES = check();

    private static boolean check() {
      int last = Float.floatToRawIntBits(69f);
      int stride = 1021;
      int count = last / stride + 1 + 4096;
      float[] x = new float[count];
      int c = 0;
      for (int bits = 0; bits <= last; bits += stride) {
        x[c++] = -Float.intBitsToFloat(bits);
      }
      for (int bits = Float.floatToRawIntBits(1f); c < count; bits -= 1) {
        x[c++] = -Float.intBitsToFloat(bits);
      }
      float[] y = x.clone();
      new FloatExp(count).applyTo(y, count);
      for (int i = 0; i < count; i++) {
        if (Float.floatToRawIntBits(inJava(x[i])) != Float.floatToRawIntBits(y[i])) {
          return false;
        }
      }
      return true;
    }
  }
}
