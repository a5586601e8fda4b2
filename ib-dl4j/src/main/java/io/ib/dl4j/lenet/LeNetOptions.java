package io.ib.dl4j.lenet;

import io.ib.info.Estimators;
import io.ib.info.MutualInformationEstimator;
import io.ib.train.MeasurementSchedule;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The example's options, parsed from its command line (every value checked here, one line per
 * mistake).
 *
 * @param channels the first convolution's channels, one cell each
 * @param epochs training epochs per cell
 * @param trainSamples the first this many MNIST training images are trained on (0: all 60,000)
 * @param evalSamples the first this many MNIST test images are measured on: the subsample every
 *     estimator works on
 * @param batchSize training mini-batch size
 * @param seed the replicate's seed (initial weights and mini-batch order, as ib's cells)
 * @param estimators estimator specs
 * @param epochPoints which epochs' ends are measured, beside step 0 and steps 10, 30, 100
 * @param snapshots whether every measured layer is saved for {@code ib analyze}
 * @param out the run directory (must not exist, or be empty); empty: runs/dl4j-lenet-DATE-TIME
 */
record LeNetOptions(List<Integer> channels, int epochs, int trainSamples, int evalSamples,
    int batchSize, long seed, List<String> estimators, MeasurementSchedule.EpochPoints epochPoints,
    boolean snapshots, Optional<Path> out) {

  /** The quick defaults: a few minutes on two cores. */
  static final List<String> DEFAULT_ESTIMATORS = List.of("binning:bins=2,30,range=point",
      "kernel:bound=upper,s2=10", "knn:k=3");

  static final String USAGE = String.join("\n",
      "usage: ib-dl4j-lenet [options]   (LeNet-5 on MNIST in DL4J, measured while it trains)",
      "  --channels LIST       first convolution's channels, one cell each (default 2,4,8,16)",
      "  --epochs N            training epochs (default 2)",
      "  --train-samples N|all the first N training images (default 5000)",
      "  --eval-samples N      the first N test images, measured by every estimator (default 1000)",
      "  --batch-size N        training mini-batch (default 64)",
      "  --seed N              seed of weights and batch order (default 1)",
      "  --estimator SPEC      repeatable (default " + String.join(", ", DEFAULT_ESTIMATORS) + ")",
      "  --epoch-points SPEC   measured epoch ends: every:N or log:COUNT (default every:1);",
      "                        step 0 and steps 10, 30, 100 are always measured",
      "  --snapshots           keep every measured layer for ib analyze",
      "  --out DIR             run directory (default runs/dl4j-lenet-DATE-TIME)",
      "A full run: --train-samples all --epochs 10 --eval-samples 2000");

  /**
   * Parses the command line.
   *
   * @throws IllegalArgumentException one line naming the mistake
   */
  static LeNetOptions parse(String... args) {
    List<Integer> channels = List.of(2, 4, 8, 16);
    int epochs = 2;
    int trainSamples = 5000;
    int evalSamples = 1000;
    int batchSize = 64;
    long seed = 1;
    List<String> estimators = new ArrayList<>();
    MeasurementSchedule.EpochPoints epochPoints = MeasurementSchedule.EpochPoints.every(1);
    boolean snapshots = false;
    Optional<Path> out = Optional.empty();
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (option.equals("--snapshots")) {
        snapshots = true;
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(option.startsWith("--") ? option + " needs a value"
            : "unknown argument '" + option + "'");
      }
      String value = args[++i];
      switch (option) {
        case "--channels" -> channels = channels(value);
        case "--epochs" -> epochs = positive(option, value);
        case "--train-samples" -> trainSamples = value.equals("all") ? 0 : positive(option, value);
        case "--eval-samples" -> evalSamples = positive(option, value);
        case "--batch-size" -> batchSize = positive(option, value);
        case "--seed" -> seed = positive(option, value);
        case "--estimator" -> estimators.add(value);
        case "--epoch-points" -> epochPoints = MeasurementSchedule.EpochPoints.parse(value);
        case "--out" -> out = Optional.of(Path.of(value));
        default -> throw new IllegalArgumentException("unknown option '" + option + "'");
      }
    }
    if (evalSamples < 2) {
      throw new IllegalArgumentException("--eval-samples must be at least 2, got " + evalSamples);
    }
    return new LeNetOptions(channels, epochs, trainSamples, evalSamples, batchSize, seed,
        estimators.isEmpty() ? DEFAULT_ESTIMATORS : List.copyOf(estimators), epochPoints,
        snapshots, out);
  }

  /** The estimators, built (which checks their specs). */
  List<MutualInformationEstimator> buildEstimators() {
    return estimators.stream().map(Estimators::parse).toList();
  }

  /** The schedule: ib's dense-early steps 0, 10, 30, 100 and the chosen epoch ends. */
  MeasurementSchedule schedule() {
    return MeasurementSchedule.denseEarly().withEpochs(epochPoints);
  }

  /** The run directory. */
  Path outOrDefault() {
    return out.orElseGet(() -> Path.of("runs", "dl4j-lenet-"
        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))));
  }

  private static List<Integer> channels(String value) {
    List<Integer> result = new ArrayList<>();
    for (String item : value.split(",", -1)) {
      result.add(positive("--channels", item.trim()));
    }
    if (result.stream().distinct().count() != result.size()) {
      throw new IllegalArgumentException("--channels lists a value twice: " + value);
    }
    return List.copyOf(result);
  }

  private static int positive(String option, String value) {
    try {
      int n = Integer.parseInt(value);
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(option + " needs a positive whole number, got '" + value + "'");
  }

  @Override
  public String toString() {
    return "channels " + channels + ", " + epochs + " epochs, "
        + (trainSamples == 0 ? "all" : trainSamples) + " training images, " + evalSamples
        + " test images measured, batch " + batchSize + ", seed " + seed + ", estimators "
        + String.join(" ", estimators) + ", epoch points " + epochPoints
        + (snapshots ? ", snapshots" : "");
  }
}
