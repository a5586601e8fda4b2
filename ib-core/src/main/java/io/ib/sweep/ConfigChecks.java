package io.ib.sweep;

import io.ib.info.EstimatorSpec;
import io.ib.info.MutualInformationEstimator;
import io.ib.nn.Activation;
import io.ib.nn.MlpArchitecture;
import io.ib.nn.Quantization;
import io.ib.train.MeasurementSchedule;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/** The checks a {@link SweepConfig} passes on construction: every value, and the sweep's size. */
final class ConfigChecks {
  private ConfigChecks() {}

  /**
   * Checks the values of a configuration.
   *
   * @throws IllegalArgumentException naming the value and what it must be
   */
  static void check(List<Integer> widths, List<Integer> hiddenBeforeBottleneck, List<Long> seeds,
      Activation activation, int epochs, int batchSize, MeasurementSchedule schedule,
      List<MutualInformationEstimator> estimators, OutputLayer outputLayer,
      Quantization quantization) {
    if (widths.isEmpty()) {
      throw new IllegalArgumentException("at least one bottleneck width is needed");
    }
    requirePositiveDistinct(widths, "bottleneck widths");
    for (int w : hiddenBeforeBottleneck) {
      if (w < 1) {
        throw new IllegalArgumentException("hidden widths must be at least 1, got "
            + hiddenBeforeBottleneck);
      }
    }
    if (seeds.isEmpty()) {
      throw new IllegalArgumentException("at least one seed is needed");
    }
    if ((long) widths.size() * seeds.size() > SweepConfig.MAX_CELLS) {
      throw new IllegalArgumentException(widths.size() + " widths x " + seeds.size() + " seeds make "
          + (long) widths.size() * seeds.size() + " cells; a sweep has at most " + SweepConfig.MAX_CELLS);
    }
    if (new HashSet<>(seeds).size() != seeds.size()) {
      throw new IllegalArgumentException("seeds must be distinct, got " + seeds);
    }
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
    }
    if (schedule.maxPoints(epochs) > MeasurementSchedule.MAX_POINTS) {
      throw new IllegalArgumentException("measuring at " + schedule.epochs() + " of " + epochs
          + " epochs gives more than " + MeasurementSchedule.MAX_POINTS + " measurement points");
    }
    // The smallest data (one input, two classes) already needs this many parameters.
    List<Integer> layers = new ArrayList<>(hiddenBeforeBottleneck);
    layers.add(Collections.max(widths));
    try {
      new MlpArchitecture(1, layers, 2, activation);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("hidden layers " + layers + " need more than "
          + MlpArchitecture.MAX_PARAMETERS + " parameters, the most a network may have: use"
          + " narrower layers", e);
    }
    requireDistinctEstimates(estimators);
    // The estimator or its shuffled-label baseline.
    if (estimators.stream().anyMatch(e -> e.spec().name().equals("quantized"))) {
      if (!quantization.enabled()) {
        throw new IllegalArgumentException("estimator quantized counts exactly on quantized layers:"
            + " train a quantized network (--quantize BITS)");
      }
      if (outputLayer.logits()) {
        throw new IllegalArgumentException("estimator quantized cannot count on the logits, which"
            + " are not quantized: measure the output layer as softmax (--output-layer softmax)");
      }
    }
  }

  /**
   * Checks the noise of a noisy network: finite, &ge; 0, not combined with quantization; and that the
   * sample-propagation estimator, which needs the noise, has it.
   *
   * @throws IllegalArgumentException naming the value and what it must be
   */
  static void checkNoise(double noise, Quantization quantization,
      List<MutualInformationEstimator> estimators, OutputLayer outputLayer) {
    if (!(noise >= 0) || !Double.isFinite(noise)) {
      throw new IllegalArgumentException("noise must be a finite standard deviation >= 0, got "
          + noise);
    }
    if (noise > 0 && quantization.enabled()) {
      throw new IllegalArgumentException("a network is either noisy or quantized: give --noise or"
          + " --quantize, not both");
    }
    if (estimators.stream().anyMatch(e -> e.spec().name().equals("sp"))) {
      if (noise == 0) {
        throw new IllegalArgumentException("estimator sp estimates a noisy network: add noise to"
            + " the hidden layers (--noise BETA)");
      }
      if (outputLayer != OutputLayer.NONE) {
        throw new IllegalArgumentException("estimator sp estimates noisy hidden layers, and the"
            + " output layer has no noise: measure the hidden layers only (--output-layer none)");
      }
    }
  }

  /**
   * Checks dropout: not combined with noise or quantization; and that the Gaussian-dropout
   * estimator, which needs Gaussian dropout, has it, on the hidden layers only.
   *
   * @throws IllegalArgumentException naming what to change
   */
  static void checkDropout(Dropout dropout, double noise, Quantization quantization,
      List<MutualInformationEstimator> estimators, OutputLayer outputLayer) {
    if (dropout.enabled() && (noise > 0 || quantization.enabled())) {
      throw new IllegalArgumentException("dropout is not combined with " + (noise > 0 ? "--noise"
          : "--quantize") + ": give one of them");
    }
    if (estimators.stream().anyMatch(e -> e.spec().name().equals("gaussian-dropout"))) {
      if (!dropout.gaussian()) {
        throw new IllegalArgumentException("estimator gaussian-dropout estimates a network with"
            + " Gaussian dropout: add it (--gaussian-dropout ALPHA)");
      }
      if (outputLayer != OutputLayer.NONE) {
        throw new IllegalArgumentException("estimator gaussian-dropout estimates the layer with"
            + " dropout, not the output layer: measure the hidden layers only (--output-layer none)");
      }
    }
  }

  /**
   * Checks that no two estimates of these estimators share a spec.
   *
   * @throws IllegalArgumentException naming the estimate and the estimators that produce it
   */
  static void requireDistinctEstimates(List<MutualInformationEstimator> estimators) {
    Map<String, String> producedBy = new HashMap<>();
    for (MutualInformationEstimator e : estimators) {
      for (EstimatorSpec member : e.memberSpecs()) {
        String earlier = producedBy.put(member.toString(), e.spec().toString());
        if (earlier != null) {
          String where = earlier.equals(e.spec().toString()) ? "twice by " + earlier
              : "by both " + earlier + " and " + e.spec();
          throw new IllegalArgumentException("estimator " + member + " is listed " + where
              + ": each estimate may appear once");
        }
      }
    }
  }

  private static void requirePositiveDistinct(List<Integer> values, String what) {
    for (int v : values) {
      if (v < 1) {
        throw new IllegalArgumentException(what + " must be at least 1, got " + values);
      }
    }
    if (new HashSet<>(values).size() != values.size()) {
      throw new IllegalArgumentException(what + " must be distinct, got " + values);
    }
  }
}
