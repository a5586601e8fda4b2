package io.ib.cli;

import io.ib.info.Estimators;
import io.ib.info.MutualInformationEstimator;
import io.ib.info.ShuffledLabels;
import io.ib.sweep.EvaluationSet;
import io.ib.sweep.OutputLayer;
import io.ib.sweep.SweepConfig;
import io.ib.train.MeasurementSchedule;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** What is measured, when, and on which samples. */
final class MeasuringOptions {
  @Option(names = "--estimator", paramLabel = "SPEC",
      description = "An estimator with its parameters; repeat the option for several. Beside"
          + " --preset it adds to the preset's estimators. Syntaxes are listed below.")
  List<String> estimators;

  @Option(names = "--shuffled-baseline",
      description = "Also run every estimator on labels in a fixed shuffled order: I(T; permuted Y)"
          + " is the estimator's bias floor, reported beside its value (spec with"
          + " labels=shuffled).")
  boolean shuffledBaseline;

  @Option(names = "--measure-steps", paramLabel = "S[,S...]|none",
      description = "Optimiser steps at which to measure besides step 0 and the epoch points;"
          + " steps beyond the end of training are left out with a warning.")
  String measureSteps;

  @Option(names = "--epoch-points", paramLabel = "every:N|log:C|none",
      description = "Epochs with a measurement: every N epochs, C log-spaced epochs as the IDNNs"
          + " code (log:400), or none.")
  String epochPoints;

  @Option(names = "--measure-at", paramLabel = "start|end",
      description = "Measure at the start or at the end of those epochs.")
  String measureAt;

  @Option(names = "--measure-on", paramLabel = "test|train|all",
      description = "The samples loss, accuracy and information are measured on.")
  String measureOn;

  @Option(names = "--output-layer", paramLabel = "logits|softmax|both|none", arity = "0..1",
      fallbackValue = "logits",
      description = "Also measure the output layer besides every hidden layer: its logits (given"
          + " without a value), its softmax probabilities (as the papers on the 12-bit task), or"
          + " both.")
  String outputLayer;

  /**
   * {@code base} with these options applied.
   *
   * @param addEstimators whether {@code --estimator} adds to the base's estimators (beside a
   *     preset) instead of replacing them
   */
  SweepConfig apply(SweepConfig base, boolean addEstimators) {
    SweepConfig c = base;
    if (estimators != null) {
      List<MutualInformationEstimator> parsed = new ArrayList<>(
          addEstimators ? c.estimators() : List.of());
      for (String e : estimators) {
        parsed.add(Estimators.parse(e));
      }
      c = c.withEstimators(parsed);
    }
    if (shuffledBaseline) {
      c = c.withEstimators(ShuffledLabels.withBaselines(c.estimators()));
    }
    if (outputLayer != null) {
      c = c.withOutputLayer(OutputLayer.parse(outputLayer));
    }
    if (measureOn != null) {
      c = c.withEvaluateOn(EvaluationSet.parse(measureOn));
    }
    MeasurementSchedule s = c.schedule();
    if (measureSteps != null) {
      s = s.withSteps(steps(measureSteps));
    }
    if (epochPoints != null) {
      s = s.withEpochs(MeasurementSchedule.EpochPoints.parse(epochPoints));
    }
    if (measureAt != null) {
      s = s.withAnchor(MeasurementSchedule.Anchor.parse(measureAt));
    }
    return c.withSchedule(s);
  }

  /** The steps of --measure-steps: a comma-separated list of steps, or "none". */
  static List<Integer> steps(String text) {
    if (text.strip().equalsIgnoreCase("none")) {
      return List.of();
    }
    List<Integer> steps = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      try {
        steps.add(Integer.parseInt(part.strip()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--measure-steps takes steps separated by commas, or"
            + " none; '" + part.strip() + "' in '" + text + "' is not a step");
      }
    }
    return steps;
  }
}
