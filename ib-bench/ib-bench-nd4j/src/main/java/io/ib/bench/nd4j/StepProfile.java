package io.ib.bench.nd4j;

import io.ib.bench.common.Json;
import io.ib.bench.common.Stats;
import io.ib.data.Dataset;
import io.ib.info.LayerSample;
import io.ib.info.MutualInformationEstimator;
import io.ib.nn.Mlp;
import io.ib.nn.SoftmaxCrossEntropy;
import io.ib.optim.Adam;
import io.ib.optim.AdamSettings;
import io.ib.sweep.Cell;
import io.ib.sweep.SweepConfig;
import io.ib.train.BatchOrder;
import io.ib.train.Evaluation;
import io.ib.train.Evaluator;
import io.ib.train.Trainer;
import io.ib.train.internal.GradientViews;
import io.ib.train.internal.InputBatch;
import io.ib.train.internal.MiniBatches;
import io.ib.train.internal.StepBuffers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Where ib's training step and measurements spend their time, on the library's own classes.
 *
 * <ol>
 *   <li>The whole step, {@link Trainer#step}, on one fixed batch and with batch gathering over an
 *       epoch ({@link MiniBatches}).
 *   <li>Its parts, each a real library call timed on its own: {@link MiniBatches#inputs} and
 *       {@link MiniBatches#labels}, {@link StepBuffers#lossAndGradient} (forward, loss and backward,
 *       with the ND4J calls prepared once), {@link SoftmaxCrossEntropy#lossAndGradient} alone, and
 *       {@link Adam#update}. Their sum against the whole step shows what the parts miss.
 *   <li>The forward and backward pass's ND4J calls (GEMMs, bias add, ReLU, ReLU mask) made the usual
 *       way, one by one on the same arrays: a new op object per call, as the library did before it
 *       prepared them. Their sum against the prepared calls shows what preparing saves; the GEMMs'
 *       share shows how much of the step is arithmetic.
 *   <li>One measurement: {@link Evaluator#evaluate} over the test set, and each of the configuration's
 *       estimators on both hidden layers.
 * </ol>
 */
final class StepProfile {
  private StepProfile() {}

  private record Op(String name, String kind, Runnable body) {}

  static void run(Map<String, String> o) throws IOException {
    Dataset mnist = PrepareWorkload.loadMnist(o);
    SweepConfig cfg = PrepareWorkload.config(o);
    int width = Integer.parseInt(o.getOrDefault("width", "20"));
    int reps = Integer.parseInt(o.getOrDefault("reps", "20"));
    int calls = Integer.parseInt(o.getOrDefault("calls", "40"));
    int b = cfg.batchSize();
    Cell cell = new Cell(width, cfg.seeds().get(0));
    Mlp model = Mlp.initialize(cfg.architecture(mnist.numFeatures(), mnist.numClasses(), width),
        cfg.init(), cell.initSeed(), DataType.FLOAT);
    MiniBatches batches = new MiniBatches(mnist.train(), DataType.FLOAT);
    int[] perm = new BatchOrder(mnist.train().size(), b, cell.orderSeed()).permutation(1);
    int stepsPerEpoch = perm.length / b;

    // 1. The whole step through the library, on a copy of the model.
    Trainer trainer = new Trainer(model.copy(), cfg.optimizer());
    // The first batch, as the library trains on it (its active columns), kept for the fixed-batch
    // timings: a second gatherer owns it, so the first one's later batches do not overwrite it.
    MiniBatches fixedBatches = batches.forAnotherThread();
    InputBatch xFixed = fixedBatches.batch(perm, 0, b);
    INDArray xFixedDense = batches.inputs(perm, 0, b).dup();
    int[] yFixed = batches.labels(perm, 0, b);
    for (int i = 0; i < 300; i++) { // JIT warm-up over the whole step
      int from = (i % stepsPerEpoch) * b;
      trainer.step(batches.batch(perm, from, b), batches.labels(perm, from, b));
    }
    double[] step = timeCalls(() -> trainer.step(xFixed, yFixed), reps, calls);
    int[] cursor = {0};
    double[] stepWithGather = timeCalls(() -> {
      int from = (cursor[0]++ % stepsPerEpoch) * b;
      trainer.step(batches.batch(perm, from, b), batches.labels(perm, from, b));
    }, reps, calls);
    // The same step (with gathering) against its GEMMs alone, in pairs: the overhead outside GEMMs.
    Map<String, Object> outsideGemms = new StepGemms(model, xFixed.values()).timeAgainst(() -> {
      int from = (cursor[0]++ % stepsPerEpoch) * b;
      trainer.step(batches.batch(perm, from, b), batches.labels(perm, from, b));
    }, reps, calls);

    // 2. The parts, each the library's own call.
    INDArray x = xFixedDense;
    int[] labels = yFixed.clone();
    StepBuffers buffers = new StepBuffers(model, b);
    INDArray[] out = buffers.outputs();
    GradientViews grad = new GradientViews(model);
    int hidden = model.architecture().numLayers() - 1;
    // The per-layer gradient and mask arrays the calls below write into, shaped as StepBuffers' own.
    INDArray[] hiddenGrad = new INDArray[hidden];
    INDArray[] scratch = new INDArray[hidden];
    for (int l = 0; l < hidden; l++) {
      hiddenGrad[l] = Nd4j.createUninitialized(DataType.FLOAT, b, model.architecture().fanOut(l));
      scratch[l] = Nd4j.createUninitialized(DataType.FLOAT, b, model.architecture().fanOut(l));
    }
    INDArray ones = Nd4j.ones(DataType.FLOAT, b, 1);
    INDArray logitGrad = Nd4j.createUninitialized(DataType.FLOAT, b, mnist.numClasses());
    SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(b, mnist.numClasses());
    buffers.lossAndGradient(model, x, labels, grad); // fills the outputs and the gradient
    INDArray logits = out[hidden];
    loss.lossAndGradient(logits, labels, logitGrad);
    INDArray adamParams = model.parameters().dup();
    INDArray adamGrad = grad.flat().dup();
    Adam adam = new Adam((AdamSettings) cfg.optimizer(), adamParams); // the notebook sweep uses Adam

    List<Op> parts = new ArrayList<>();
    int[] gatherCursor = {0};
    parts.add(new Op("MiniBatches.batch (active columns of the epoch's next batch)", "gather",
        () -> batches.batch(perm, (gatherCursor[0]++ % stepsPerEpoch) * b, b)));
    parts.add(new Op("MiniBatches.labels", "gather", () -> batches.labels(perm, b, b)));
    parts.add(new Op("StepBuffers.lossAndGradient (" + xFixed.activeCount() + " active columns, K "
        + xFixed.values().columns() + ")", "forward-backward",
        () -> buffers.lossAndGradient(model, xFixed, labels, grad)));
    parts.add(new Op("Adam.update (" + model.parameters().length() + " params)", "adam",
        () -> adam.update(adamParams, adamGrad)));
    List<Object> partRows = new ArrayList<>();
    double partSum = timeAll(parts, reps, calls, partRows, null);
    double[] lossOnly = timeCalls(() -> loss.lossAndGradient(logits, labels, logitGrad), reps,
        calls);

    // 3. The same forward and backward calls made the usual way (an op object per call).
    List<Op> inside = new ArrayList<>();
    String k = String.valueOf(width);
    inside.add(gemm("fwd gemm X W0 (256x784 * 784x256)", x, model.weight(0), out[0], false, false));
    inside.add(new Op("fwd addiRowVector b0 (256x256)", "elementwise",
        () -> out[0].addiRowVector(model.bias(0))));
    inside.add(new Op("fwd relu (256x256)", "elementwise", () -> Transforms.relu(out[0], false)));
    inside.add(gemm("fwd gemm A0 W1 (256x256 * 256x" + k + ")", out[0], model.weight(1), out[1],
        false, false));
    inside.add(new Op("fwd addiRowVector b1 (256x" + k + ")", "elementwise",
        () -> out[1].addiRowVector(model.bias(1))));
    inside.add(new Op("fwd relu (256x" + k + ")", "elementwise", () -> Transforms.relu(out[1], false)));
    inside.add(gemm("fwd gemm A1 W2 (256x" + k + " * " + k + "x10)", out[1], model.weight(2),
        logits, false, false));
    inside.add(new Op("fwd addiRowVector b2 (256x10)", "elementwise",
        () -> logits.addiRowVector(model.bias(2))));
    inside.add(gemm("bwd gemm A1^T G (" + k + "x256 * 256x10)", out[1], logitGrad, grad.weight(2),
        true, false));
    inside.add(gemm("bwd bias gemm ones^T G (1x256 * 256x10)", ones, logitGrad, grad.bias(2), true,
        false));
    inside.add(gemm("bwd gemm G W2^T (256x10 * 10x" + k + ")", logitGrad, model.weight(2),
        hiddenGrad[1], false, true));
    inside.add(new Op("bwd ReLU mask Step (256x" + k + ")", "elementwise",
        () -> Nd4j.exec(new Step(out[1], scratch[1], 0.0))));
    inside.add(new Op("bwd muli mask (256x" + k + ")", "elementwise",
        () -> hiddenGrad[1].muli(scratch[1])));
    inside.add(gemm("bwd gemm A0^T G1 (256x256 * 256x" + k + ")", out[0], hiddenGrad[1],
        grad.weight(1), true, false));
    inside.add(gemm("bwd bias gemm ones^T G1", ones, hiddenGrad[1], grad.bias(1), true, false));
    inside.add(gemm("bwd gemm G1 W1^T (256x" + k + " * " + k + "x256)", hiddenGrad[1],
        model.weight(1), hiddenGrad[0], false, true));
    inside.add(new Op("bwd ReLU mask Step (256x256)", "elementwise",
        () -> Nd4j.exec(new Step(out[0], scratch[0], 0.0))));
    inside.add(new Op("bwd muli mask (256x256)", "elementwise", () -> hiddenGrad[0].muli(scratch[0])));
    inside.add(gemm("bwd gemm X^T G0 (784x256 * 256x256)", x, hiddenGrad[0], grad.weight(0), true,
        false));
    inside.add(gemm("bwd bias gemm ones^T G0 (1x256 * 256x256)", ones, hiddenGrad[0], grad.bias(0),
        true, false));
    inside.add(new Op("(reference) a near-empty ND4J call: addi(0) on 10 floats", "reference",
        () -> grad.bias(2).addi(0.0)));
    List<Object> insideRows = new ArrayList<>();
    Map<String, Double> byKind = new LinkedHashMap<>();
    double insideSum = timeAll(inside, reps, calls, insideRows, byKind);

    // 4. One measurement: the test-set forward pass and each estimator on both hidden layers.
    Evaluator evaluator = new Evaluator(mnist.test());
    int evalReps = Math.min(reps, 7);
    double[] evaluate = timeCalls(() -> evaluator.evaluate(trainer.model()), evalReps, 2);
    Evaluation eval = evaluator.evaluate(trainer.model());
    List<Object> estimatorRows = new ArrayList<>();
    for (int l = 0; l < eval.hiddenActivations().size(); l++) {
      INDArray act = eval.hiddenActivations().get(l);
      String layer = "hidden" + (l + 1);
      double[] copy = timeCalls(() -> LayerSample.of(layer, act, mnist.test().labels(),
          mnist.numClasses(), mnist.test().features()).activationsAsFloats(), evalReps, 2);
      estimatorRows.add(row("(" + layer + ") LayerSample float copy", "estimation", copy));
      LayerSample sample = LayerSample.of(layer, act, mnist.test().labels(), mnist.numClasses(),
          mnist.test().features());
      sample.activationsAsFloats();
      for (MutualInformationEstimator e : cfg.estimators()) {
        double[] t = timeCalls(() -> e.estimateAll(sample), evalReps, 2);
        estimatorRows.add(row("(" + layer + ", " + act.columns() + " units) " + e.spec(),
            "estimation", t));
      }
    }

    Map<String, Object> res = new LinkedHashMap<>();
    res.put("threads", Nd4jThreads.settings());
    res.put("width", width);
    res.put("batch", b);
    res.put("activeWidth", xFixed.values().columns());
    res.put("stepUsMedian", Stats.median(step) * 1e6);
    res.put("stepUsMin", Stats.min(step) * 1e6);
    res.put("stepWithGatherUsMedian", Stats.median(stepWithGather) * 1e6);
    res.put("outsideGemms", outsideGemms);
    res.put("parts", partRows);
    res.put("sumOfPartsUs", partSum * 1e6);
    res.put("lossUsMedian", Stats.median(lossOnly) * 1e6);
    res.put("inside", insideRows);
    res.put("sumInsideUs", insideSum * 1e6);
    res.put("insideUsByKind", byKind);
    res.put("evaluateMsMedian", Stats.median(evaluate) * 1e3);
    res.put("measurement", estimatorRows);
    res.put("alternatives", Alternatives.run((AdamSettings) cfg.optimizer(),
        model.parameters().length(), reps,
        calls));
    Json.emitResult(res);
  }

  /** Times each op; adds rows; returns the sum of medians (seconds) of non-reference ops. */
  private static double timeAll(List<Op> ops, int reps, int calls, List<Object> rows,
      Map<String, Double> byKind) {
    double sum = 0;
    for (Op op : ops) {
      double[] times = timeCalls(op.body(), reps, calls);
      rows.add(row(op.name(), op.kind(), times));
      if (!op.kind().equals("reference")) {
        sum += Stats.median(times);
        if (byKind != null) {
          byKind.merge(op.kind(), Stats.median(times) * 1e6, Double::sum);
        }
      }
    }
    return sum;
  }

  private static Map<String, Object> row(String name, String kind, double[] times) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("op", name);
    r.put("kind", kind);
    r.put("usMedian", Stats.median(times) * 1e6);
    r.put("usMin", Stats.min(times) * 1e6);
    return r;
  }

  private static Op gemm(String name, INDArray a, INDArray bm, INDArray c, boolean ta, boolean tb) {
    return new Op(name, "gemm", () -> Nd4j.gemm(a, bm, c, ta, tb, 1.0, 0.0));
  }

  /** Seconds per call: warm-up, then {@code reps} batches of {@code calls} calls. */
  static double[] timeCalls(Runnable body, int reps, int calls) {
    for (int i = 0; i < Math.max(3, calls / 4); i++) {
      body.run();
    }
    double[] perCall = new double[reps];
    for (int r = 0; r < reps; r++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < calls; i++) {
        body.run();
      }
      perCall[r] = (System.nanoTime() - t0) / 1e9 / calls;
    }
    return perCall;
  }
}
