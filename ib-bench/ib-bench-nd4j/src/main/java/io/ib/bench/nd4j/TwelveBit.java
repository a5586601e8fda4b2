package io.ib.bench.nd4j;

import io.ib.InformationBottleneck;
import io.ib.bench.common.Json;
import io.ib.bench.common.TwelveBitWorkload;
import io.ib.data.DataSplit;
import io.ib.data.Dataset;
import io.ib.data.LabelledData;
import io.ib.data.source.DataOptions;
import io.ib.data.source.DataSources;
import io.ib.info.LayerSample;
import io.ib.internal.HostCopy;
import io.ib.nn.Mlp;
import io.ib.sweep.Cell;
import io.ib.sweep.CellResult;
import io.ib.sweep.EvaluationSet;
import io.ib.sweep.SweepConfig;
import io.ib.sweep.SweepResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The 12-bit experiment of Shwartz-Ziv &amp; Tishby (2017), ib's side: {@code twelve-prepare} writes
 * the shared workload from ib's own loading (the first 80 % of var_u.mat's rows for training) and
 * seeding; {@code twelve-ib} runs ib's sweep of the {@code szt2017} preset (training, a forward pass
 * over all 4096 samples and IDNNs' binning of every layer at each of the logged epochs) through the
 * library, and reports its wall time.
 */
final class TwelveBit {
  private TwelveBit() {}

  static SweepConfig config(Map<String, String> o) {
    int seeds = Integer.parseInt(o.getOrDefault("seeds", "8"));
    return SweepConfig.shwartzZivTishby2017()
        .withSeeds(LongStream.rangeClosed(1, seeds).toArray())
        .withEpochs(Integer.parseInt(o.getOrDefault("epochs", "8000")));
  }

  static Dataset data(Map<String, String> o) throws IOException {
    return DataSources.open(Path.of(o.get("data")),
        DataOptions.defaults().withSplit(DataSplit.first(0.8)));
  }

  static void prepare(Map<String, String> o) throws IOException {
    SweepConfig c = config(o);
    Dataset d = data(o);
    LabelledData eval = EvaluationSet.ALL.of(d);
    int width = c.widths().get(0);
    var arch = c.architecture(d.numFeatures(), d.numClasses(), width);
    List<Integer> layers = new ArrayList<>(List.of(arch.inputSize()));
    layers.addAll(arch.hiddenWidths());
    layers.add(arch.numClasses());
    int stepsPerEpoch = (d.train().size() + c.batchSize() - 1) / c.batchSize();
    int[] measured = c.schedule().resolve(stepsPerEpoch, c.epochs());
    int[] epochs = new int[measured.length];
    for (int i = 0; i < measured.length; i++) {
      epochs[i] = measured[i] / stepsPerEpoch; // the schedule measures at the start of epochs
    }
    List<float[]> params = new ArrayList<>();
    long[] seeds = c.seeds().stream().mapToLong(Long::longValue).toArray();
    for (long seed : seeds) {
      Mlp m = Mlp.initialize(arch, c.init(), new Cell(width, seed).initSeed(), DataType.FLOAT);
      float[] p = new float[(int) arch.parameterCount()];
      HostCopy.read(m.parameters(), p);
      params.add(p);
    }
    new TwelveBitWorkload(layers.stream().mapToInt(Integer::intValue).toArray(),
        LayerSample.rowMajorFloats(d.train().features()), d.train().labels(),
        LayerSample.rowMajorFloats(eval.features()), eval.labels(), c.batchSize(), c.epochs(), epochs,
        seeds, params).write(Path.of(o.get("workload")));
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("train", d.train().size());
    r.put("measured", eval.size());
    r.put("measuredEpochs", epochs.length);
    r.put("seeds", seeds.length);
    Json.emitResult(r);
  }

  static void runIb(Map<String, String> o) throws IOException {
    SweepConfig c = config(o);
    Dataset d = data(o);
    int parallel = Integer.parseInt(o.getOrDefault("parallel", "2"));
    SweepResult result = InformationBottleneck.sweep(c).on(d).parallelism(parallel).run();
    double train = result.cells().stream().mapToDouble(CellResult::trainingSeconds).sum();
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("contender", "ib");
    r.put("wallSeconds", java.time.Duration.between(result.started(), result.finished())
        .toNanos() / 1e9);
    r.put("trainingSeconds", train);
    r.put("finalAccuracy", result.cells().stream().map(cell -> cell.last().testAccuracy()).toList());
    Json.emitResult(r);
  }
}
