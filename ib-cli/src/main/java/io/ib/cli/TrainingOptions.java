package io.ib.cli;

import io.ib.optim.AdamSettings;
import io.ib.optim.OptimizerSettings;
import io.ib.optim.SgdSettings;
import io.ib.sweep.SweepConfig;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The training: seeds, epochs, batches, their order, and the optimiser. */
final class TrainingOptions {
  @Option(names = "--seeds", paramLabel = "S|A..B[,...]", converter = Converters.Seeds.class,
      description = "Replicate seeds, comma-separated; A..B is every seed from A to B: 1..4 runs"
          + " four replicates, 7 runs the one seed 7.")
  List<Long> seeds;

  @Option(names = "--epochs", paramLabel = "E", description = "Training epochs.")
  Integer epochs;

  @Option(names = "--batch-size", paramLabel = "B|full",
      description = "Mini-batch size, or 'full' for the whole training set at every step.")
  String batchSize;

  @Option(names = "--order", paramLabel = "shuffled|fixed",
      description = "Visit the training samples in a new random order every epoch, or always in"
          + " their own order.")
  String order;

  @Option(names = "--optimizer", paramLabel = "adam|sgd",
      description = "The optimiser; Adam uses PyTorch's betas and epsilon.")
  String optimizer;

  @Option(names = "--lr", paramLabel = "LR", description = "Learning rate.")
  Double learningRate;

  @Option(names = "--momentum", paramLabel = "M",
      description = "Momentum of SGD, in [0, 1) (default: 0; only with --optimizer sgd).")
  Double momentum;

  /** {@code base} with these options applied. */
  SweepConfig apply(SweepConfig base) {
    SweepConfig c = base;
    if (seeds != null) {
      c = c.withSeeds(seeds);
    }
    if (epochs != null) {
      c = c.withEpochs(epochs);
    }
    if (batchSize != null) {
      c = c.withBatchSize(batchSize(batchSize));
    }
    if (order != null) {
      c = c.withShuffle(switch (order.strip().toLowerCase(Locale.ROOT)) {
        case "shuffled" -> true;
        case "fixed" -> false;
        default -> throw new IllegalArgumentException("--order must be shuffled or fixed, got '"
            + order + "'");
      });
    }
    return c.withOptimizer(optimizer(c.optimizer()));
  }

  private OptimizerSettings optimizer(OptimizerSettings base) {
    OptimizerSettings o = base;
    if (optimizer != null) {
      o = switch (optimizer.strip().toLowerCase(Locale.ROOT)) {
        case "adam" -> o instanceof AdamSettings ? o
            : AdamSettings.pytorchDefaults(o.learningRate());
        case "sgd" -> o instanceof SgdSettings ? o : new SgdSettings(o.learningRate(), 0);
        default -> throw new IllegalArgumentException("--optimizer must be adam or sgd, got '"
            + optimizer + "'");
      };
    }
    if (learningRate != null) {
      o = o.withLearningRate(learningRate);
    }
    if (momentum != null) {
      if (!(o instanceof SgdSettings sgd)) {
        throw new IllegalArgumentException("--momentum is a setting of SGD: add --optimizer sgd");
      }
      o = new SgdSettings(sgd.learningRate(), momentum);
    }
    return o;
  }

  /** --batch-size: a positive number, or "full". */
  static int batchSize(String text) {
    if (text.strip().equalsIgnoreCase("full")) {
      return SweepConfig.FULL_BATCH;
    }
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--batch-size must be a number of samples or full, got '"
          + text + "'");
    }
  }
}
