package io.ib.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.floating.Mean;
import org.nd4j.linalg.api.ops.impl.reduce.same.Max;
import org.nd4j.linalg.api.ops.impl.reduce.same.Sum;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Mean softmax cross-entropy over a mini-batch, computed stably with log-sum-exp.
 *
 * <p>For logits z (one row per sample) and class y: loss = log sum_j exp(z_j - m) - (z_y - m), with m
 * = max_j z_j, so no exponential overflows; the gradient with respect to the logits is
 * (softmax(z) - onehot(y)) / B. Values in nats (the loss is a training objective, not an information
 * quantity).
 *
 * <p>ND4J's own {@code LogSoftMax} returns -infinity for logits far below the row maximum (seen with a
 * gap of 1000 in float32), which would turn the loss into NaN; this class avoids it.
 */
public final class SoftmaxCrossEntropy {
  private SoftmaxCrossEntropy() {}

  /**
   * Computes the mean loss and its gradient.
   *
   * @param logits B x C; <strong>overwritten</strong> (used as scratch)
   * @param oneHot B x C one-hot targets
   * @param gradient B x C, receives dL/dlogits of the mean loss
   * @param rowScratchA a length-B vector, overwritten
   * @param rowScratchB a length-B vector, overwritten
   * @return the mean loss over the B rows, in nats
   */
  public static double lossAndGradient(INDArray logits, INDArray oneHot, INDArray gradient,
      INDArray rowScratchA, INDArray rowScratchB) {
    long batch = logits.rows();
    Nd4j.exec(new Max(logits, rowScratchA, 1));
    logits.subiColumnVector(rowScratchA);
    Nd4j.exec(new Exp(logits, gradient));
    Nd4j.exec(new Sum(gradient, rowScratchA, 1));
    gradient.diviColumnVector(rowScratchA);
    Transforms.log(rowScratchA, false);
    logits.muli(oneHot);
    Nd4j.exec(new Sum(logits, rowScratchB, 1));
    rowScratchA.subi(rowScratchB);
    double loss = Nd4j.exec(new Mean(rowScratchA)).getDouble(0);
    gradient.subi(oneHot).muli(1.0 / batch);
    return loss;
  }
}
