package io.ib.bench.nd4j;

import io.ib.bench.common.ContenderLoop;
import io.ib.bench.common.Json;
import io.ib.bench.common.Workload;
import io.ib.data.Dataset;
import io.ib.data.LabelledData;
import io.ib.info.LayerSample;
import io.ib.mnist.MnistLocator;
import io.ib.nn.Mlp;
import io.ib.sweep.Cell;
import io.ib.sweep.SweepConfig;
import io.ib.train.BatchOrder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Writes the workload file from MNIST and ib's own seeding rules, so that the baselines get exactly
 * the mini-batch order ({@link Cell#orderSeed()}, {@link BatchOrder#permutation}) and the initial
 * parameters ({@link Mlp#initialize} with {@link Cell#initSeed()}) that ib's sweep uses.
 */
final class PrepareWorkload {
  private PrepareWorkload() {}

  static void run(Map<String, String> o) throws IOException {
    Dataset mnist = loadMnist(o);
    SweepConfig cfg = config(o);
    LabelledData train = mnist.train();
    LabelledData test = mnist.test();
    long seed = cfg.seeds().get(0);
    BatchOrder order = new BatchOrder(train.size(), cfg.batchSize(), new Cell(1, seed).orderSeed());
    int[] measured = cfg.schedule().resolve(order.stepsPerEpoch(), cfg.epochs());
    List<int[]> perms = new ArrayList<>();
    for (int e = 1; e <= cfg.epochs(); e++) {
      perms.add(order.permutation(e));
    }
    List<float[]> params = new ArrayList<>();
    for (int width : cfg.widths()) {
      Cell cell = new Cell(width, seed);
      Mlp model = Mlp.initialize(cfg.architecture(train.numFeatures(), train.numClasses(), width),
          cfg.init(), cell.initSeed(), DataType.FLOAT);
      params.add(model.parameters().dup().data().asFloat());
    }
    Path out = Path.of(o.get("workload"));
    Workload.write(out, new Workload.Spec(train.numFeatures(), train.numClasses(), cfg.batchSize(),
        cfg.epochs(), cfg.hiddenBeforeBottleneck().get(0),
        cfg.widths().stream().mapToInt(Integer::intValue).toArray(), measured,
        LayerSample.rowMajorFloats(train.features()), train.labels(),
        LayerSample.rowMajorFloats(test.features()), test.labels(), perms, params));
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("workload", out.toString());
    r.put("measuredSteps", measured);
    r.put("stepsPerEpoch", order.stepsPerEpoch());
    Json.emitResult(r);
  }

  /** MNIST from --data-dir, else as the library finds it (IB_DATA_DIR, the cache). */
  static Dataset loadMnist(Map<String, String> o) throws IOException {
    String dir = o.get("data-dir");
    return dir == null ? MnistLocator.system().load() : MnistLocator.system().load(Path.of(dir));
  }

  /** The library's default sweep (SweepConfig.notebook()), with --widths and --epochs applied. */
  static SweepConfig config(Map<String, String> o) {
    SweepConfig cfg = SweepConfig.notebook();
    if (o.containsKey("widths")) {
      cfg = cfg.withWidths(java.util.Arrays.stream(ContenderLoop.intList(o.get("widths"))).boxed()
          .toList());
    }
    if (o.containsKey("epochs")) {
      cfg = cfg.withEpochs(Integer.parseInt(o.get("epochs")));
    }
    return cfg;
  }
}
