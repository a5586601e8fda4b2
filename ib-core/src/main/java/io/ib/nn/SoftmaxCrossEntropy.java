package io.ib.nn;

import io.ib.internal.HostCopy;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Mean softmax cross-entropy over a mini-batch, computed stably with log-sum-exp.
 *
 * <p>For logits z (one row per sample) and class y: loss = log sum_j exp(z_j - m) - (z_y - m), with m
 * = max_j z_j, so no exponential overflows; the gradient with respect to the logits is
 * (softmax(z) - onehot(y)) / B. Values in nats (the loss is a training objective, not an information
 * quantity).
 *
 * <p>The logits are few (B x classes), so this is one bulk copy, one Java loop in double precision and
 * one bulk copy back, instead of a dozen ND4J calls on tiny arrays (measured: 133 us as ND4J calls for
 * 256 x 10). ND4J's own {@code LogSoftMax} also returned -infinity for logits far below the row
 * maximum (a gap of 1000 in float32), which would have turned the loss into NaN.
 */
public final class SoftmaxCrossEntropy {
  private final float[] logits;
  private final double[] widened;
  private final float[] gradient;

  /** Scratch space for mini-batches of {@code rows} x {@code classes} logits. */
  public SoftmaxCrossEntropy(int rows, int classes) {
    this.logits = new float[rows * classes];
    this.widened = new double[rows * classes];
    this.gradient = new float[rows * classes];
  }

  /**
   * Computes the mean loss and its gradient.
   *
   * @param z logits, B x C (read, not changed)
   * @param labels B class indices in [0, C)
   * @param dz receives dL/dz of the mean loss, B x C, same type as z
   * @return the mean loss over the B rows, in nats
   */
  public double lossAndGradient(INDArray z, int[] labels, INDArray dz) {
    int rows = z.rows();
    int classes = z.columns();
    if (labels.length != rows) {
      throw new IllegalArgumentException(rows + " rows of logits but " + labels.length + " labels");
    }
    if (usesScratch(z, rows, classes)) {
      double loss = compute(asDoubles(z), labels, rows, classes, gradient, null, null);
      HostCopy.write(gradient, dz);
      return loss;
    }
    // Other types and sizes (double-precision gradient checks): the same arithmetic, allocating.
    double[] grad = new double[rows * classes];
    double loss = compute(asDoubles(z), labels, rows, classes, null, grad, null);
    dz.assign(Nd4j.create(grad, new long[] {rows, classes}, DataType.DOUBLE).castTo(dz.dataType()));
    return loss;
  }

  /**
   * Computes the mean loss and each row's predicted class, without the gradient (for evaluation).
   *
   * @param z logits, B x C (read, not changed)
   * @param labels B class indices in [0, C)
   * @param predicted receives, per row, the index of the largest logit (the first one on ties)
   * @return the mean loss over the B rows, in nats
   */
  public double lossAndPredictions(INDArray z, int[] labels, int[] predicted) {
    int rows = z.rows();
    int classes = z.columns();
    if (labels.length != rows || predicted.length != rows) {
      throw new IllegalArgumentException(rows + " rows of logits but " + labels.length
          + " labels and room for " + predicted.length + " predictions");
    }
    return compute(asDoubles(z), labels, rows, classes, null, null, predicted);
  }

  /**
   * The softmax of each row: p_j = exp(z_j - m) / sum_k exp(z_k - m), m the row's maximum, computed
   * in double and returned as float32 (one bulk copy each way).
   *
   * @param z logits, B x C (read, not changed)
   * @return a new B x C float32 array of probabilities
   */
  public static INDArray probabilities(INDArray z) {
    int rows = z.rows();
    int classes = z.columns();
    double[] logits = z.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    float[] p = new float[rows * classes];
    for (int r = 0; r < rows; r++) {
      int base = r * classes;
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < classes; j++) {
        max = Math.max(max, logits[base + j]);
      }
      double sum = 0;
      for (int j = 0; j < classes; j++) {
        sum += Math.exp(logits[base + j] - max);
      }
      for (int j = 0; j < classes; j++) {
        p[base + j] = (float) (Math.exp(logits[base + j] - max) / sum);
      }
    }
    return Nd4j.create(p, new long[] {rows, classes}, DataType.FLOAT);
  }

  /** Float logits of the size given at construction go through the scratch arrays. */
  private boolean usesScratch(INDArray z, int rows, int classes) {
    return z.dataType() == DataType.FLOAT && logits.length == rows * classes;
  }

  /** The logits in double: in the scratch array when {@link #usesScratch}, else a new array. */
  private double[] asDoubles(INDArray z) {
    if (!usesScratch(z, z.rows(), z.columns())) {
      return z.dup('c').data().asDouble();
    }
    HostCopy.read(z, logits);
    for (int i = 0; i < logits.length; i++) {
      widened[i] = logits[i];
    }
    return widened;
  }

  /**
   * The loop: per row max, log-sum-exp and loss; the gradient into floats or doubles when asked for,
   * the predicted classes when asked for. Overwrites {@code z} (a copy of the logits) with the
   * exponentials.
   */
  private static double compute(double[] z, int[] labels, int rows, int classes, float[] outF,
      double[] outD, int[] predicted) {
    double total = 0;
    double scale = 1.0 / rows;
    for (int r = 0; r < rows; r++) {
      int base = r * classes;
      int y = labels[r];
      if (y < 0 || y >= classes) {
        throw new IllegalArgumentException("label " + y + " at row " + r + " is outside [0, "
            + classes + ")");
      }
      double max = Double.NEGATIVE_INFINITY;
      int best = 0;
      for (int j = 0; j < classes; j++) {
        if (z[base + j] > max) {
          max = z[base + j];
          best = j;
        }
      }
      if (predicted != null) {
        predicted[r] = best;
      }
      double shiftedY = z[base + y] - max;
      double sum = 0;
      for (int j = 0; j < classes; j++) {
        double e = Math.exp(z[base + j] - max);
        z[base + j] = e; // kept for the gradient: one exp per logit
        sum += e;
      }
      total += Math.log(sum) - shiftedY;
      if (outF == null && outD == null) {
        continue;
      }
      for (int j = 0; j < classes; j++) {
        double g = (z[base + j] / sum - (j == y ? 1 : 0)) * scale;
        if (outD != null) {
          outD[base + j] = g;
        } else {
          outF[base + j] = (float) g;
        }
      }
    }
    return total / rows;
  }
}
