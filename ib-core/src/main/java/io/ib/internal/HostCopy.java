package io.ib.internal;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Bulk copies between whole ND4J float arrays and Java {@code float[]}, for the steps that are faster
 * as one Java loop than as many small ND4J calls (each costs 10-40 us here). On the CPU backend the
 * copy is a memcpy through the array's direct buffer, with no allocation; on other backends it goes
 * through ND4J's own host transfer (correct, slower).
 */
public final class HostCopy {
  private static final boolean CPU =
      "CPU".equalsIgnoreCase(String.valueOf(Nd4j.getExecutioner().getEnvironmentInformation()
          .getProperty("backend")));

  private HostCopy() {}

  /** True on ND4J's native CPU backend, where arrays live in host memory. */
  public static boolean hostMemory() {
    return CPU;
  }

  /** Copies all values of a float array (c-order, not a view) into {@code out}. */
  public static void read(INDArray array, float[] out) {
    check(array, out.length);
    if (CPU) {
      FloatBuffer buffer = array.data().asNioFloat();
      buffer.position(0);
      buffer.get(out, 0, out.length);
    } else {
      System.arraycopy(array.data().asFloat(), 0, out, 0, out.length);
    }
  }

  /** Copies {@code values} into all of a float array (c-order, not a view). */
  public static void write(float[] values, INDArray array) {
    check(array, values.length);
    if (CPU) {
      FloatBuffer buffer = array.data().asNioFloat();
      buffer.position(0);
      buffer.put(values, 0, values.length);
    } else {
      array.assign(Nd4j.create(values, array.shape(), DataType.FLOAT));
    }
  }

  private static void check(INDArray array, int length) {
    if (array.dataType() != DataType.FLOAT || array.isView() || array.length() != length
        || array.data().length() != length) {
      throw new IllegalArgumentException("bulk copy needs a whole float array of " + length
          + " values, got " + array.dataType() + " " + java.util.Arrays.toString(array.shape())
          + (array.isView() ? " (a view)" : ""));
    }
  }
}
