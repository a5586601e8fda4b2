package io.ib.bench.nd4j;

import io.ib.bench.common.Stats;
import io.ib.optim.Adam;
import io.ib.optim.AdamSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.ThresholdReluBp;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The library's choices for its two formerly costliest non-GEMM calls, against the ND4J ops they
 * replaced, each checked for the same result and timed the same way: {@link Adam#update} (a Java loop
 * over bulk copies) against ND4J's fused {@code AdamUpdater} op (still the library's path for double
 * precision and non-CPU backends), and the ReLU backward as {@code Step} mask + {@code muli} (what
 * {@code Activation.RELU} does) against {@code ThresholdReluBp} and {@code RectifiedLinearDerivative}.
 * This keeps the figures quoted in the library's comments checkable.
 */
final class Alternatives {
  private Alternatives() {}

  private record Candidate(String name, Runnable body, INDArray result) {}

  static List<Object> run(AdamSettings settings, long paramCount, int reps, int calls) {
    List<Object> out = new ArrayList<>();
    out.addAll(adam(settings, paramCount, reps, calls));
    out.addAll(reluBackward(256, 256, reps, calls));
    return out;
  }

  /** One update from the same state: the library's Adam vs the fused ND4J op. */
  static List<Object> adam(AdamSettings s, long n, int reps, int calls) {
    INDArray g0 = Nd4j.rand(DataType.FLOAT, n).subi(0.5).muli(0.01);
    INDArray p0 = Nd4j.rand(DataType.FLOAT, n);
    List<Object> rows = new ArrayList<>();

    // Timing: each candidate keeps its own state; the gradient is restored before each call (the
    // fused op overwrites it), and the restore alone is timed and subtracted.
    INDArray scratch = g0.dup();
    double restore = Stats.median(StepProfile.timeCalls(() -> scratch.assign(g0), reps, calls));
    INDArray libP = p0.dup();
    INDArray libG = g0.dup();
    Adam library = new Adam(s, libP);
    double[] tLib = StepProfile.timeCalls(() -> library.update(libP, libG.assign(g0)), reps, calls);
    INDArray opP = p0.dup();
    INDArray opG = g0.dup();
    INDArray m = p0.ulike().assign(0);
    INDArray v = p0.ulike().assign(0);
    int[] t = {0};
    double[] tOp = StepProfile.timeCalls(() -> {
      t[0]++;
      double epsHat = s.epsilon() * Math.sqrt(1.0 - Math.pow(s.beta2(), t[0]));
      Nd4j.exec(new AdamUpdater(opG.assign(g0), v, m, s.learningRate(), s.beta1(), s.beta2(), epsHat,
          t[0] - 1));
      opP.subi(opG);
    }, reps, calls);

    // Correctness: one update at t = 1 from zero moments, both ways.
    INDArray a = p0.dup();
    new Adam(s, a).update(a, g0.dup());
    INDArray bP = p0.dup();
    INDArray bG = g0.dup();
    double epsHat = s.epsilon() * Math.sqrt(1.0 - s.beta2());
    Nd4j.exec(new AdamUpdater(bG, p0.ulike().assign(0), p0.ulike().assign(0), s.learningRate(),
        s.beta1(), s.beta2(), epsHat, 0));
    bP.subi(bG);
    double diff = Transforms.abs(bP.sub(a)).maxNumber().doubleValue();
    rows.add(row("adam: library Adam.update (Java loop, bulk copies)", tLib, restore, Double.NaN));
    rows.add(row("adam: ND4J fused AdamUpdater op + params.subi", tOp, restore, diff));
    return rows;
  }

  /** ReLU backward grad *= [a > 0]: the library's Step mask + muli vs single ND4J ops. */
  static List<Object> reluBackward(int rowsN, int cols, int reps, int calls) {
    INDArray a = Transforms.relu(Nd4j.rand(DataType.FLOAT, rowsN, cols).subi(0.5), false);
    INDArray g0 = Nd4j.rand(DataType.FLOAT, rowsN, cols).subi(0.5);
    INDArray expected = g0.dup();
    INDArray mask = a.ulike();
    Nd4j.exec(new Step(a, mask, 0.0));
    expected.muli(mask);
    INDArray g = g0.dup();
    String shape = " (" + rowsN + "x" + cols + ")";
    List<Candidate> cands = List.of(
        new Candidate("relu-bp: library Step(a, mask) + g.muli(mask)" + shape, () -> {
          g.assign(g0);
          Nd4j.exec(new Step(a, mask, 0.0));
          g.muli(mask);
        }, g),
        new Candidate("relu-bp: ThresholdReluBp" + shape,
            () -> Nd4j.exec(new ThresholdReluBp(a, g.assign(g0), g, 0.0)), g),
        new Candidate("relu-bp: RectifiedLinearDerivative(a, g, g)" + shape,
            () -> Nd4j.exec(new RectifiedLinearDerivative(a, g.assign(g0), g)), g));
    INDArray scratch = g0.dup();
    double restore = Stats.median(StepProfile.timeCalls(() -> scratch.assign(g0), reps, calls));
    List<Object> out = new ArrayList<>();
    boolean first = true;
    for (Candidate c : cands) {
      double[] times = StepProfile.timeCalls(c.body(), reps, calls);
      c.body().run();
      double diff = Transforms.abs(c.result().sub(expected)).maxNumber().doubleValue();
      out.add(row(c.name(), times, restore, first ? Double.NaN : diff));
      first = false;
    }
    return out;
  }

  private static Map<String, Object> row(String name, double[] times, double restore, double diff) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("op", name);
    r.put("usMedian", (Stats.median(times) - restore) * 1e6);
    r.put("usMin", (Stats.min(times) - restore) * 1e6);
    r.put("maxAbsDiffVsLibrary", diff);
    return r;
  }
}
