package io.ib.data;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.SplittableRandom;

/**
 * How the n samples of one file are divided into a train part and a test part. Immutable.
 *
 * <p>Sizes: the train part has {@code round(trainFraction * n)} rows, rounded half to even and
 * computed in decimal ({@code 0.8} is taken as 8/10, not as the nearest double), the test part the
 * rest. This is what the IDNNs code of Shwartz-Ziv &amp; Tishby computes, {@code np.rint(80 * n / 100)}:
 * 3277 train and 819 test rows of the 4096 of the 12-bit task. Other roundings differ on other n:
 * with 4098 rows, 0.8 gives 3278 here (3278.4 rounds down) where a ceiling would give 3279; with 5
 * rows, 0.5 gives 2 (2.5 rounds to even), as {@code np.rint} does.
 *
 * <p>Kinds:
 * <ul>
 *   <li>{@link #first}: the first rows in file order are the train part, the remaining rows the test
 *       part, unshuffled (the IDNNs protocol: its first 80 % of {@code var_u.mat}).</li>
 *   <li>{@link #random}: a uniformly random subset, from a permutation drawn with
 *       {@link SplittableRandom}{@code (seed)} by Fisher-Yates: for i = n-1 down to 1, swap
 *       positions i and {@code nextInt(i + 1)}; the first train-size positions of the permutation are
 *       the train rows. The same seed and n give the same split on every machine and Java version.
 *       Every long is a valid seed, 0 included, with no special meaning (the split does not touch
 *       ND4J's generator).</li>
 * </ul>
 * In both kinds each part keeps file order (the row indices are increasing), so a split only chooses
 * rows and never reorders them; the trainer's own batch order is separate.
 *
 * <p>Text forms: {@link #toString()} gives the parseable spec, e.g. {@code first:fraction=0.8} or
 * {@code random:fraction=0.8,seed=7} (see {@link #parse}); {@link #description()} words for
 * provenance and messages, e.g. {@code first 80%} or {@code random 80%, seed 7}. A dataset made with
 * a split is named after it, e.g. {@code var_u (first 80% train)} ({@link Dataset#split}).
 */
public final class DataSplit {
  /** Train fraction of a spec that gives none: 0.8. */
  public static final double DEFAULT_TRAIN_FRACTION = 0.8;
  /** Seed of a random spec that gives none: 1. */
  public static final long DEFAULT_SEED = 1;

  private static final String FIRST = "first";
  private static final String RANDOM = "random";
  private static final String SYNTAX = "expected first[:fraction=F] or random[:fraction=F][,seed=S]"
      + " with 0 < F < 1, e.g. first:fraction=0.8 or random:fraction=0.8,seed=7";

  private final boolean random;
  private final double trainFraction;
  private final long seed;

  private DataSplit(boolean random, double trainFraction, long seed) {
    // Written so that NaN fails.
    if (!(trainFraction > 0 && trainFraction < 1)) {
      throw new IllegalArgumentException("trainFraction must be in (0, 1), got " + trainFraction);
    }
    this.random = random;
    this.trainFraction = trainFraction;
    this.seed = seed;
  }

  /**
   * The first {@code round(trainFraction * n)} rows in file order for training, the rest for testing.
   *
   * @param trainFraction fraction of the rows for training, in (0, 1)
   * @throws IllegalArgumentException if {@code trainFraction} is not in (0, 1) (NaN included)
   */
  public static DataSplit first(double trainFraction) {
    return new DataSplit(false, trainFraction, 0);
  }

  /**
   * A seeded uniformly random choice of {@code round(trainFraction * n)} rows for training, the rest
   * for testing.
   *
   * @param trainFraction fraction of the rows for training, in (0, 1)
   * @param seed any long (0 is an ordinary seed)
   * @throws IllegalArgumentException if {@code trainFraction} is not in (0, 1) (NaN included)
   */
  public static DataSplit random(double trainFraction, long seed) {
    return new DataSplit(true, trainFraction, seed);
  }

