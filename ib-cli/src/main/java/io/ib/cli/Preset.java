package io.ib.cli;

import io.ib.data.DataSplit;
import io.ib.nn.Activation;
import io.ib.sweep.SweepConfig;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The setups {@code ib sweep --preset NAME} starts from: a configuration and, for the papers' 12-bit
 * task, how its one data file is split. The configurations themselves live in {@link SweepConfig}.
 */
enum Preset {
  NOTEBOOK("notebook", "the original notebook: 784-256-k-10 ReLU on MNIST (the default)",
      SweepConfig::notebook, null),
  SZT2017("szt2017", "Shwartz-Ziv & Tishby 2017: 12-10-7-5-4-3-2 tanh on the 12-bit task,"
      + " 8000 epochs, IDNNs' binning (needs --data var_u.mat)", SweepConfig::shwartzZivTishby2017,
      DataSplit.first(0.8)),
  SAXE2018_TANH("saxe2018-tanh", "Saxe et al. 2018, tanh: as szt2017 with their estimators"
      + " (binning width 0.07, kernel s2 = 0.001) and training", () -> SweepConfig.saxe2018(
          Activation.TANH), DataSplit.random(0.8, 1)),
  SAXE2018_RELU("saxe2018-relu", "Saxe et al. 2018, ReLU: no compression under binning that does"
      + " not clip; IDNNs' [-1, 1] binning shows the clipping artifact", () -> SweepConfig.saxe2018(
          Activation.RELU), DataSplit.random(0.8, 1)),
  GOLDFELD2019("goldfeld2019", "Goldfeld et al. 2019: szt2017's network and training with"
      + " Gaussian noise (beta 0.01) on every hidden layer, the sample-propagation estimator sp and"
      + " IDNNs' binning; 1 seed, 1000 epochs (--epochs, --seeds for longer runs)",
      SweepConfig::goldfeld2019, DataSplit.first(0.8));

  final String id;
  final String description;
  private final Supplier<SweepConfig> config;
  /** How a single data file is split for this preset, or null for the data's own test part. */
  final DataSplit split;

  Preset(String id, String description, Supplier<SweepConfig> config, DataSplit split) {
    this.id = id;
    this.description = description;
    this.config = config;
    this.split = split;
  }

  SweepConfig config() {
    return config.get();
  }

  /** True for the presets of the 12-bit task, which ib cannot download. */
  boolean needsData() {
    return this != NOTEBOOK;
  }

  static Preset parse(String text) {
    for (Preset p : values()) {
      if (p.id.equals(text.trim().toLowerCase(Locale.ROOT))) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown preset '" + text + "': expected one of "
        + Arrays.stream(values()).map(p -> p.id).collect(Collectors.joining(", ")));
  }

  /** One line per preset, for --help. */
  static String help() {
    return Arrays.stream(values()).map(p -> "  " + p.id + ": " + p.description)
        .collect(Collectors.joining("%n"));
  }
}
