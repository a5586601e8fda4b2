package io.ib.bench.nd4j;

import io.ib.bench.common.Stats;
import io.ib.nn.Mlp;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The GEMMs of one training step alone, on arrays of the step's own shapes (the batch's active
 * columns), each bound once to its arrays as the library binds its calls: the floor the step's other
 * work (gathering, bias, activations, masks, loss, Adam, copies) is measured against. Timed in pairs
 * with the whole step, so that both see the same load.
 */
final class StepGemms {
  private final Runnable[] calls;

  /**
   * The eight products of a 784-256-k-10 step: forward X W0, A0 W1, A1 W2; backward A1^T G2, G2 W2^T,
   * A0^T G1, G1 W1^T, X^T G0 (the bias sums, 1 x B products, are counted as overhead).
   *
   * @param x the batch's values, B x w (active columns)
   */
  StepGemms(Mlp model, INDArray x) {
    long b = x.rows();
    long w = x.columns();
    int h = model.architecture().fanOut(0);
    int k = model.architecture().fanOut(1);
    int c = model.architecture().fanOut(2);
    INDArray w0 = Nd4j.rand(DataType.FLOAT, w, h);
    INDArray a0 = Nd4j.rand(DataType.FLOAT, b, h);
    INDArray a1 = Nd4j.rand(DataType.FLOAT, b, k);
    INDArray z2 = Nd4j.rand(DataType.FLOAT, b, c);
    INDArray g1 = Nd4j.rand(DataType.FLOAT, b, k);
    INDArray g0 = Nd4j.rand(DataType.FLOAT, b, h);
    INDArray dw0 = Nd4j.create(DataType.FLOAT, w, h);
    INDArray dw1 = Nd4j.create(DataType.FLOAT, h, k);
    INDArray dw2 = Nd4j.create(DataType.FLOAT, k, c);
    INDArray w1 = model.weight(1).dup();
    INDArray w2 = model.weight(2).dup();
    this.calls = new Runnable[] {gemm(x, w0, a0, false, false), gemm(a0, w1, a1, false, false),
        gemm(a1, w2, z2, false, false), gemm(a1, z2, dw2, true, false),
        gemm(z2, w2, g1, false, true), gemm(a0, g1, dw1, true, false),
        gemm(g1, w1, g0, false, true), gemm(x, g0, dw0, true, false)};
  }

  private void run() {
    for (Runnable call : calls) {
      call.run();
    }
  }

  /**
   * Times the GEMMs and the whole step in alternation, {@code reps} pairs of {@code calls} calls
   * each: the GEMMs' median, and the step's time outside them (step minus GEMMs per pair).
   */
  Map<String, Object> timeAgainst(Runnable step, int reps, int calls) {
    double[] gemms = new double[reps];
    double[] steps = new double[reps];
    double[] outside = new double[reps];
    double[] ratio = new double[reps];
    StepProfile.timeCalls(this::run, 1, calls);
    for (int r = 0; r < reps; r++) {
      gemms[r] = StepProfile.timeCalls(this::run, 1, calls)[0];
      steps[r] = StepProfile.timeCalls(step, 1, calls)[0];
      outside[r] = steps[r] - gemms[r];
      ratio[r] = steps[r] / gemms[r];
    }
    Map<String, Object> res = new LinkedHashMap<>();
    res.put("gemmsUsMedian", Stats.median(gemms) * 1e6);
    res.put("gemmsUsMin", Stats.min(gemms) * 1e6);
    res.put("stepUsMedian", Stats.median(steps) * 1e6);
    res.put("outsideUsMedian", Stats.median(outside) * 1e6);
    res.put("outsideUsMin", Stats.min(outside) * 1e6);
    res.put("outsideUsMax", Stats.max(outside) * 1e6);
    res.put("ratioMedian", Stats.median(ratio));
    res.put("ratioMin", Stats.min(ratio));
    res.put("ratioMax", Stats.max(ratio));
    return res;
  }

  private static Runnable gemm(INDArray a, INDArray b, INDArray c, boolean ta, boolean tb) {
    CustomOp op = new Mmul(a, b, c, 1.0, 0.0,
        MMulTranspose.builder().transposeA(ta).transposeB(tb).build());
    OpContext context = Nd4j.getExecutioner().buildContext();
    context.markInplace(op.isInplaceCall());
    context.setInputArrays(op.inputArguments());
    context.setOutputArrays(op.outputArguments());
    context.setIArguments(op.iArgs());
    context.setTArguments(op.tArgs());
    context.setBArguments(op.bArgs());
    context.setDArguments(op.dArgs());
    return () -> Nd4j.getExecutioner().exec(op, context);
  }
}