  /**
   * Parses the text form {@code first[:fraction=F]} or {@code random[:fraction=F][,seed=S]}; an
   * omitted fraction is {@value #DEFAULT_TRAIN_FRACTION}, an omitted seed {@value #DEFAULT_SEED}.
   *
   * @param text e.g. {@code random:fraction=0.75,seed=7}; surrounding blanks are ignored
   * @return the split
   * @throws IllegalArgumentException naming the text, the problem and the expected syntax
   */
  public static DataSplit parse(String text) {
    Objects.requireNonNull(text, "text");
    String trimmed = text.trim();
    int colon = trimmed.indexOf(':');
    String kind = colon < 0 ? trimmed : trimmed.substring(0, colon);
    if (!kind.equals(FIRST) && !kind.equals(RANDOM)) {
      throw syntax(text, "unknown kind '" + kind + "'");
    }
    Map<String, String> params = new LinkedHashMap<>();
    if (colon >= 0) {
      for (String item : trimmed.substring(colon + 1).split(",", -1)) {
        int eq = item.indexOf('=');
        if (eq <= 0 || eq == item.length() - 1) {
          throw syntax(text, "'" + item + "' is not key=value");
        }
        String key = item.substring(0, eq).trim();
        boolean known = key.equals("fraction") || (key.equals("seed") && kind.equals(RANDOM));
        if (!known) {
          throw syntax(text, "unknown parameter '" + key + "' for " + kind);
        }
        if (params.put(key, item.substring(eq + 1).trim()) != null) {
          throw syntax(text, "parameter '" + key + "' given twice");
        }
      }
    }
    double fraction = DEFAULT_TRAIN_FRACTION;
    long seed = DEFAULT_SEED;
    try {
      if (params.containsKey("fraction")) {
        fraction = Double.parseDouble(params.get("fraction"));
      }
      if (params.containsKey("seed")) {
        seed = Long.parseLong(params.get("seed"));
      }
      return kind.equals(FIRST) ? first(fraction) : random(fraction, seed);
    } catch (IllegalArgumentException e) { // NumberFormatException included
      throw syntax(text, e.getMessage());
    }
  }

  private static IllegalArgumentException syntax(String text, String problem) {
    return new IllegalArgumentException("invalid split '" + text + "': " + problem + " (" + SYNTAX + ")");
  }

  /** The fraction of rows for training, in (0, 1). */
  public double trainFraction() {
    return trainFraction;
  }

  /** True for a seeded random split, false for the first rows in file order. */
  public boolean isRandom() {
    return random;
  }

  /** The seed of a random split; empty for {@link #first}. */
  public OptionalLong seed() {
    return random ? OptionalLong.of(seed) : OptionalLong.empty();
  }

  /**
   * The number of train rows out of {@code n}: {@code trainFraction * n} in decimal, rounded half to
   * even.
   *
   * @param n number of samples, at least 2
   * @return the train size, in [1, n - 1]
   * @throws IllegalArgumentException if a part would be empty (the message gives n and both sizes)
   */
  public int trainSize(int n) {
    if (n < 2) {
      throw new IllegalArgumentException("a " + description() + " split needs at least 2 samples,"
          + " one for each part; got " + n);
    }
    int train = decimalFraction().multiply(BigDecimal.valueOf(n))
        .setScale(0, RoundingMode.HALF_EVEN).intValueExact();
    if (train < 1 || train >= n) {
      throw new IllegalArgumentException("a " + description() + " split of " + n + " samples gives "
          + train + " train and " + (n - train) + " test samples; each part needs at least one");
    }
    return train;
  }

  /**
   * The row indices of the train part, increasing.
   *
   * @param n number of samples, at least 2
   * @throws IllegalArgumentException as {@link #trainSize}
   */
  public int[] trainRows(int n) {
    return partition(n)[0];
  }

  /**
   * The row indices of the test part, increasing: every row in [0, n) that is not in
   * {@link #trainRows}.
   *
   * @param n number of samples, at least 2
   * @throws IllegalArgumentException as {@link #trainSize}
   */
  public int[] testRows(int n) {
    return partition(n)[1];
  }

  /** {train rows, test rows}, each increasing. */
  int[][] partition(int n) {
    int train = trainSize(n);
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    if (random) {
      SplittableRandom rng = new SplittableRandom(seed);
      for (int i = n - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
    }
    int[] trainRows = Arrays.copyOf(order, train);
    int[] testRows = Arrays.copyOfRange(order, train, n);
    Arrays.sort(trainRows);
    Arrays.sort(testRows);
    return new int[][] {trainRows, testRows};
  }

  /**
   * Words for provenance and messages: {@code first 80%} or {@code random 80%, seed 7}; the
   * percentage has the digits the fraction needs ({@code 0.755} gives {@code 75.5%}).
   */
  public String description() {
    return describe("");
  }

  /** What goes into a dataset's name: {@code first 80% train} or {@code random 80% train, seed 7}. */
  String trainDescription() {
    return describe(" train");
  }

  private String describe(String part) {
    String percent = decimalFraction().movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    return random ? RANDOM + " " + percent + part + ", seed " + seed : FIRST + " " + percent + part;
  }

  /**
   * The spec, which {@link #parse} reads back: {@code first:fraction=0.8},
   * {@code random:fraction=0.8,seed=7}.
   */
  @Override
  public String toString() {
    String fraction = decimalFraction().stripTrailingZeros().toPlainString();
    return random ? RANDOM + ":fraction=" + fraction + ",seed=" + seed : FIRST + ":fraction=" + fraction;
  }

  /** The fraction as the decimal Java prints for it: 0.8 is exactly 8/10. */
  private BigDecimal decimalFraction() {
    return BigDecimal.valueOf(trainFraction);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DataSplit s && s.random == random && s.trainFraction == trainFraction
        && s.seed == seed;
  }

  @Override
  public int hashCode() {
    return Objects.hash(random, trainFraction, seed);
  }
}
