package io.ib.train.internal;

import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.impl.broadcast.BiasAdd;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One ND4J operation bound once to its arrays and arguments, then run many times.
 *
 * <p>An ND4J call made the usual way ({@code Nd4j.gemm}, {@code addiRowVector}, {@code muli}) builds
 * an op object, whose constructor draws a random UUID from the JVM's one locked
 * {@code SecureRandom}, plus a native context and its arguments: 20-40 us per call here, and 1.5-2
 * times that when two threads call at once. A prepared call reuses the op and its context, so it is
 * one native call: a GEMM, a bias add and a ReLU on 256 x 10 took 10 us instead of 58-77 us (one
 * thread) and 10-20 us instead of 73-120 us (two threads), with the same results bit for bit. It
 * reads and writes the arrays it was bound to, whatever they hold when it runs.
 *
 * <p>Not thread-safe: a prepared op belongs to the thread that owns its arrays.
 */
final class PreparedOp implements Runnable {
  private final CustomOp op;
  private final OpContext context;

  private PreparedOp(CustomOp op) {
    this.op = op;
    this.context = Nd4j.getExecutioner().buildContext();
    context.markInplace(op.isInplaceCall());
    context.setInputArrays(op.inputArguments());
    context.setOutputArrays(op.outputArguments());
    context.setIArguments(op.iArgs());
    context.setTArguments(op.tArgs());
    context.setBArguments(op.bArgs());
    context.setDArguments(op.dArgs());
  }

  /** c = op(a) op(b), op = transpose or not, as {@code Nd4j.gemm(a, b, c, tA, tB, 1, 0)}. */
  static PreparedOp gemm(INDArray a, INDArray b, INDArray c, boolean transposeA,
      boolean transposeB) {
    return new PreparedOp(new Mmul(a, b, c, 1.0, 0.0,
        MMulTranspose.builder().transposeA(transposeA).transposeB(transposeB).build()));
  }

  /**
   * x += row, added to every row of x, as {@code x.addiRowVector(row)} (the same sums). ND4J's
   * {@code biasadd} does it 3x faster than the broadcasting {@code AddOp} (256 x 256: 6 against
   * 21 us).
   */
  static PreparedOp addRowVector(INDArray x, INDArray row) {
    return new PreparedOp(new BiasAdd(x, row.reshape(row.length()), x, false));
  }

  /** x *= y element-wise, as {@code x.muli(y)}. */
  static PreparedOp multiply(INDArray x, INDArray y) {
    return new PreparedOp(new MulOp(new INDArray[] {x, y}, new INDArray[] {x}));
  }

  /**
   * A legacy (non-custom) op such as a scalar op, bound to its arrays: reusing the op object saves its
   * construction on every call.
   */
  static Runnable legacy(Op op) {
    return () -> Nd4j.getExecutioner().exec(op);
  }

  @Override
  public void run() {
    Nd4j.getExecutioner().exec(op, context);
  }
}
