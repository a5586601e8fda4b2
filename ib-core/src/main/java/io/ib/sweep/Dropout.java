package io.ib.sweep;

import io.ib.train.HiddenDropout;
import java.util.Locale;

/**
 * The dropout of a sweep's networks, on the last hidden layer (see {@link HiddenDropout}):
 * Bernoulli with probability p, in training only, or Gaussian with variance alpha, in training and
 * measurement; {@link #NONE} for none.
 *
 * @param kind Bernoulli or Gaussian
 * @param rate p in [0, 1), or alpha &ge; 0; 0 is no dropout, which trains and measures exactly as a
 *     configuration without it
 */
public record Dropout(HiddenDropout.Kind kind, double rate) {
  /** No dropout. */
  public static final Dropout NONE = new Dropout(HiddenDropout.Kind.BERNOULLI, 0);

  /** Checks the rate (the message names the option). */
  public Dropout {
    if (kind == HiddenDropout.Kind.BERNOULLI && !(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException("dropout must be a probability in [0, 1), got " + rate);
    }
    if (kind == HiddenDropout.Kind.GAUSSIAN && !(rate > 0 && Double.isFinite(rate))) {
      throw new IllegalArgumentException("gaussian dropout must be a finite variance alpha > 0, got "
          + rate);
    }
  }

  /** Bernoulli dropout with probability p (0: none). */
  public static Dropout bernoulli(double p) {
    return new Dropout(HiddenDropout.Kind.BERNOULLI, p);
  }

  /** Gaussian dropout with variance alpha &gt; 0. */
  public static Dropout gaussian(double alpha) {
    return new Dropout(HiddenDropout.Kind.GAUSSIAN, alpha);
  }

  /** True if there is dropout. */
  public boolean enabled() {
    return rate > 0;
  }

  /** True for Gaussian dropout, which is on in measurement too. */
  public boolean gaussian() {
    return enabled() && kind == HiddenDropout.Kind.GAUSSIAN;
  }

  /** The dropout of one network, with this seed; null when disabled. */
  public HiddenDropout withSeed(long seed) {
    return enabled() ? new HiddenDropout(kind, rate, seed) : null;
  }

  /** The kind as written in configurations: bernoulli or gaussian. */
  public String id() {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@link #id()} and a rate. */
  public static Dropout parse(String id, double rate) {
    return switch (id) {
      case "bernoulli" -> bernoulli(rate);
      case "gaussian" -> gaussian(rate);
      default -> throw new IllegalArgumentException("dropout kind '" + id
          + "', expected bernoulli or gaussian");
    };
  }
}
