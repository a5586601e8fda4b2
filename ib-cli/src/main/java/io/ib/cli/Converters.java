package io.ib.cli;

import io.ib.nn.Activation;
import io.ib.nn.WeightInit;
import io.ib.sweep.SweepConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Option values that need more than picocli's built-in conversions. */
final class Converters {
  private Converters() {}

  /** Turns a validation failure into picocli's "Invalid value for option" one-liner. */
  static <T> T convertOrExplain(Supplier<T> conversion) {
    try {
      return conversion.get();
    } catch (NumberFormatException e) {
      throw new TypeConversionException("not a number: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }

  /**
   * {@code --seeds}: seeds and ranges of seeds separated by commas, e.g. {@code 7}, {@code 1..4} or
   * {@code 1..3,10}. One spelling, one meaning: {@code 7} is the seed 7.
   */
  static final class Seeds implements ITypeConverter<List<Long>> {
    @Override
    public List<Long> convert(String value) {
      return convertOrExplain(() -> parse(value));
    }

    static List<Long> parse(String value) {
      List<Long> result = new ArrayList<>();
      for (String part : value.strip().split(",", -1)) {
        String p = part.strip();
        int dots = p.indexOf("..");
        if (p.isEmpty()) {
          throw new IllegalArgumentException("'" + value + "' has an empty item: give seeds such as"
              + " 1..4 or 1,5,9");
        }
        if (dots < 0) {
          result.add(Long.parseLong(p));
          continue;
        }
        long from = Long.parseLong(p.substring(0, dots).strip());
        long to = Long.parseLong(p.substring(dots + 2).strip());
        if (to < from) {
          throw new IllegalArgumentException("the range " + p + " is empty: write FROM..TO with"
              + " FROM <= TO, e.g. 1..4");
        }
        if (to - from >= SweepConfig.MAX_CELLS || result.size() + (to - from) >= SweepConfig.MAX_CELLS) {
          throw new IllegalArgumentException("at most " + SweepConfig.MAX_CELLS + " seeds, got "
              + value);
        }
        for (long s = from; s <= to; s++) {
          result.add(s);
        }
      }
      if (result.size() > SweepConfig.MAX_CELLS) {
        throw new IllegalArgumentException("at most " + SweepConfig.MAX_CELLS + " seeds, got "
            + result.size());
      }
      return result;
    }
  }

  /** {@code --activation}. */
  static final class ActivationConverter implements ITypeConverter<Activation> {
    @Override
    public Activation convert(String value) {
      return convertOrExplain(() -> Activation.parse(value));
    }
  }

  /** {@code --init}. */
  static final class InitConverter implements ITypeConverter<WeightInit> {
    @Override
    public WeightInit convert(String value) {
      return convertOrExplain(() -> WeightInit.parse(value));
    }
  }
}
