package io.ib.cli;

import io.ib.sweep.SweepConfig;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * What a new sweep is: a preset and the options that change it, grouped as the help shows them, and
 * where its data comes from. Every default comes from {@link SweepConfig#notebook()} or the preset.
 */
final class SweepDefinition {
  @Option(names = "--preset", paramLabel = "NAME",
      description = "Start from a published setup instead of the notebook's; options beside it"
          + " replace its values, --estimator adds to its estimators. Presets are listed below.")
  String preset;

  @ArgGroup(validate = false, heading = "Model:")
  ModelOptions model = new ModelOptions();

  @ArgGroup(validate = false, heading = "Training:")
  TrainingOptions training = new TrainingOptions();

  @ArgGroup(validate = false, heading = "Measuring:")
  MeasuringOptions measuring = new MeasuringOptions();

  @ArgGroup(validate = false, heading = "Data:")
  DataSourceOptions data = new DataSourceOptions();

  /** The preset, or null for the notebook's setup. */
  Preset preset() {
    return preset == null ? null : Preset.parse(preset);
  }

  /** The configuration: the preset's (or the notebook's) with every option given applied. */
  SweepConfig config() {
    Preset chosen = preset();
    SweepConfig base = chosen != null ? chosen.config() : SweepConfig.notebook();
    return measuring.apply(training.apply(model.apply(base)), chosen != null);
  }

  /** How the data is loaded, checked. */
  DataArguments dataArguments() {
    return data.arguments(preset());
  }
}
