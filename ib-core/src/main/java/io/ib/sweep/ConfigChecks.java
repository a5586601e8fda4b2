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
