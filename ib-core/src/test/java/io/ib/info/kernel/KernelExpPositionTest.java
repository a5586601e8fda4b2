package io.ib.info.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * What {@link KernelBlockSums} relies on to exp only the exponents above the clamp: ND4J's float32
 * exp gives an element the same value whatever its position and the array's length (a vectorised
 * body and a scalar tail computing differently would break it), so the gathered exponents get
 * exactly the kernels of one pass over the whole block. Also that exp(-69) is what the block uses
 * for every clamped exponent.
 */
class KernelExpPositionTest {
  private static float[] exp(float[] in, int from, int length) {
    INDArray a = Nd4j.create(DataType.FLOAT, length);
    a.data().asNioFloat().put(0, in, from, length);
    Transforms.exp(a, false);
    float[] out = new float[length];
    a.data().asNioFloat().get(0, out, 0, length);
    return out;
  }

  @Test
  void expOfAnElementDoesNotDependOnItsPositionOrTheArrayLength() {
    SplittableRandom rng = new SplittableRandom(69);
    int n = 1 << 16;
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = -69f * rng.nextFloat(); // every exponent the kernels take, the clamp included
    }
    x[0] = -69f;
    x[1] = 0f;
    float[] whole = exp(x, 0, n);
    for (int from = 1; from < 40; from++) {
      for (int length : new int[] {1, 2, 3, 5, 7, 8, 9, 15, 16, 17, 31, 33, 1000, n - from}) {
        float[] part = exp(x, from, length);
        for (int i = 0; i < length; i++) {
          assertEquals(Float.floatToRawIntBits(whole[from + i]), Float.floatToRawIntBits(part[i]),
              "exp(" + x[from + i] + ") at offset " + from + ", length " + length);
        }
      }
    }
  }
}
