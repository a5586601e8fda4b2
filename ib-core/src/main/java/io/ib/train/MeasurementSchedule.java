package io.ib.train;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;

/**
 * When a model is measured during training, in optimiser steps.
 *
 * <p>Step 0 is the untrained network; step s is the network after s updates. A schedule combines step
 * 0, explicit steps, and points tied to epochs: every N epochs, or log-spaced epochs as in the IDNNs
 * code of Shwartz-Ziv &amp; Tishby (2017), each taken at the start or at the end of its epoch. The
 * default ({@link #denseEarly()}) measures at step 0, at a few steps inside the first epoch (where
 * representations move fastest) and at the end of every epoch.
 *
 * @param atStart measure the untrained network (step 0)
 * @param steps further steps to measure at (each at least 1)
 * @param epochs which epochs carry a measurement
 * @param anchor whether an epoch's measurement is taken at its start or at its end
 */
public record MeasurementSchedule(boolean atStart, List<Integer> steps, EpochPoints epochs,
    Anchor anchor) {

  /** Where in an epoch its measurement is taken. */
  public enum Anchor {
    /** Before the epoch's first step: epoch k (0-based) is measured at step k x stepsPerEpoch. */
    START,
    /** After the epoch's last step: epoch k (0-based) is measured at step (k + 1) x stepsPerEpoch. */
    END;

    /** {@code start} or {@code end}. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code start} or {@code end}. */
    public static Anchor parse(String text) {
      for (Anchor a : values()) {
        if (a.id().equalsIgnoreCase(text.trim())) {
          return a;
        }
      }
      throw new IllegalArgumentException("unknown measurement anchor '" + text
          + "': expected start or end");
    }
  }

  /**
   * Which epochs (0-based, k = 0 .. E - 1) carry a measurement.
   *
   * @param kind none, every N epochs, or log-spaced
   * @param value N for {@link Kind#EVERY}, the number of log-spaced values for {@link Kind#LOG}
   */
  public record EpochPoints(Kind kind, int value) {
    /** The kinds of epoch points. */
    public enum Kind {
      /** No epoch points. */
      NONE,
      /**
       * Every N epochs: with anchor end, after N, 2N, ... epochs (0-based epochs N - 1, 2N - 1, ...);
       * with anchor start, before epochs 0, N, 2N, ....
       */
      EVERY,
      /**
       * The IDNNs epochs: {@code unique(int(logspace(0, log2 E, count, base=2))) - 1}, computed
       * in double precision as NumPy does (for E = 8000 and count = 400: 274 epochs, all of 0..34).
       */
      LOG
    }

    public EpochPoints {
      Objects.requireNonNull(kind, "kind");
      if (kind != Kind.NONE && value < 1) {
        throw new IllegalArgumentException("epoch points " + kind.name().toLowerCase(Locale.ROOT)
            + " need a positive number, got " + value);
      }
    }

    /** No epoch points. */
    public static final EpochPoints NONE = new EpochPoints(Kind.NONE, 0);

    /** Every {@code n} epochs. */
    public static EpochPoints every(int n) {
      return new EpochPoints(Kind.EVERY, n);
    }

    /** {@code count} log-spaced values, as IDNNs (count 400). */
    public static EpochPoints logSpaced(int count) {
      return new EpochPoints(Kind.LOG, count);
    }

    /**
     * Parses {@code none}, {@code every:N} (or {@code every}, N = 1) and {@code log:COUNT}.
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static EpochPoints parse(String text) {
      String t = text.trim().toLowerCase(Locale.ROOT);
      try {
        if (t.equals("none")) {
          return NONE;
        }
        if (t.equals("every")) {
          return every(1);
        }
        if (t.startsWith("every:")) {
          return every(Integer.parseInt(t.substring(6)));
        }
        if (t.startsWith("log:")) {
          return logSpaced(Integer.parseInt(t.substring(4)));
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException("unknown epoch points '" + text + "': expected none,"
          + " every:N (every N epochs) or log:COUNT (COUNT log-spaced epochs, as IDNNs: log:400)");
    }

    /** {@code none}, {@code every:N} or {@code log:COUNT}. */
    @Override
    public String toString() {
      return switch (kind) {
        case NONE -> "none";
        case EVERY -> "every:" + value;
        case LOG -> "log:" + value;
      };
    }

    /** The 0-based epochs of a run of {@code epochs} epochs, increasing. */
    TreeSet<Integer> of(int epochs, Anchor anchor) {
      TreeSet<Integer> result = new TreeSet<>();
      switch (kind) {
        case NONE -> { }
        case EVERY -> {
          for (long k = anchor == Anchor.END ? value - 1L : 0; k < epochs; k += value) {
            result.add((int) k);
          }
        }
        case LOG -> {
          // numpy.logspace(0, log2 E, count, base=2): 2 ** linspace(0, log2 E, count), the last
          // exponent exactly log2 E; int() truncates.
          double stop = Math.log(epochs) / Math.log(2);
          double step = value > 1 ? stop / (value - 1) : 0;
          for (int i = 0; i < value; i++) {
            double exponent = i == value - 1 ? stop : i * step;
            result.add((int) Math.pow(2, exponent) - 1);
          }
        }
        default -> throw new IllegalStateException("unknown epoch points " + kind);
      }
      return result;
    }
  }

  public MeasurementSchedule {
    steps = List.copyOf(new TreeSet<>(steps));
    Objects.requireNonNull(epochs, "epochs");
    Objects.requireNonNull(anchor, "anchor");
    for (int s : steps) {
      if (s < 1) {
        throw new IllegalArgumentException("measurement steps must be at least 1, got " + s);
      }
    }
  }

  /**
   * The older form: step 0 or not, explicit steps, and every epoch's end or not.
   *
   * @param everyEpoch measure at the end of every epoch
   */
  public MeasurementSchedule(boolean atStart, List<Integer> steps, boolean everyEpoch) {
    this(atStart, steps, everyEpoch ? EpochPoints.every(1) : EpochPoints.NONE, Anchor.END);
  }

  /** Step 0, steps 10, 30 and 100, and every epoch end. */
  public static MeasurementSchedule denseEarly() {
    return new MeasurementSchedule(true, List.of(10, 30, 100), true);
  }

  /** Only at the end of every epoch. */
  public static MeasurementSchedule epochEnds() {
    return new MeasurementSchedule(false, List.of(), true);
  }

  /**
   * The IDNNs schedule of Shwartz-Ziv &amp; Tishby (2017): at the start of 400 log-spaced epochs
   * (epoch 0 is the untrained network).
   */
  public static MeasurementSchedule idnns() {
    return new MeasurementSchedule(false, List.of(), EpochPoints.logSpaced(400), Anchor.START);
  }

  /** A copy with other epoch points. */
  public MeasurementSchedule withEpochs(EpochPoints value) {
    return new MeasurementSchedule(atStart, steps, value, anchor);
  }

  /** A copy with another anchor. */
  public MeasurementSchedule withAnchor(Anchor value) {
    return new MeasurementSchedule(atStart, steps, epochs, value);
  }

  /** A copy with other explicit steps. */
  public MeasurementSchedule withSteps(List<Integer> value) {
    return new MeasurementSchedule(atStart, value, epochs, anchor);
  }

  /** True if every epoch carries a measurement (it is {@code every:1}). */
  public boolean everyEpoch() {
    return epochs.kind() == EpochPoints.Kind.EVERY && epochs.value() == 1;
  }

  /** The most measurement points a training run may have. */
  public static final int MAX_POINTS = 100_000;

  /**
   * An upper bound on the points this schedule gives for a run of {@code epochs} epochs, known
   * without the data: used to refuse absurd schedules early.
   */
  public long maxPoints(int epochs) {
    long epochPoints = switch (this.epochs.kind()) {
      case NONE -> 0;
      case EVERY -> (long) epochs / this.epochs.value() + 1;
      case LOG -> this.epochs.value();
    };
    return epochPoints + steps.size() + (atStart ? 1 : 0);
  }

  /**
   * The measured steps of a run, in increasing order. Requested steps beyond the end of training are
   * left out (see {@link #beyond}: callers should say so).
   *
   * @throws IllegalArgumentException if the run has more than {@link Integer#MAX_VALUE} steps, more
   *     than {@link #MAX_POINTS} measurement points, or none
   */
  public int[] resolve(int stepsPerEpoch, int epochs) {
    long total = totalSteps(stepsPerEpoch, epochs);
    if (maxPoints(epochs) > MAX_POINTS) {
      throw new IllegalArgumentException("measuring at " + this.epochs + " of " + epochs
          + " epochs gives more than " + MAX_POINTS + " measurement points");
    }
    TreeSet<Integer> result = new TreeSet<>();
    if (atStart) {
      result.add(0);
    }
    for (int s : steps) {
      if (s <= total) {
        result.add(s);
      }
    }
    for (int k : this.epochs.of(epochs, anchor)) {
      result.add((k + (anchor == Anchor.END ? 1 : 0)) * stepsPerEpoch);
    }
    if (result.isEmpty()) {
      throw new IllegalArgumentException("the measurement schedule measures nothing within the "
          + total + " steps of training");
    }
    if (result.size() > MAX_POINTS) {
      throw new IllegalArgumentException("the schedule has " + result.size() + " measurement points;"
          + " at most " + MAX_POINTS + " are allowed");
    }
    return result.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The requested steps that lie beyond the last step of training, which {@link #resolve} drops. */
  public List<Integer> beyond(int stepsPerEpoch, int epochs) {
    long total = totalSteps(stepsPerEpoch, epochs);
    return steps.stream().filter(s -> s > total).toList();
  }

  /**
   * Optimiser steps of a run: epochs x steps per epoch.
   *
   * @throws IllegalArgumentException if that exceeds {@link Integer#MAX_VALUE}
   */
  public static long totalSteps(int stepsPerEpoch, int epochs) {
    long total = (long) stepsPerEpoch * epochs;
    if (total > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(epochs + " epochs x " + stepsPerEpoch + " steps per epoch = "
          + total + " steps, more than the " + Integer.MAX_VALUE + " a run may take");
    }
    return total;
  }
}
