package io.ib.sweep;

import io.ib.data.Dataset;
import io.ib.nn.MlpArchitecture;
import java.util.Collections;
import java.util.Locale;
import org.bytedeco.javacpp.Pointer;

/**
 * A cell's memory, estimated before the sweep starts, so that a network too large for the JVM fails
 * with a sentence instead of an OutOfMemoryError in the middle of a run. Float32 throughout:
 * <ul>
 *   <li>ND4J's memory (off the Java heap): parameters, gradient and the first layer's active-row
 *       copies (4 P), the step's buffers for two batch sizes (6 B S, 8 B S when quantized: the
 *       values before quantization are kept) and the evaluation pass (n S);
 *   <li>the Java heap: Adam's state and bulk copies (4 P), the initial weights (2 P), and per measured
 *       layer a float copy and bin indices of the evaluation activations (2 n w);
 * </ul>
 * with P parameters, S the units of all layers, B the batch size, n the evaluation samples and w the
 * widest layer. It is an estimate of the large arrays only, not a bound.
 */
final class MemoryNeed {
  private MemoryNeed() {}

  /**
   * @param cells cells computing at once
   * @throws IllegalArgumentException if the widest cell does not fit the heap or ND4J's limit
   */
  static void check(SweepConfig config, Dataset data, int cells) {
    int widest = Collections.max(config.widths());
    MlpArchitecture arch = config.architecture(data.numFeatures(), data.numClasses(), widest);
    long p = arch.parameterCount();
    long units = 0;
    long wide = 0;
    for (int l = 0; l < arch.numLayers(); l++) {
      units += arch.fanOut(l);
      wide = Math.max(wide, arch.fanOut(l));
    }
    long batch = Math.min(config.batchSize(), data.train().size());
    long n = config.evaluateOn().size(data);
    long heap = 4 * (6 * p + 2 * n * wide);
    long stepBuffers = (arch.quantized() ? 8 : 6) * batch * units;
    long offHeap = 4 * (4 * p + stepBuffers + n * units);
    require("Java heap", heap, cells, Runtime.getRuntime().maxMemory(), arch, widest,
        "-Xmx, e.g. IB_JAVA_OPTS=\"-Xmx8g\"");
    long nd4jLimit = Pointer.maxBytes();
    if (nd4jLimit > 0) {
      require("ND4J memory", offHeap, cells, nd4jLimit, arch, widest,
          "-Dorg.bytedeco.javacpp.maxbytes");
    }
  }

  private static void require(String what, long perCell, int cells, long available,
      MlpArchitecture arch, int width, String option) {
    if (perCell > available / cells) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "a cell of bottleneck width %d"
          + " (%s, %d parameters) needs about %s of %s%s, but the JVM allows %s: use narrower"
          + " layers%s, or allow more with %s", width, arch, arch.parameterCount(), mb(perCell), what,
          cells > 1 ? " (" + mb(perCell * cells) + " for " + cells + " cells at once)" : "",
          mb(available), cells > 1 ? " or fewer cores (--parallel)" : "", option));
    }
  }

  private static String mb(long bytes) {
    return bytes >= 10L << 30 ? (bytes >> 30) + " GB" : (bytes >> 20) + " MB";
  }
}
