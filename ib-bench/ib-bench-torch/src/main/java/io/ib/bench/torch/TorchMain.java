package io.ib.bench.torch;

import io.ib.bench.common.ContenderLoop;
import io.ib.bench.common.Json;
import io.ib.bench.common.Workload;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Adam;
import org.bytedeco.pytorch.AdamOptions;
import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * The libtorch contender: the same MLP (three {@code torch::nn::Linear}, ReLU, cross-entropy) trained
 * with {@code torch::optim::Adam} (libtorch's defaults equal PyTorch's: betas 0.9/0.999, eps 1e-8), on
 * the workload's mini-batches, starting from the workload's initial parameters (ib's draws from
 * PyTorch's default distribution, copied in). The mini-batch is gathered with {@code index_select}
 * inside the timed step, as ib gathers it with {@code pullRows}.
 *
 * <p>Usage: {@code TorchMain sweep --workload FILE --threads T [--epochs E] [--width-budget S]
 * [--widths 5,10 | --serve]} (see {@link ContenderLoop#main}), or {@code TorchMain gemm --threads T}.
 * Prints one result line (see {@link Json#RESULT_PREFIX}).
 */
public final class TorchMain {
  private TorchMain() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = ContenderLoop.options(args, 1);
    int threads = Integer.parseInt(o.getOrDefault("threads", "1"));
    // Interop threads must be set before any parallel work; intra-op threads = the benchmark's count.
    torch.set_num_interop_threads(1);
    torch.set_num_threads(threads);
    if (args[0].equals("gemm")) {
      gemm(Integer.parseInt(o.getOrDefault("reps", "30")));
      return;
    }
    if (args[0].equals("twelve")) {
      TwelveBitTorch.run(o);
      return;
    }
    Workload w = Workload.read(Path.of(o.get("workload")));
    Data data = new Data(w);
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("contender", "libtorch");
    header.put("threads", threadSettings());
    ContenderLoop.main(o, w, (width, layers) -> new Net(data, w, width, layers), header);
  }

  /**
   * libtorch's GEMM throughput for the same shapes as the ND4J measurement ({@code mm_out} into a
   * preallocated result; the transposed operand is a transposed view, as autograd passes it).
   */
  private static void gemm(int reps) {
    int[][] shapes = {{256, 784, 256, 0}, {784, 256, 256, 1}, {10000, 784, 256, 0}};
    String[] names = {"fwd 256x784 * 784x256", "bwd-W (256x784)^T * 256x256",
        "test 10000x784 * 784x256"};
    java.util.List<Object> results = new java.util.ArrayList<>();
    for (int i = 0; i < shapes.length; i++) {
      int m = shapes[i][0];
      int k = shapes[i][1];
      int n = shapes[i][2];
      boolean transA = shapes[i][3] == 1;
      try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
        Tensor a = transA ? torch.rand(k, m).t() : torch.rand(m, k);
        Tensor b = torch.rand(k, n);
        Tensor c = torch.empty(m, n);
        int batch = m >= 10000 ? 2 : 10;
        for (int w = 0; w < 3; w++) {
          torch.mm_out(c, a, b);
        }
        double[] perCall = new double[reps];
        for (int r = 0; r < reps; r++) {
          long t0 = System.nanoTime();
          for (int j = 0; j < batch; j++) {
            torch.mm_out(c, a, b);
          }
          perCall[r] = (System.nanoTime() - t0) / 1e9 / batch;
        }
        double flops = 2.0 * m * k * n;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("shape", names[i]);
        r.put("flops", flops);
        r.put("threads", "torch " + torch.get_num_threads());
        r.put("msMedian", io.ib.bench.common.Stats.median(perCall) * 1e3);
        r.put("msMin", io.ib.bench.common.Stats.min(perCall) * 1e3);
        r.put("msMax", io.ib.bench.common.Stats.max(perCall) * 1e3);
        r.put("gflopsMedian", flops / io.ib.bench.common.Stats.median(perCall) / 1e9);
        r.put("gflopsBest", flops / io.ib.bench.common.Stats.min(perCall) / 1e9);
        results.add(r);
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("threads", threadSettings());
    out.put("gemm", results);
    Json.emitResult(out);
  }

  private static Map<String, Object> threadSettings() {
    Map<String, Object> t = ContenderLoop.threadEnvironment();
    t.put("torch.get_num_threads", torch.get_num_threads());
    t.put("torch.get_num_interop_threads", torch.get_num_interop_threads());
    String config = torch.show_config().getString();
    for (String line : config.split("\n")) {
      String s = line.trim();
      if (s.startsWith("- CPU capability usage:")) {
        t.put("torch.cpuCapability", s.substring(s.indexOf(':') + 1).trim());
      }
    }
    for (String part : config.split("[,\n]")) {
      String s = part.trim();
      s = s.contains("BLAS_INFO=") ? s.substring(s.indexOf("BLAS_INFO=")) : s;
      if (s.startsWith("BLAS_INFO=") || s.startsWith("USE_MKLDNN=") || s.startsWith("USE_OPENMP=")) {
        t.put("torch." + s.substring(0, s.indexOf('=')), s.substring(s.indexOf('=') + 1));
      }
    }
    t.put("torch.version", "libtorch 2.10.0 (org.bytedeco:pytorch 2.10.0-1.5.13)");
    return t;
  }

  /** The training and test sets as libtorch tensors (features float, labels int64). */
  static final class Data {
    final Tensor trainX;
    final Tensor trainY;
    final Tensor testX;
    final Tensor testY;
    final int testSize;

    Data(Workload w) {
      trainX = floats(w.trainX(), w.trainSize(), w.inputSize());
      trainY = longs(w.trainY());
      testX = floats(w.testX(), w.testSize(), w.inputSize());
      testY = longs(w.testY());
      testSize = w.testSize();
    }
  }

  static Tensor floats(float[] values, long... shape) {
    try (FloatPointer p = new FloatPointer(values)) {
      return torch.from_blob(p, shape, new TensorOptions(torch.ScalarType.Float)).clone();
    }
  }

  static Tensor longs(int[] values) {
    long[] l = new long[values.length];
    for (int i = 0; i < l.length; i++) {
      l[i] = values[i];
    }
    try (LongPointer p = new LongPointer(l)) {
      return torch.from_blob(p, new long[] {l.length}, new TensorOptions(torch.ScalarType.Long))
          .clone();
    }
  }

  /** One network with its optimiser. */
  static final class Net implements ContenderLoop.Model {
    private final Data data;
    private final LinearImpl fc1;
    private final LinearImpl fc2;
    private final LinearImpl fc3;
    private final Adam adam;
    private int[] lastOrder;
    private Tensor orderTensor;

    Net(Data data, Workload w, int width, float[][] layers) {
      this.data = data;
      int[] fan = {w.inputSize(), w.hidden1(), width, w.numClasses()};
      fc1 = new LinearImpl(fan[0], fan[1]);
      fc2 = new LinearImpl(fan[1], fan[2]);
      fc3 = new LinearImpl(fan[2], fan[3]);
      LinearImpl[] fcs = {fc1, fc2, fc3};
      try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
        for (int l = 0; l < 3; l++) {
          // ib stores W as fanIn x fanOut; torch's Linear weight is fanOut x fanIn.
          fcs[l].weight().copy_(floats(layers[2 * l], fan[l], fan[l + 1]).t());
          fcs[l].bias().copy_(floats(layers[2 * l + 1], fan[l + 1]));
        }
      }
      TensorVector params = new TensorVector(fc1.weight(), fc1.bias(), fc2.weight(), fc2.bias(),
          fc3.weight(), fc3.bias());
      adam = new Adam(params, new AdamOptions(1e-3));
    }

    @Override
    public double step(int[] order, int from, int rows) {
      if (order != lastOrder) {
        if (orderTensor != null) {
          orderTensor.close();
        }
        orderTensor = longs(order);
        lastOrder = order;
      }
      try (PointerScope scope = new PointerScope()) {
        Tensor idx = orderTensor.narrow(0, from, rows);
        Tensor x = torch.index_select(data.trainX, 0, idx);
        Tensor y = torch.index_select(data.trainY, 0, idx);
        Tensor logits = fc3.forward(torch.relu(fc2.forward(torch.relu(fc1.forward(x)))));
        Tensor loss = torch.cross_entropy(logits, y);
        adam.zero_grad();
        loss.backward();
        adam.step();
        return loss.item_float();
      }
    }

    @Override
    public double[] evaluate() {
      try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
        Tensor h1 = torch.relu(fc1.forward(data.testX));
        Tensor h2 = torch.relu(fc2.forward(h1));
        Tensor logits = fc3.forward(h2);
        double loss = torch.cross_entropy(logits, data.testY).item_float();
        long correct = logits.argmax(new LongOptional(1), false).eq(data.testY).sum().item_long();
        return new double[] {loss, correct / (double) data.testSize};
      }
    }

    @Override
    public void close() {
      adam.close();
      fc1.close();
      fc2.close();
      fc3.close();
      if (orderTensor != null) {
        orderTensor.close();
      }
    }
  }
}
