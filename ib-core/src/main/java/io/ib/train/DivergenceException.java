package io.ib.train;

/**
 * Training produced a NaN or infinite loss. The message says at which step and learning rate, and
 * what usually helps; {@link #withContext} adds which run (width, seed, epoch) it was.
 */
public final class DivergenceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final double loss;
  private final int step;
  private final double learningRate;
  private final String context;

  /**
   * @param loss the non-finite loss
   * @param step 1-based optimiser step at which it appeared
   * @param learningRate the learning rate in use
   */
  public DivergenceException(double loss, int step, double learningRate) {
    this(loss, step, learningRate, "");
  }

  private DivergenceException(double loss, int step, double learningRate, String context) {
    super("training diverged" + (context.isEmpty() ? "" : " (" + context + ")") + ": loss is " + loss
        + " at step " + step + " with learning rate " + learningRate
        + "; try a smaller learning rate (--lr) or check the inputs for NaN/inf values");
    this.loss = loss;
    this.step = step;
    this.learningRate = learningRate;
    this.context = context;
  }

  /**
   * The same failure with more description of the run prepended, e.g. {@code width 5, seed 1} to
   * {@code epoch 3}.
   */
  public DivergenceException withContext(String outer) {
    return new DivergenceException(
        loss, step, learningRate, context.isEmpty() ? outer : outer + ", " + context);
  }

  /** The non-finite loss value. */
  public double loss() {
    return loss;
  }

  /** The 1-based optimiser step. */
  public int step() {
    return step;
  }

  /** The learning rate in use. */
  public double learningRate() {
    return learningRate;
  }
}
