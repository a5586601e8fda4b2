package io.ib.cli;

import io.ib.info.Estimators;
import io.ib.nn.Activation;
import io.ib.nn.Quantization;
import io.ib.nn.WeightInit;
import io.ib.sweep.Dropout;
import io.ib.sweep.SweepConfig;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The network: {@code --widths}, {@code --hidden}, the activation, the init, quantization, noise
 * and dropout.
 */
final class ModelOptions {
  @Option(names = "--widths", split = ",", paramLabel = "K",
      description = "Bottleneck widths to sweep, comma-separated.")
  List<Integer> widths;

  @Option(names = "--hidden", split = ",", paramLabel = "W",
      description = "Widths of the hidden layers before the bottleneck.")
  List<Integer> hidden;

  @Option(names = "--activation", paramLabel = "relu|tanh|linear",
      converter = Converters.ActivationConverter.class, description = "Hidden-layer activation.")
  Activation activation;

  @Option(names = "--init", paramLabel = "pytorch|xavier|he|truncated-normal|saxe",
      converter = Converters.InitConverter.class,
      description = "Weight initialisation: pytorch is nn.Linear's default, truncated-normal the"
          + " IDNNs code's, saxe that of Saxe et al.'s code.")
  WeightInit init;

  @Option(names = "--quantize", paramLabel = "BITS",
      description = "Quantize every hidden layer's activations (and the softmax output, when"
          + " measured) to 2^BITS levels during training and measurement, with straight-through"
          + " gradients (Lorenzen et al. 2022), over a fixed range: [-1, 1] for tanh, [0, 6] for"
          + " ReLU. Exact estimates: --estimator quantized. 0 for none (default).")
  Integer quantize;

  @Option(names = "--quantize-range", paramLabel = "LO:HI",
      description = "The range that --quantize spreads its levels over, instead of the"
          + " activation's (needed for linear layers).")
  String quantizeRange;

  @Option(names = "--noise", paramLabel = "BETA",
      description = "Add Gaussian noise of standard deviation BETA to every hidden layer's output,"
          + " after the activation, in training and measurement (a noisy network, Goldfeld et al."
          + " 2019), seeded per cell and step. Estimate it with --estimator sp. 0 for none"
          + " (default).")
  String noise;

  @Option(names = "--dropout", paramLabel = "P",
      description = "Standard (Bernoulli, inverted) dropout with probability P on the last hidden"
          + " layer, in training only (Adilova et al. 2023's networks), seeded per cell and step."
          + " 0 for none (default).")
  String dropout;

  @Option(names = "--gaussian-dropout", paramLabel = "ALPHA",
      description = "Gaussian dropout on the last hidden layer: its output multiplied by"
          + " independent N(1, ALPHA) factors (variance ALPHA; p/(1-p) matches dropout P), in"
          + " training and measurement (Adilova et al. 2023). Estimate it with --estimator"
          + " gaussian-dropout.")
  String gaussianDropout;

  /** {@code base} with these options applied. */
  SweepConfig apply(SweepConfig base) {
    SweepConfig c = base;
    if (widths != null) {
      c = c.withWidths(widths);
    }
    if (hidden != null) {
      c = c.withHiddenBeforeBottleneck(hidden);
    }
    if (activation != null) {
      c = c.withActivation(activation);
    }
    if (init != null) {
      c = c.withInit(init);
    }
    c = quantization(c);
    if (noise != null) {
      double beta = Estimators.finiteNumber(noise, "--noise");
      if (beta < 0) {
        throw new IllegalArgumentException("--noise takes a standard deviation >= 0, got " + noise);
      }
      c = c.withNoise(beta);
    }
    return dropout(c);
  }

  /** --dropout or --gaussian-dropout applied. */
  private SweepConfig dropout(SweepConfig c) {
    if (dropout != null && gaussianDropout != null) {
      throw new IllegalArgumentException("give --dropout or --gaussian-dropout, not both");
    }
    if (dropout != null) {
      double p = Estimators.finiteNumber(dropout, "--dropout");
      if (!(p >= 0 && p < 1)) {
        throw new IllegalArgumentException("--dropout takes a probability in [0, 1), got "
            + dropout);
      }
      return c.withDropout(Dropout.bernoulli(p));
    }
    if (gaussianDropout != null) {
      double alpha = Estimators.finiteNumber(gaussianDropout, "--gaussian-dropout");
      if (!(alpha > 0)) {
        throw new IllegalArgumentException("--gaussian-dropout takes a variance ALPHA > 0, got "
            + gaussianDropout);
      }
      return c.withDropout(Dropout.gaussian(alpha));
    }
    return c;
  }

  /** --quantize and --quantize-range applied, after the activation. */
  private SweepConfig quantization(SweepConfig c) {
    if (quantize == null && quantizeRange == null) {
      return c;
    }
    int bits = quantize != null ? quantize : c.quantization().bits();
    if (bits < 0 || bits > Quantization.MAX_BITS) {
      throw new IllegalArgumentException("--quantize takes 1 to " + Quantization.MAX_BITS
          + " bits (0 for none), got " + bits);
    }
    if (quantizeRange == null) {
      return c.withQuantizeBits(bits);
    }
    if (bits == 0) {
      throw new IllegalArgumentException("--quantize-range needs --quantize BITS");
    }
    int colon = quantizeRange.indexOf(':', 1);
    if (colon < 0) {
      throw new IllegalArgumentException("--quantize-range must be LO:HI, e.g. 0:4, got '"
          + quantizeRange + "'");
    }
    return c.withQuantization(new Quantization(bits,
        Estimators.finiteNumber(quantizeRange.substring(0, colon), "--quantize-range's lower end"),
        Estimators.finiteNumber(quantizeRange.substring(colon + 1), "--quantize-range's upper end")));
  }
}
