package io.ib.train;

import java.util.Locale;

/**
 * Training diverged: the loss became NaN or infinite, or blew up beyond {@link #lossLimit}. The
 * message says at which step and learning rate, and what usually helps; {@link #withContext} adds
 * which run (width, seed, epoch) it was.
 */
public final class DivergenceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The loss limit is this many times ln C nats, the loss of a network that guesses uniformly. */
  public static final double LIMIT_IN_UNIFORM_LOSSES = 1000;

  private final double loss;
  private final int step;
  private final double learningRate;
  private final double limit;
  private final String context;

  /**
   * @param loss the loss that is not finite or above the limit, nats
   * @param step 1-based optimiser step at which it appeared (0: before training)
   * @param learningRate the learning rate in use
   * @param numClasses the number of classes C, which sets the limit
   */
  public DivergenceException(double loss, int step, double learningRate, int numClasses) {
    this(loss, step, learningRate, lossLimit(numClasses), "");
  }

  private DivergenceException(double loss, int step, double learningRate, double limit,
      String context) {
    super("training diverged" + (context.isEmpty() ? "" : " (" + context + ")") + ": the loss is "
        + loss + (Double.isFinite(loss) ? String.format(Locale.ROOT, " nats, above the limit of"
            + " %.0f (%.0f x the loss of a uniform guess)", limit, LIMIT_IN_UNIFORM_LOSSES) : "")
        + " at step " + step + " with learning rate " + learningRate
        + "; try a smaller learning rate (--lr) or check the inputs' scale");
    this.loss = loss;
    this.step = step;
    this.learningRate = learningRate;
    this.limit = limit;
    this.context = context;
  }

  /**
   * The largest mean loss a training run may reach before it counts as diverged:
   * {@value #LIMIT_IN_UNIFORM_LOSSES} x ln C nats. A uniform guess has loss ln C; a network that
   * puts a mean log-probability below -1000 ln C on the true class has weights that have blown up
   * (its logits differ by thousands), and the information estimates of such layers are meaningless.
   *
   * @param numClasses C, at least 2
   */
  public static double lossLimit(int numClasses) {
    return LIMIT_IN_UNIFORM_LOSSES * Math.log(numClasses);
  }

  /** True if the loss is NaN, infinite or above {@link #lossLimit}. */
  public static boolean diverged(double loss, int numClasses) {
    return !(loss <= lossLimit(numClasses));
  }

  /**
   * The same failure with more description of the run prepended, e.g. {@code width 5, seed 1} to
   * {@code epoch 3}.
   */
  public DivergenceException withContext(String outer) {
    return new DivergenceException(loss, step, learningRate, limit,
        context.isEmpty() ? outer : outer + ", " + context);
  }

  /** The loss that triggered it, nats. */
  public double loss() {
    return loss;
  }

  /** The 1-based optimiser step (0 when the untrained network already failed). */
  public int step() {
    return step;
  }

  /** The learning rate in use. */
  public double learningRate() {
    return learningRate;
  }
}
