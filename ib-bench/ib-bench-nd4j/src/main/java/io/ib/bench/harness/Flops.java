package io.ib.bench.harness;

/**
 * Floating-point operations of the sweep's matrix products (2 per multiply-add), for the network
 * inputSize -> hidden -> k -> classes.
 *
 * <p>Per training sample: forward d h + h k + k c multiply-adds; weight gradients the same; input
 * gradients h k + k c (layers 2 and 3 only: nothing needs the gradient with respect to the images).
 * Bias gradients (column sums, done by ib as a GEMM with a ones vector) are left out: under 0.2% here.
 * Per measurement: one forward pass over the test set.
 *
 * @param trainForward forward products of all training steps
 * @param trainWeightGrad weight-gradient products
 * @param trainInputGrad input-gradient products
 * @param test forward passes over the test set at the measured steps
 */
record Flops(double trainForward, double trainWeightGrad, double trainInputGrad, double test) {
  static Flops of(int[] widths, int epochs, int nTrain, int nTest, int points, int d, int h, int c) {
    return of(widths, epochs, nTrain, nTest, points, d, d, h, c);
  }

  /**
   * The same with the first layer's products over fewer columns: {@code dTrain} in the training
   * steps (forward and weight gradient), {@code dTest} in the test passes (ib leaves out all-zero
   * input columns).
   */
  static Flops of(int[] widths, int epochs, int nTrain, int nTest, int points, double dTrain,
      double dTest, int h, int c) {
    double fwd = 0;
    double in = 0;
    double test = 0;
    for (int k : widths) {
      double rest = (double) h * k + (double) k * c;
      double perSampleIn = 2.0 * rest;
      fwd += 2.0 * (dTrain * h + rest) * nTrain * epochs;
      in += perSampleIn * nTrain * epochs;
      test += 2.0 * (dTest * h + rest) * nTest * points;
    }
    return new Flops(fwd, fwd, in, test);
  }

  double train() {
    return trainForward + trainWeightGrad + trainInputGrad;
  }

  /**
   * Seconds the products need at the given throughputs (FLOP/s): forward and input-gradient products
   * at the forward shape's rate, weight gradients at the transposed shape's, test passes at the
   * test shape's.
   */
  double seconds(double fwdRate, double weightGradRate, double testRate) {
    return (trainForward + trainInputGrad) / fwdRate + trainWeightGrad / weightGradRate
        + test / testRate;
  }

  /** The training part of {@link #seconds}. */
  double trainSeconds(double fwdRate, double weightGradRate) {
    return (trainForward + trainInputGrad) / fwdRate + trainWeightGrad / weightGradRate;
  }
}
